"""A sent photo, made safe to keep: decoded whole, turned upright, at most 2,000 px, re-encoded as JPEG.

Re-encoding drops the metadata a phone writes into a photo, the place it was taken among them: the
commune keeps the picture of the problem, not where the sender stood. Decoding a 5 MB photo takes
longer than a request should hold a worker, so the task worker does it.
"""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.core.storage import private_storage

from .models import Photo, PhotoStatus
from .receiving import MAX_PIXELS

MAX_SIDE = 2000


def clean_photo(*, commune_id: int, photo_id: int) -> str:
    from PIL import Image, ImageOps

    commune = Commune.objects.get(pk=commune_id)
    with commune_scope(commune):
        photo = Photo.objects.filter(commune=commune, pk=photo_id).first()
        if photo is None or photo.status != PhotoStatus.WAITING:
            return "skipped"
        try:
            with private_storage.open(photo.name, "rb") as stored, Image.open(stored) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise ValueError("too many pixels")
                image.load()
                upright = ImageOps.exif_transpose(image).convert("RGB")
            upright.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            upright.save(out, "JPEG", quality=85, optimize=True)  # no exif= argument: no metadata kept
        except Exception:
            private_storage.delete(photo.name)
            photo.status = PhotoStatus.REFUSED
            photo.size = 0
            photo.note = _("Không đọc được ảnh này.")
            photo.save(update_fields=["status", "size", "note"])
            return "refused"
        old = photo.name
        photo.name = private_storage.save(old.rsplit(".", 1)[0] + "-sach.jpg", ContentFile(out.getvalue()))
        private_storage.delete(old)
        photo.status = PhotoStatus.READY
        photo.size = out.tell()
        photo.save(update_fields=["name", "status", "size"])
        return "ready"
