"""Anonymous public pages answered from a cache, before the session, the user or the database are touched.

A citizen's phone carries no session cookie; everyone without one sees the same page for the same
host and address, so the page rendered for the first such visitor can be sent to the next ones. The
middleware comes first, so that what it stores carries every header the others add; in production
``serve_hits_first`` (cchc/wsgi.py) answers hits before Django even builds a request. A hit costs
a cache lookup and the generation check below, and no query.

Who is answered from the cache (``eligible``): GET and HEAD, no ``Authorization`` header, a path
outside the admin (``/quan-tri/``: officials, forms), static and media files, ``/api/`` (machines: its answers depend on
parameters and headers, integrators want fresh data, and it is not what a phone loads) and
``/tai-lieu/`` (documents: streamed files with their own privacy rules), and no cookie except those
named in ``PAGE_CACHE_IGNORED_COOKIES`` (the CSRF cookie: a page that uses it always sets it again,
so such a page is never stored). A session, messages or language cookie means the visitor may see
something of their own: no cache.

What is stored (``storable``): a 200, not streamed, a page (HTML, XML, feeds, text) under
``PAGE_CACHE_MAX_BYTES``, that sets no cookie, is not ``private``/``no-cache``/``no-store``, and
varies on nothing but ``Cookie``, ``Accept-Language`` and ``Accept-Encoding``. ``Vary: Cookie`` is
accepted because every eligible request has the same cookies as far as the page can tell: no session
(Wagtail's user bar reads ``request.user`` on every page, which marks every page ``Vary: Cookie``),
and a CSRF form sets its cookie, which rules the page out. The key holds the scheme, the host, the
full path with its query string, the accepted encodings, and the language when there is more than one.

Invalidation: each entry carries the generations it was rendered under, one for the whole platform
and one for the commune of the host: the commune the commune middleware found for that host when
the process last rendered a page of it (so the first request for a host in a process is not stored;
``core`` needs nothing of ``communes`` for it, and a hit needs no lookup).
A newer generation makes the entry stale. The commune's generation moves on every audit record
(every rule-carrying write of commune data creates one), on Wagtail's publish, unpublish, move and
delete of a page of the commune; the platform's on a change of the shared procedure catalogue, of a
site or of a commune. Generations move once the transaction commits, so that no page rendered from
the old data outlives the change. ``PAGE_CACHE_SECONDS`` (300) bounds what no signal tells about
(a write with no audit record, a time-dependent list).

Where: pages in the ``pages`` cache (Redis when ``REDIS_URL`` is set, else each process's memory).
Generations must be seen by every process (the task worker publishes scheduled pages): in Redis
with the pages, else in small files under ``PAGE_CACHE_GENERATIONS_DIR``, shared by every process on
the machine. A process reads them again at most every ``PAGE_CACHE_GENERATION_RECHECK`` seconds
(0.1): a change is seen at once by the process that made it, within 0.1 s by the others.

``PAGE_CACHE_ENABLED`` (env ``PAGE_CACHE``) is on in production and off under ``TESTING``, so that
tests which change rows directly still read fresh pages; this module's tests turn it on.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
import uuid
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.translation import get_language_from_request
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_ALIAS = "pages"
PLATFORM = "platform"
STORED_TYPES = ("text/", "application/xml", "application/rss+xml", "application/atom+xml")
VARY_ALLOWED = frozenset({"cookie", "accept-language", "accept-encoding"})
ENCODINGS = ("br", "gzip", "zstd", "deflate")
HEADER = "X-Cache"
# The query parameters of the citizens' pages (news page, category, tag, search, sitemap page).
CACHED_QUERY_KEYS = frozenset({"trang", "chuyen-muc", "the", "q", "p"})
MAX_QUERY_STRING = 200
# Audit records that change nothing a public page shows: a login; a survey form (an open round takes
# forms, and only closed rounds' figures are public: closing the round is an edit, which does count); a
# contest paper handed out or in (results become public only when an official publishes them).
RECORDS_OF_NO_CHANGE = frozenset(
    {
        "cchc.login",
        "cchc.survey_response",
        "cchc.radio_feedback",
        "cchc.contest_start",
        "cchc.contest_entry",
        "cchc.feedback_received",
        # Handling a message changes no public page until its answer is published (the code page is
        # never cached); publishing and unpublishing do empty the cache.
        "cchc.feedback_assigned",
        "cchc.feedback_declined",
        "cchc.feedback_drafted",
        "cchc.feedback_returned",
        "cchc.feedback_approved",
        "cchc.feedback_limits_set",
    }
)


@dataclass(frozen=True)
class Config:
    """The settings this module reads on every request, read once (and again when a test changes them)."""

    enabled: bool
    seconds: int
    max_bytes: int
    excluded_paths: tuple[str, ...]
    ignored_cookies: frozenset[str]
    several_languages: bool
    generations_dir: str
    recheck: float


@functools.cache
def config() -> Config:
    admin = "/" + settings.WAGTAILADMIN_PATH.strip("/") + "/"
    excluded = getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", None)
    return Config(
        enabled=getattr(settings, "PAGE_CACHE_ENABLED", False),
        seconds=getattr(settings, "PAGE_CACHE_SECONDS", 300),
        max_bytes=getattr(settings, "PAGE_CACHE_MAX_BYTES", 512 * 1024),
        excluded_paths=tuple(excluded)
        if excluded is not None
        else (admin, "/api/", "/tai-lieu/", settings.STATIC_URL, settings.MEDIA_URL),
        ignored_cookies=frozenset({settings.CSRF_COOKIE_NAME, *getattr(settings, "PAGE_CACHE_IGNORED_COOKIES", ())}),
        several_languages=len(settings.LANGUAGES) > 1,
        generations_dir=str(getattr(settings, "PAGE_CACHE_GENERATIONS_DIR", settings.BASE_DIR / "data" / "page-cache")),
        recheck=getattr(settings, "PAGE_CACHE_GENERATION_RECHECK", 0.1),
    )


@receiver(setting_changed, dispatch_uid="cchc_page_cache_setting_changed")
def _setting_changed(**kwargs):
    config.cache_clear()
    _known.clear()
    _hosts.clear()


def enabled() -> bool:
    return config().enabled


def _pages():
    return caches[CACHE_ALIAS]


# Generations ------------------------------------------------------------------------------------
#
# Each process remembers the generations it read for ``recheck`` seconds (0.1 by default): a hit
# then costs no file read nor Redis round trip for them. A change made in this process is seen at
# once; one made in another process (the task worker, the other web workers) within ``recheck``.

_known: dict[str, tuple[object, float]] = {}


def _shared(cache) -> bool:
    """A process-local cache cannot carry generations between processes; files do instead."""
    return not isinstance(cache, LocMemCache)


def _generation_key(scope: str) -> str:
    return f"gen:{scope}"


def _read_file_generation(scope: str) -> bytes:
    path = os.path.join(config().generations_dir, scope)
    try:
        with open(path, "rb") as file:
            return file.read()
    except FileNotFoundError:
        return _write_file_generation(scope)


def _write_file_generation(scope: str) -> bytes:
    directory = config().generations_dir
    os.makedirs(directory, exist_ok=True)
    value = uuid.uuid4().bytes
    temporary = os.path.join(directory, f".{scope}.{uuid.uuid4().hex}")
    with open(temporary, "wb") as file:
        file.write(value)
    os.replace(temporary, os.path.join(directory, scope))  # atomic: a reader sees the old or the new, never half
    return value


def _read_generations(cache, scopes: tuple[str, ...]) -> dict[str, object]:
    if not _shared(cache):
        return {scope: _read_file_generation(scope) for scope in scopes}
    names = {_generation_key(scope): scope for scope in scopes}
    found = cache.get_many(list(names))
    generations = {}
    for name, scope in names.items():
        value = found.get(name)
        if value is None:  # never set or evicted: a fresh one, so that no older entry matches it
            cache.add(name, uuid.uuid4().hex, None)
            value = cache.get(name)
        generations[scope] = value
    return generations


def _generations(cache, scopes: tuple[str, ...]) -> tuple:
    now = time.monotonic()
    recheck = config().recheck
    stale = tuple(s for s in scopes if (known := _known.get(s)) is None or now - known[1] > recheck)
    if stale:
        for scope, value in _read_generations(cache, stale).items():
            _known[scope] = (value, now)
    return tuple(_known[s][0] for s in scopes)


def _bump_now(scope: str) -> None:
    cache = _pages()
    if _shared(cache):
        value = uuid.uuid4().hex
        cache.set(_generation_key(scope), value, None)
    else:
        value = _write_file_generation(scope)
    _known[scope] = (value, time.monotonic())


def bump(scope: str) -> None:
    """Make every page of ``scope`` (a commune id or ``PLATFORM``) stale once the transaction commits."""
    if enabled():
        transaction.on_commit(lambda: _bump_now(str(scope)))


def forget_commune(commune_id: int | None) -> None:
    bump(PLATFORM if commune_id is None else str(commune_id))


def forget_everything() -> None:
    bump(PLATFORM)


# Requests ---------------------------------------------------------------------------------------
#
# Everything a hit needs is read from the WSGI environ (``request.META`` is that same dict), so that
# the middleware and the WSGI front (``serve_hits_first``) decide alike and find the same entry.


def eligible(meta) -> bool:
    settings_now = config()
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in meta:
        return False
    if meta.get("PATH_INFO", "").startswith(settings_now.excluded_paths):
        return False
    raw_cookies = meta.get("HTTP_COOKIE")
    if raw_cookies and not settings_now.ignored_cookies.issuperset(parse_cookie(raw_cookies)):
        return False
    # Only the parameters the pages read: any other query string (``/?x=1``, ``/?x=2``…) would be one
    # more entry each, and a crawler or an attacker could fill the cache with them.
    query = meta.get("QUERY_STRING", "")
    if not query:
        return True
    if len(query) > MAX_QUERY_STRING:
        return False
    return {name for name, _ in parse_qsl(query, keep_blank_values=True)} <= CACHED_QUERY_KEYS


def _host_id(meta) -> str:
    """The raw inputs Django's ``get_host`` reads. An id enters ``_hosts`` only after a rendering in
    which ``get_host`` accepted it, so a hit never answers a host that ``ALLOWED_HOSTS`` refuses."""
    forwarded = meta.get("HTTP_X_FORWARDED_HOST", "") if settings.USE_X_FORWARDED_HOST else ""
    return f"{forwarded}|{meta.get('HTTP_HOST', '')}|{meta.get('SERVER_NAME', '')}:{meta.get('SERVER_PORT', '')}"


def cache_key(meta, language: str = "") -> str:
    """Scheme (and the proxy's header that decides it), host, full path, accepted encodings, language."""
    proxy_header = settings.SECURE_PROXY_SSL_HEADER[0] if settings.SECURE_PROXY_SSL_HEADER else ""
    scheme = f"{meta.get('wsgi.url_scheme', '')}|{meta.get(proxy_header, '') if proxy_header else ''}"
    accepted = meta.get("HTTP_ACCEPT_ENCODING", "")
    encodings = ",".join(e for e in ENCODINGS if e in accepted)
    path = f"{meta.get('SCRIPT_NAME', '')}{meta.get('PATH_INFO', '')}?{meta.get('QUERY_STRING', '')}"
    raw = f"{scheme}\n{_host_id(meta)}\n{path}\n{encodings}\n{language}"
    return "page:" + hashlib.blake2b(raw.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


# The commune of each host, as the commune middleware found it when it last rendered a page for
# the host in this process (``request.site_commune``): a hit then needs no lookup at all, and
# ``core`` imports nothing of ``communes``. Every render checks it again; a host whose commune
# changed (the site moved, which moves the platform's generation too) is stored from the next one.
_hosts: dict[str, str] = {}
UNKNOWN = object()


def _rendered_scope(request) -> object:
    if not hasattr(request, "site_commune"):
        return UNKNOWN  # answered before the commune middleware (a redirect of CommonMiddleware…)
    commune = request.site_commune
    return str(commune.pk) if commune is not None else "none"


def _current_generations(cache, meta) -> tuple | None:
    scope = _hosts.get(_host_id(meta))
    return _generations(cache, (PLATFORM, scope)) if scope is not None else None


def _fresh_entry(cache, key: str, generations: tuple | None) -> tuple[int, dict, bytes] | None:
    if generations is None:
        return None
    entry = cache.get(key)
    if entry is not None and entry[0] == generations:
        return entry[1], entry[2], entry[3]
    return None


def storable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= VARY_ALLOWED:
        return False
    if not response.get("Content-Type", "").startswith(STORED_TYPES):
        return False
    return len(response.content) <= config().max_bytes


class AnonymousPageCacheMiddleware:
    """Answer an anonymous request for a public page from the cache; store what is safe to share.

    First in ``MIDDLEWARE``: what it stores carries every header the other middleware add (security
    headers, Content-Length), so that a hit, here or in the WSGI front, sends the same bytes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if not enabled() or not eligible(meta):
            return self.get_response(request)
        request.get_host()  # first: it refuses a host that ALLOWED_HOSTS does not allow
        language = get_language_from_request(request) if config().several_languages else ""
        key = cache_key(meta, language)
        cache = _pages()
        generations = _current_generations(cache, meta)
        hit = _fresh_entry(cache, key, generations)
        if hit is not None:
            status, headers, content = hit
            response = HttpResponse(content, status=status, headers=headers)
            response[HEADER] = "HIT"
            return response
        response = self.get_response(request)
        rendered = _rendered_scope(request)
        host_id = _host_id(meta)
        if rendered is not UNKNOWN and rendered != _hosts.get(host_id):
            if len(_hosts) > 10_000:  # hosts are checked against ALLOWED_HOSTS, but "*" allows any
                _hosts.clear()
            _hosts[host_id] = rendered  # not stored this time: its generations were read for another commune
        elif rendered is not UNKNOWN and request.method == "GET" and storable(response):
            entry = (generations, response.status_code, dict(response.items()), response.content)
            cache.set(key, entry, config().seconds)
        response[HEADER] = "MISS"
        return response


def serve_hits_first(application):
    """Wrap the WSGI application: a fresh cached page is sent before Django builds a request.

    No request object, no middleware, no signals: the cost of a hit is the eligibility check on
    the environ, one cache read and the generation check, which is what lets a cached page come
    near the server's own ceiling. Misses, and any request the middleware would not answer from the
    cache, go to Django unchanged; storing stays with the middleware. With several languages the
    key needs Django's language negotiation, so the front steps aside.
    """

    def serve(environ, start_response):
        settings_now = config()
        if settings_now.enabled and not settings_now.several_languages and eligible(environ):
            cache = _pages()
            hit = _fresh_entry(cache, cache_key(environ), _current_generations(cache, environ))
            if hit is not None:
                status, headers, content = hit
                start_response(f"{status} {HTTPStatus(status).phrase}", [*headers.items(), (HEADER, "HIT")])
                return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else content]
        return application(environ, start_response)

    return serve


# What makes pages stale --------------------------------------------------------------------------


def _commune_of_page(page) -> int | None:
    """The commune whose site holds ``page``: one query on the page's path, nothing cached that could
    be stale (Wagtail's ``get_site`` reads its site paths from the cache)."""
    steps = Page.steplen
    prefixes = [page.path[:i] for i in range(steps, len(page.path) + 1, steps)]
    sites = Site.objects.filter(root_page__path__in=prefixes).order_by("-root_page__depth")
    return sites.values_list("commune__pk", flat=True).first()


@receiver(page_published, dispatch_uid="cchc_page_cache_published")
@receiver(page_unpublished, dispatch_uid="cchc_page_cache_unpublished")
def _page_changed(sender, instance, **kwargs):
    if enabled():
        forget_commune(_commune_of_page(instance))


@receiver(post_page_move, dispatch_uid="cchc_page_cache_moved")
def _page_moved(sender, **kwargs):
    forget_everything()  # it may have left one commune's tree for another's


@receiver(post_delete, sender=Page, dispatch_uid="cchc_page_cache_page_deleted")
def _page_deleted(sender, instance, **kwargs):
    # sender=Page: a specific page's deletion deletes its Page row too. Listening to every model would
    # turn off Django's fast bulk deletes everywhere.
    if enabled():
        forget_commune(_commune_of_page(instance))


@receiver(post_save, sender=PageViewRestriction, dispatch_uid="cchc_page_cache_restricted")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="cchc_page_cache_unrestricted")
def _page_privacy_changed(sender, instance, **kwargs):
    # A page made private must leave the cache at once (privacy is in Wagtail's page log, not ours).
    if enabled():
        forget_commune(_commune_of_page(instance.page))


@receiver(post_save, sender="audit.CommuneLogEntry", dispatch_uid="cchc_page_cache_audit")
def _commune_data_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.action not in RECORDS_OF_NO_CHANGE:
        forget_commune(instance.commune_id)


PLATFORM_MODELS = (
    "procedures.Procedure",
    "procedures.ProcedureField",
    "procedures.FormTemplate",
    "procedures.LifeEvent",
    "communes.Commune",
    "wagtailcore.Site",
)


def _platform_data_changed(sender, raw=False, **kwargs):
    if not raw:
        forget_everything()


for _model in PLATFORM_MODELS:
    post_save.connect(_platform_data_changed, sender=_model, dispatch_uid=f"cchc_page_cache_saved_{_model}")
    post_delete.connect(_platform_data_changed, sender=_model, dispatch_uid=f"cchc_page_cache_deleted_{_model}")
