"""Counting public submissions per client, in Django's cache: one helper for every public form.

A fixed one-hour window per key, with the cache's atomic ``add`` then ``incr``. The client is the
address the audit trail and the login lockout trust (``PROXY_COUNT`` proxies in ``X-Forwarded-For``);
an IPv6 address counts by its /64 network, the part a phone cannot change at will. A slot taken for a
submission that is then refused (invalid, or already stored) is given back with ``release``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def client_ip(request) -> str | None:
    """The client's address, trusting X-Forwarded-For only as far as PROXY_COUNT proxies."""
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def client_network(request) -> str:
    """The client address as the login lockout sees it; for IPv6, its /64 network."""
    raw = client_ip(request) or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return raw[:64]
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@dataclass
class Slot:
    """One counted submission; ``release`` gives it back when nothing was stored after all."""

    key: str
    allowed: bool

    def release(self) -> None:
        with contextlib.suppress(ValueError):  # expired in between: nothing to give back
            cache.decr(self.key)


def take_slot(scope: str, limit: int) -> Slot:
    key = f"cchc:limit:{scope}:{int(time.time() // WINDOW_SECONDS)}"
    cache.add(key, 0, WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, WINDOW_SECONDS + 60)
        count = 1
    return Slot(key=key, allowed=count <= limit)
