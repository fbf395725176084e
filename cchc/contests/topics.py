"""The national legal-education topics every commune's contests draw from: one list, one way to seed it.

The data migration seeds them; the demo loader seeds them again when a test's flush has emptied the
tables (a browser journey's live server truncates every table, migration data included).
"""

from __future__ import annotations

NATIONAL_TOPICS = [
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


def ensure_national_topics(topic_model=None) -> None:
    """Create any national topic that is missing; existing ones are left as officials renamed them."""
    if topic_model is None:
        from .models import Topic as topic_model
    for order, (slug, name) in enumerate(NATIONAL_TOPICS, start=1):
        topic_model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
