"""Speech engines behind one interface: spoken text in, compressed audio and its duration out.

Each engine is a small class that turns text into WAV bytes by running its program as a subprocess
(text on stdin, never through a shell); ``render`` picks one by the ``Engine`` choice's value and
compresses its WAV to mono MP3 with ``lameenc``, at a bit rate that is plenty for loudspeakers.
Whatever goes wrong on the server (no program, no voice file, a crash, a timeout) becomes a
``SpeechError`` whose message an official can act on, never a crash of the page or the worker.

Settings read here (all optional): ``ESPEAK_COMMAND`` (default "espeak-ng"), ``PIPER_COMMAND``
(default "piper"), ``PIPER_VOICE`` (path of a Piper .onnx voice; Piper is unusable without it).
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# Same bound as ``Script.spoken_text``: a bulletin is minutes long, never hours.
MAX_CHARS = 60000
# A bulletin of MAX_CHARS renders in seconds on one core; an engine still busy after this has hung.
TIMEOUT = 300
MP3_BITRATE = 64  # kbit/s, mono: speech on horn loudspeakers loses nothing at this rate


class SpeechError(Exception):
    """An engine or voice is missing or failed; the message is Vietnamese, for the official."""


@dataclass(frozen=True)
class Audio:
    data: bytes
    duration: float  # seconds
    extension: str  # "mp3"
    content_type: str  # "audio/mpeg"


@dataclass(frozen=True)
class EngineStatus:
    """Whether an engine can be used on this server and, if not, what the administrator must do."""

    engine: str
    label: str
    usable: bool
    reason: str = ""


@dataclass(frozen=True)
class Wav:
    pcm: bytes  # signed 16-bit little-endian, mono
    rate: int

    @property
    def duration(self) -> float:
        return len(self.pcm) / 2 / self.rate


def _program(command: str) -> str | None:
    """The full path of ``command`` (a name on PATH or a path), or None when it is not there."""
    return shutil.which(command)


def _run(args: list[str], *, text: str, name: str) -> bytes:
    """Run an engine with ``text`` on its stdin; its stdout, or a SpeechError that says what happened."""
    try:
        done = subprocess.run(  # noqa: S603 - a fixed argument list, no shell; the text goes on stdin
            args, input=text.encode("utf-8"), capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise SpeechError(
            _("%(name)s không đọc xong sau %(seconds)s giây; hãy thử lại hoặc chia bài thành bài ngắn hơn.")
            % {"name": name, "seconds": TIMEOUT}
        ) from exc
    except OSError as exc:
        raise SpeechError(_("Không chạy được %(name)s trên máy chủ: %(error)s") % {"name": name, "error": exc}) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[-300:] or _("mã lỗi %(code)s") % {
            "code": done.returncode
        }
        raise SpeechError(_("%(name)s gặp lỗi khi đọc bài: %(detail)s") % {"name": name, "detail": detail})
    return done.stdout


def read_wav(data: bytes, *, name: str) -> Wav:
    """16-bit PCM of a WAV an engine wrote, down-mixed to mono.

    espeak-ng writing to a pipe cannot go back to fill in the sizes in its header, so the frame count
    is taken from the bytes actually there, not from the header.
    """
    try:
        with wave.open(io.BytesIO(data)) as reader:
            channels, width, rate = reader.getnchannels(), reader.getsampwidth(), reader.getframerate()
            pcm = reader.readframes(reader.getnframes())
    except (wave.Error, EOFError) as exc:
        message = _("%(name)s không trả về âm thanh đọc được (%(error)s).")
        raise SpeechError(message % {"name": name, "error": exc}) from exc
    if width != 2:
        message = _("%(name)s trả về âm thanh %(bits)s bit, máy chủ chỉ nhận 16 bit.")
        raise SpeechError(message % {"name": name, "bits": width * 8})
    pcm = pcm[: len(pcm) - len(pcm) % (2 * channels)]
    if channels > 1:
        samples = array("h", pcm)
        pcm = array("h", (sum(samples[i : i + channels]) // channels for i in range(0, len(samples), channels)))
        pcm = pcm.tobytes()
    if not pcm:
        raise SpeechError(_("%(name)s không đọc ra tiếng nào; lời đọc có trống không?") % {"name": name})
    return Wav(pcm=pcm, rate=rate)


class EspeakEngine:
    """espeak-ng, from Debian's package: robotic but offline, fast, and always there. The default."""

    value = "espeak"
    name = "espeak-ng"

    def __init__(self, *, voice: str = "vi", speed: int = 140):
        self.voice = voice  # "vi", or a variant such as "vi+f3" (a female voice)
        self.speed = speed  # words per minute; espeak's own default (175) is too quick for loudspeakers

    @property
    def command(self) -> str:
        return getattr(settings, "ESPEAK_COMMAND", "espeak-ng")

    def problem(self) -> str:
        """Why the engine cannot be used here, or "" when it can."""
        if _program(self.command) is None:
            return _("Máy chủ chưa cài espeak-ng: không tìm thấy chương trình «%(command)s» (cài gói espeak-ng).") % {
                "command": self.command
            }
        return ""

    def wav(self, text: str) -> bytes:
        if problem := self.problem():
            raise SpeechError(problem)
        args = [_program(self.command), "-v", self.voice, "-s", str(self.speed), "--stdout", "--stdin"]
        return _run(args, text=text, name=self.name)


class PiperEngine:
    """Piper, a neural voice: natural, still offline, but it needs its program and a voice file on the server."""

    value = "piper"
    name = "Piper"

    def __init__(self, *, length_scale: float = 1.1):
        self.length_scale = length_scale  # above 1 reads slower; a little slower carries better outdoors

    @property
    def command(self) -> str:
        return getattr(settings, "PIPER_COMMAND", "piper")

    @property
    def voice(self) -> str:
        return str(getattr(settings, "PIPER_VOICE", "") or "")

    def problem(self) -> str:
        if not self.voice:
            return _(
                "Chưa cấu hình tệp giọng đọc Piper (PIPER_VOICE): quản trị máy chủ cần tải một giọng tiếng Việt "
                "(tệp .onnx) và khai báo đường dẫn."
            )
        if not Path(self.voice).is_file():
            return _("Không tìm thấy tệp giọng đọc Piper «%(path)s» trên máy chủ (PIPER_VOICE).") % {"path": self.voice}
        if _program(self.command) is None:
            return _("Máy chủ chưa cài Piper: không tìm thấy chương trình «%(command)s» (PIPER_COMMAND).") % {
                "command": self.command
            }
        return ""

    def wav(self, text: str) -> bytes:
        if problem := self.problem():
            raise SpeechError(problem)
        with tempfile.TemporaryDirectory(prefix="cchc-piper-") as folder:
            out = os.path.join(folder, "out.wav")
            args = [_program(self.command), "--model", self.voice, "--output_file", out]
            args += ["--length_scale", str(self.length_scale)]
            _run(args, text=text, name=self.name)
            try:
                return Path(out).read_bytes()
            except OSError as exc:
                raise SpeechError(_("Piper chạy xong nhưng không ghi ra tệp âm thanh.")) from exc


ENGINES = {engine.value: engine for engine in (EspeakEngine, PiperEngine)}


def engine_for(value: str, **options):
    try:
        return ENGINES[value](**options)
    except KeyError:
        raise SpeechError(_("Không có giọng đọc «%(engine)s».") % {"engine": value}) from None


def engine_status() -> list[EngineStatus]:
    """Each engine, whether this server can use it, and why not (for the admin screens)."""
    from .models import Engine

    statuses = []
    for value, label in Engine.choices:
        problem = engine_for(value).problem()
        statuses.append(EngineStatus(engine=value, label=str(label), usable=not problem, reason=problem))
    return statuses


def to_mp3(wav: Wav) -> bytes:
    encoder = _encoder(wav.rate)
    return bytes(encoder.encode(wav.pcm) + encoder.flush())


def _encoder(rate: int):
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(MP3_BITRATE)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(7)  # LAME's fast mode: twice as quick as 5, no audible loss for speech at 64 kbit/s
    return encoder


def check_length(spoken: str) -> str:
    text = spoken.strip()
    if not text:
        raise SpeechError(_("Lời đọc đang trống: chưa có gì để đọc."))
    if len(text) > MAX_CHARS:
        raise SpeechError(
            _("Lời đọc dài %(length)s ký tự, quá %(limit)s ký tự một bài; hãy chia thành nhiều bài.")
            % {"length": f"{len(text):,}".replace(",", "."), "limit": f"{MAX_CHARS:,}".replace(",", ".")}
        )
    return text


def render_wav(spoken: str, *, engine: str = "espeak", **options) -> Wav:
    """The engine's reading of ``spoken`` as 16-bit mono PCM, before compression."""
    text = check_length(spoken)
    chosen = engine_for(engine, **options)
    return read_wav(chosen.wav(text), name=chosen.name)


def render(spoken: str, *, engine: str = "espeak", **options) -> Audio:
    """``spoken`` read aloud by ``engine`` (an ``Engine`` value), as mono MP3 with its duration.

    ``options`` go to the engine: ``voice`` and ``speed`` for espeak, ``length_scale`` for Piper.
    """
    wav = render_wav(spoken, engine=engine, **options)
    return Audio(data=to_mp3(wav), duration=round(wav.duration, 3), extension="mp3", content_type="audio/mpeg")
