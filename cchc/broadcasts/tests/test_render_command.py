"""``manage.py render_speech``: an administrator hears a text as the worker would read it.

Every test here passes ``--raw``: ``normalize.to_spoken`` (used without it) is written separately,
so these tests cover the rendering, the file and the messages, not the normalisation."""

from __future__ import annotations

import io

import mutagen
import pytest
from django.core.management import CommandError, call_command

from cchc.core.testing import require_espeak

TEXT = "ủy ban nhân dân xã thông báo: từ ngày mười lăm, bộ phận một cửa nhận hồ sơ cả sáng thứ bảy."


def run(*args) -> str:
    out = io.StringIO()
    call_command("render_speech", *args, stdout=out)
    return out.getvalue().strip()


def test_it_writes_the_mp3_and_prints_its_duration_in_seconds(tmp_path):
    require_espeak()
    output = tmp_path / "thu.mp3"
    printed = run(TEXT, "--output", str(output), "--raw")
    seconds = float(printed)
    assert printed == f"{seconds:.2f}"
    assert seconds > 3
    assert mutagen.File(output).info.length == pytest.approx(seconds, abs=0.1)


def test_a_path_it_cannot_write_is_an_error_in_vietnamese(tmp_path):
    require_espeak()
    with pytest.raises(CommandError, match=r"Không ghi được tệp .*: thư mục chứa tệp không tồn tại"):
        run(TEXT, "--output", str(tmp_path / "khong-co-thu-muc" / "thu.mp3"), "--raw")
    with pytest.raises(CommandError, match="đó là một thư mục"):
        run(TEXT, "--output", str(tmp_path), "--raw")


def test_an_engine_the_server_lacks_is_an_error_in_vietnamese_and_writes_nothing(tmp_path, settings):
    settings.PIPER_VOICE = ""
    output = tmp_path / "thu.mp3"
    with pytest.raises(CommandError, match="Chưa cấu hình tệp giọng đọc Piper"):
        run(TEXT, "--output", str(output), "--engine", "piper", "--raw")
    assert not output.exists()
