import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
django_application = get_wsgi_application()

from cchc.core.arrival import stamp_arrival  # noqa: E402 (needs the apps loaded above)
from cchc.core.page_cache import serve_hits_first  # noqa: E402

# Cached anonymous pages are sent before Django builds a request (cchc/core/page_cache.py); every other
# request carries the time it arrived (cchc/core/arrival.py), which is what a contest's deadline counts.
application = stamp_arrival(serve_hits_first(django_application))
