"""The days off known for sure when this was written (Bộ luật Lao động 2019 Art. 112; Tết 2026 from
Thông báo 9441/BNV of 16/10/2025). Giỗ Tổ Hùng Vương, the day next to 2/9 and any make-up days are
entered by platform administrators from each year's notice."""

import datetime as dt

from django.db import migrations

KNOWN = [
    (dt.date(2026, 1, 1), "Tết Dương lịch"),
    *[(dt.date(2026, 2, d), "Tết Nguyên đán (TB 9441/BNV ngày 16/10/2025)") for d in range(16, 21)],
    (dt.date(2026, 4, 30), "Ngày Chiến thắng 30/4"),
    (dt.date(2026, 5, 1), "Ngày Quốc tế Lao động 1/5"),
    (dt.date(2026, 9, 2), "Quốc khánh 2/9"),
    (dt.date(2027, 1, 1), "Tết Dương lịch"),
    (dt.date(2027, 4, 30), "Ngày Chiến thắng 30/4"),
    (dt.date(2027, 5, 1), "Ngày Quốc tế Lao động 1/5"),
    (dt.date(2027, 9, 2), "Quốc khánh 2/9"),
]


def seed(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    for day, name in KNOWN:
        CalendarDay.objects.get_or_create(day=day, defaults={"kind": "nghi", "name": name})


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
