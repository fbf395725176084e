"""``manage.py normalize_speech "TEXT" [--xa SLUG_OR_CODE]``: the words the speech engine will read.

Officials and developers check a reading here before a script goes on air; ``--xa`` applies that
commune's own reading dictionary on top of the built-in one.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.broadcasts.normalize import commune_terms, to_spoken
from cchc.communes.models import Commune


class Command(BaseCommand):
    help = _("In lời đọc của một đoạn văn bản: số, ngày giờ, chữ viết tắt đã viết thành chữ.")

    def add_arguments(self, parser):
        parser.add_argument("text", help=_("Đoạn văn bản cần đọc"))
        parser.add_argument("--xa", help=_("Đường dẫn (slug) hoặc mã của xã, để dùng từ điển đọc của xã"))

    def handle(self, *args, text: str, xa: str | None = None, **options):
        if not text.strip():
            raise CommandError(_("Chưa có văn bản để đọc."))
        terms = None
        if xa:
            commune = Commune.objects.filter(Q(slug=xa) | Q(code=xa)).first()
            if commune is None:
                raise CommandError(_("Không có xã nào có đường dẫn hoặc mã “%(xa)s”.") % {"xa": xa})
            terms = commune_terms(commune)
        self.stdout.write(to_spoken(text, terms=terms))
