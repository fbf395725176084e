"""Where a request came from, for the audit trail: set by the middleware, read when logging."""

from __future__ import annotations

from contextvars import ContextVar

from cchc.core.throttle import client_ip

_ip: ContextVar[str | None] = ContextVar("cchc_audit_ip", default=None)


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
