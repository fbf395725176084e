"""A broadcaster's uploaded recording: its duration is read from real audio files, and a file that
cannot go on air is refused with a reason in Vietnamese."""

from __future__ import annotations

import struct
import subprocess
import wave

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.broadcasts import recordings
from cchc.broadcasts.recordings import read_recording
from cchc.broadcasts.speech import render
from cchc.core.testing import require_espeak

TEXT = "Xã tổ chức lấy ý kiến người dân về mức độ hài lòng với thủ tục hành chính trong tháng này."


def test_an_mp3_is_read_to_the_length_it_plays():
    require_espeak()
    audio = render(TEXT)
    upload = SimpleUploadedFile("ban-tin.mp3", audio.data, content_type="audio/mpeg")
    assert read_recording(upload) == pytest.approx(audio.duration, abs=0.1)
    assert upload.read(3) == audio.data[:3], "the file is left at its start, ready to be saved"


def test_a_wav_from_a_recorder_is_read_to_its_frames(tmp_path):
    require_espeak()
    path = tmp_path / "ghi-am.wav"
    subprocess.run(["espeak-ng", "-v", "vi", "-w", str(path), TEXT], check=True)  # noqa: S603, S607
    with wave.open(str(path)) as w:
        expected = w.getnframes() / w.getframerate()
    upload = SimpleUploadedFile("ghi-am.wav", path.read_bytes(), content_type="audio/wav")
    assert read_recording(upload) == pytest.approx(expected, abs=0.01)


def ogg_opus(seconds: float) -> bytes:
    """An Ogg Opus file's container (the headers a phone's recorder writes and the last page's granule
    position, which is what its length is read from); the one audio packet in it is not real speech."""
    from mutagen.ogg import OggPage

    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, 312, 48000, 0, 0)
    tags = b"OpusTags" + struct.pack("<I", 4) + b"test" + struct.pack("<I", 0)
    packets = [(head, 0), (tags, 0), (b"\xfc" + bytes(40), 312 + int(48000 * seconds))]
    pages = []
    for sequence, (packet, granule) in enumerate(packets):
        page = OggPage()
        page.serial, page.sequence, page.position, page.packets = 7, sequence, granule, [packet]
        page.first, page.last = sequence == 0, sequence == len(packets) - 1
        pages.append(page.write())
    return b"".join(pages)


def test_an_ogg_opus_voice_note_is_read_to_its_length():
    upload = SimpleUploadedFile("ghi-am.ogg", ogg_opus(95.5), content_type="audio/ogg")
    assert read_recording(upload) == pytest.approx(95.5)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ban-tin.mp3", b"Day khong phai am thanh. " * 400),
        ("ban-tin.docx", b"PK\x03\x04" + bytes(2000)),
        ("trong.wav", b""),
    ],
)
def test_a_file_that_is_not_audio_is_refused_in_vietnamese(name, data):
    with pytest.raises(ValidationError, match="Không đọc được tệp này như một bản ghi âm") as caught:
        read_recording(SimpleUploadedFile(name, data))
    assert caught.value.code == "unreadable"


def test_a_file_too_heavy_or_too_long_is_refused_before_it_is_stored(monkeypatch):
    monkeypatch.setattr(recordings, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(ValidationError, match="Tệp ghi âm nặng 1,5 MB, quá giới hạn 1 MB") as caught:
        read_recording(SimpleUploadedFile("nang.ogg", ogg_opus(5) + bytes(1024 * 1024 * 3 // 2)))
    assert caught.value.code == "too_big"
    monkeypatch.setattr(recordings, "MAX_BYTES", 50 * 1024 * 1024)
    with pytest.raises(ValidationError, match="Bản ghi âm dài 120 phút, quá giới hạn 60 phút") as caught:
        read_recording(SimpleUploadedFile("dai.ogg", ogg_opus(2 * 3600)))
    assert caught.value.code == "too_long"
