"""The national legal-education topics every commune's contests draw from."""

from django.db import migrations

TOPICS = [
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
    ("hien-phap", "Hiến pháp"),
    ("bau-cu", "Bầu cử"),
    ("dat-dai", "Đất đai"),
    ("hon-nhan-va-gia-dinh", "Hôn nhân và gia đình"),
    ("phong-chong-tham-nhung", "Phòng, chống tham nhũng"),
    ("tiep-cong-dan-khieu-nai-to-cao", "Tiếp công dân, khiếu nại, tố cáo"),
    ("an-toan-giao-thong", "An toàn giao thông"),
    ("pho-bien-giao-duc-phap-luat", "Phổ biến, giáo dục pháp luật"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("contests", "Topic")
    for order, (slug, name) in enumerate(TOPICS, start=1):
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("contests", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
