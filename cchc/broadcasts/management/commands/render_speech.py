"""Read a text aloud into an MP3 file, as the worker would for a script: to hear a voice or a reading
before it goes on air, or to check a server's speech engines. Prints the duration in seconds."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.broadcasts.models import Engine
from cchc.broadcasts.speech import SpeechError, render


class Command(BaseCommand):
    help = _("Đọc một đoạn văn thành tệp MP3 và in thời lượng (giây).")

    def add_arguments(self, parser):
        parser.add_argument("text", help=gettext_lazy("Văn bản cần đọc"))
        parser.add_argument("--output", required=True, help=gettext_lazy("Tệp MP3 ghi ra"))
        parser.add_argument("--engine", default=Engine.ESPEAK, choices=list(Engine.values))
        parser.add_argument(
            "--raw", action="store_true", help=gettext_lazy("Đọc nguyên văn, không viết số và chữ tắt thành lời")
        )

    def handle(self, *args, **opts):
        text = opts["text"]
        if not opts["raw"]:
            from cchc.broadcasts.normalize import to_spoken

            text = to_spoken(text)
        try:
            audio = render(text, engine=opts["engine"])
        except SpeechError as exc:
            raise CommandError(str(exc)) from exc
        output = Path(opts["output"])
        try:
            output.write_bytes(audio.data)
        except OSError as exc:
            message = _("Không ghi được tệp %(path)s: %(reason)s")
            raise CommandError(message % {"path": output, "reason": _why(exc)}) from exc
        self.stdout.write(f"{audio.duration:.2f}")


def _why(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return _("thư mục chứa tệp không tồn tại")
    if isinstance(exc, PermissionError):
        return _("không có quyền ghi vào đó")
    if isinstance(exc, IsADirectoryError):
        return _("đó là một thư mục, không phải tệp")
    return str(exc)
