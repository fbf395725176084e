"""Speech engines: what the worker gets back from espeak-ng and Piper, and what an official reads
when the server cannot speak."""

from __future__ import annotations

import io
import stat
import sys

import mutagen
import pytest

from cchc.broadcasts import speech
from cchc.broadcasts.speech import SpeechError, engine_status, render
from cchc.core.testing import require_espeak

SHORT = "Ủy ban nhân dân xã thông báo lịch tiếp công dân."
LONG = SHORT + " Bộ phận một cửa làm việc từ thứ hai đến thứ sáu, sáng từ bảy giờ ba mươi đến mười một giờ." * 3


def mp3_length(data: bytes) -> float:
    audio = mutagen.File(io.BytesIO(data))
    assert type(audio).__name__ == "MP3"
    assert audio.info.channels == 1
    return audio.info.length


def test_espeak_reads_vietnamese_into_an_mp3_whose_length_is_the_reported_duration():
    require_espeak()
    audio = render(SHORT)
    assert (audio.extension, audio.content_type) == ("mp3", "audio/mpeg")
    assert audio.duration > 1
    assert mp3_length(audio.data) == pytest.approx(audio.duration, abs=0.1)
    assert mutagen.File(io.BytesIO(audio.data)).info.bitrate == speech.MP3_BITRATE * 1000


def test_a_longer_text_gives_longer_audio_and_a_slower_speed_longer_still():
    require_espeak()
    short, long = render(SHORT), render(LONG)
    assert long.duration > 3 * short.duration
    assert mp3_length(long.data) == pytest.approx(long.duration, abs=0.1)
    assert render(SHORT, speed=100).duration > short.duration * 1.2


def test_without_espeak_on_the_server_the_official_is_told_what_to_install(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # the default command, "espeak-ng", is nowhere on PATH
    with pytest.raises(SpeechError, match="Máy chủ chưa cài espeak-ng"):
        render(SHORT)
    settings.ESPEAK_COMMAND = str(tmp_path / "espeak-ng")
    with pytest.raises(SpeechError, match="Máy chủ chưa cài espeak-ng"):
        render(SHORT)
    espeak = next(s for s in engine_status() if s.engine == "espeak")
    assert not espeak.usable
    assert "espeak-ng" in espeak.reason


def test_engine_status_lists_every_engine_an_official_can_choose():
    require_espeak()
    statuses = {s.engine: s for s in engine_status()}
    assert set(statuses) == {"espeak", "piper"}
    assert statuses["espeak"].usable
    assert statuses["espeak"].reason == ""
    assert "espeak-ng" in statuses["espeak"].label


def test_an_empty_or_overlong_text_is_refused_in_vietnamese():
    with pytest.raises(SpeechError, match="Lời đọc đang trống"):
        render("  \n ")
    with pytest.raises(SpeechError, match="chia thành nhiều bài"):
        render("a" * (speech.MAX_CHARS + 1))


def test_an_unknown_engine_is_an_error_not_a_crash():
    with pytest.raises(SpeechError, match="Không có giọng đọc"):
        render(SHORT, engine="festival")


# Piper: there is no Piper voice on this machine. The tests below check its configuration errors and,
# with a fake ``piper`` program written here, our wiring (arguments, text on stdin, the WAV it writes);
# they say nothing of Piper itself.


def test_piper_without_a_voice_file_says_the_setting_to_fill_in(settings, tmp_path):
    settings.PIPER_VOICE = ""
    with pytest.raises(SpeechError, match=r"Chưa cấu hình tệp giọng đọc Piper \(PIPER_VOICE\)"):
        render(SHORT, engine="piper")
    settings.PIPER_VOICE = str(tmp_path / "vi_VN-voice.onnx")
    with pytest.raises(SpeechError, match="Không tìm thấy tệp giọng đọc Piper"):
        render(SHORT, engine="piper")
    piper = next(s for s in engine_status() if s.engine == "piper")
    assert not piper.usable
    assert "vi_VN-voice.onnx" in piper.reason


FAKE_PIPER = """\
#!{python}
# Stands in for piper: records its arguments and stdin, writes 16-bit mono WAV, 0.05 s per character.
import json, sys, time, wave
args = sys.argv[1:]
text = sys.stdin.buffer.read().decode("utf-8")
open({log!r}, "w", encoding="utf-8").write(json.dumps({{"args": args, "text": text}}))
mode = {mode!r}
if mode == "crash":
    sys.stderr.write("Segmentation fault in onnxruntime")
    sys.exit(139)
if mode == "hang":
    time.sleep(30)
out = args[args.index("--output_file") + 1]
with wave.open(out, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
    w.writeframes(b"\\x10\\x00\\xf0\\xff" * int(22050 * 0.05 * len(text) / 2))
"""


@pytest.fixture
def fake_piper(settings, tmp_path):
    def make(mode="ok"):
        program = tmp_path / f"piper-{mode}"
        log = tmp_path / f"piper-{mode}.json"
        program.write_text(FAKE_PIPER.format(python=sys.executable, log=str(log), mode=mode))
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
        voice = tmp_path / "vi_VN-test-medium.onnx"
        voice.write_bytes(b"not a real voice")
        settings.PIPER_COMMAND, settings.PIPER_VOICE = str(program), str(voice)
        return log

    return make


def test_piper_gets_the_text_on_stdin_and_its_wav_becomes_the_mp3(fake_piper):
    import json

    log = fake_piper()
    text = 'Thông báo "khẩn"; $(rm -rf /) && echo `id`'  # would do harm through a shell
    audio = render(text, engine="piper")
    seen = json.loads(log.read_text(encoding="utf-8"))
    assert seen["text"] == text
    assert seen["args"][:2] == ["--model", speech.settings.PIPER_VOICE]
    assert audio.duration == pytest.approx(0.05 * len(text), abs=0.01)
    assert mp3_length(audio.data) == pytest.approx(audio.duration, abs=0.1)
    assert next(s for s in engine_status() if s.engine == "piper").usable


def test_a_crashing_or_hanging_engine_becomes_a_vietnamese_error(fake_piper, monkeypatch):
    fake_piper("crash")
    with pytest.raises(SpeechError, match="Piper gặp lỗi khi đọc bài: Segmentation fault"):
        render(SHORT, engine="piper")
    fake_piper("hang")
    monkeypatch.setattr(speech, "TIMEOUT", 1)
    with pytest.raises(SpeechError, match="Piper không đọc xong sau 1 giây"):
        render(SHORT, engine="piper")


def test_stereo_or_pipe_written_wav_is_read_by_its_bytes_not_its_header():
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x01\x00\x03" * 16000)
    data = bytearray(buffer.getvalue())
    data[40:44] = (0x7FFFF000).to_bytes(4, "little")  # the size espeak-ng writes when it cannot seek
    wav = speech.read_wav(bytes(data), name="test")
    assert wav.duration == pytest.approx(1.0)
    assert wav.pcm[:2] == (0x0200).to_bytes(2, "little")  # (0x0100 + 0x0300) / 2: down-mixed to mono
