"""``manage.py normalize_speech``: the spoken form on one line, with or without the commune's dictionary."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cchc.broadcasts.models import SpeechTerm
from cchc.communes.scoping import commune_scope


def run(*args) -> str:
    out = StringIO()
    call_command("normalize_speech", *args, stdout=out)
    return out.getvalue()


def test_prints_the_spoken_form_on_one_line():
    output = run("UBND xã họp lúc 7h30\nngày 05/01/2022.")
    assert output == (
        "ủy ban nhân dân xã họp lúc bảy giờ ba mươi phút. "
        "ngày mùng năm tháng một năm hai nghìn không trăm hai mươi hai.\n"
    )


@pytest.mark.django_db
def test_xa_applies_that_communes_dictionary_by_slug_or_code(commune_a, commune_b):
    with commune_scope(commune_a):
        SpeechTerm.objects.create(commune=commune_a, written="HTX", spoken="hợp tác xã chè")

    assert run("HTX", "--xa", commune_a.slug) == "hợp tác xã chè\n"
    assert run("HTX", "--xa", commune_a.code) == "hợp tác xã chè\n"
    assert run("HTX", "--xa", commune_b.slug) == "hợp tác xã\n"
    assert run("HTX") == "hợp tác xã\n"


@pytest.mark.django_db
def test_an_unknown_commune_is_a_vietnamese_error(commune_a):
    with pytest.raises(CommandError, match="Không có xã nào có đường dẫn hoặc mã “khong-co”"):
        run("UBND", "--xa", "khong-co")


@pytest.mark.parametrize("text", ["", "   \n "])
def test_empty_text_is_a_vietnamese_error(text):
    with pytest.raises(CommandError, match="Chưa có văn bản để đọc"):
        run(text)


def test_empty_text_exits_non_zero_from_the_shell(tmp_path):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "normalize_speech", ""],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "DEBUG": "0", "SECRET_KEY": "test-only", "TESTING": "1"},
        check=False,
    )
    assert result.returncode != 0
    assert "Chưa có văn bản để đọc" in result.stderr
