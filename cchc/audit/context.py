"""Where a request came from, for the audit trail: set by the middleware, read when logging."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

_ip: ContextVar[str | None] = ContextVar("cchc_audit_ip", default=None)


def client_ip(request) -> str | None:
    """The client's address, trusting X-Forwarded-For only as far as PROXY_COUNT proxies."""
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def current_ip() -> str | None:
    return _ip.get()


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _ip.set(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            _ip.reset(token)
