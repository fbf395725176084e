"""Storage for files that only officials of their commune may open (evidence, uploaded plans).

They live outside MEDIA_ROOT, so a web server serving /media/ never exposes them; their URLs
point at an admin view that checks the official's commune before sending the file.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url="/" + settings.WAGTAILADMIN_PATH.strip("/") + "/tep/")

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)


private_storage = PrivateStorage()
