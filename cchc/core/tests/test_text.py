import datetime as dt

import pytest

from cchc.core.text import fold_vietnamese, format_date_long, format_date_short, format_money, slugify_vi


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng ký khai sinh", "dang ky khai sinh"),
        ("Định Biên", "dinh bien"),
        ("Đặng Văn Ước", "dang van uoc"),
        ("ẪẴẶỄỆỖỘỠỢỮỰỸ", "aaaeeoooouuy"),
        ("", ""),
    ],
)
def test_fold_vietnamese_strips_tones_and_reads_d_bar_as_d(text, folded):
    assert fold_vietnamese(text) == folded


def test_fold_vietnamese_treats_decomposed_input_like_composed():
    import unicodedata

    assert fold_vietnamese(unicodedata.normalize("NFD", "Nguyễn Thị Hồng")) == "nguyen thi hong"


def test_slug_keeps_the_d_that_django_slugify_drops():
    assert slugify_vi("Xã Định Biên") == "xa-dinh-bien"
    assert slugify_vi("  Thôn Bản Piềng (mới)!  ") == "thon-ban-pieng-moi"


def test_dates_are_written_as_officials_write_them():
    assert format_date_long(dt.date(2022, 1, 5)) == "ngày 05 tháng 01 năm 2022"
    assert format_date_short(dt.date(2022, 1, 5)) == "05/01/2022"


def test_money_uses_dots_for_thousands():
    assert format_money(1500000) == "1.500.000 đ"
    assert format_money(0) == "0 đ"
