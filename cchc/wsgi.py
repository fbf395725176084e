import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
django_application = get_wsgi_application()

from cchc.core.page_cache import serve_hits_first  # noqa: E402 (needs the apps loaded above)

# Cached anonymous pages are sent before Django builds a request (cchc/core/page_cache.py).
application = serve_hits_first(django_application)
