"""Abuse limits of the public survey form and the kiosk, counted in Django's cache.

- One signed form key stores at most one response: that is ``record_response``'s idempotency, and
  a form sent again (a double tap, a retry) is answered with its first receipt and counts nothing.
- Per client address and campaign, at most ``SURVEY_FORMS_PER_HOUR_PER_IP`` (30) new responses an
  hour: a shared village phone can still send the forms of a family or a meeting, a script cannot
  fill the campaign. The address is the one the audit trail and the login lockout trust
  (``PROXY_COUNT`` proxies in ``X-Forwarded-For``); IPv6 addresses count by their /64 network, the
  part a phone cannot change at will.
- The kiosk is exempt from the address limit (every respondent at the desk shares it) but counts
  under its own token, with a higher ceiling (``SURVEY_FORMS_PER_HOUR_PER_KIOSK``, 600), so that a
  leaked kiosk address cannot be used to flood the campaign either.

Counting is a fixed one-hour window per key, with the cache's atomic ``add`` then ``incr``; a slot
taken for a form that is then refused (invalid, or already stored) is given back.
"""

from __future__ import annotations

import contextlib
import ipaddress
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from cchc.audit.context import client_ip

WINDOW_SECONDS = 3600


def per_ip_limit() -> int:
    return int(getattr(settings, "SURVEY_FORMS_PER_HOUR_PER_IP", 30))


def per_kiosk_limit() -> int:
    return int(getattr(settings, "SURVEY_FORMS_PER_HOUR_PER_KIOSK", 600))


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
    """One counted form; ``release`` gives it back when nothing was stored after all."""

    key: str
    allowed: bool

    def release(self) -> None:
        with contextlib.suppress(ValueError):  # expired in between: nothing to give back
            cache.decr(self.key)


def take_slot(scope: str, limit: int) -> Slot:
    key = f"cchc:survey-limit:{scope}:{int(time.time() // WINDOW_SECONDS)}"
    cache.add(key, 0, WINDOW_SECONDS + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.add(key, 1, WINDOW_SECONDS + 60)
        count = 1
    return Slot(key=key, allowed=count <= limit)


def take_web_slot(request, campaign) -> Slot:
    """Count one new form from this client for ``campaign``; ``allowed`` is False past the limit."""
    return take_slot(f"ip:{campaign.pk}:{client_network(request)}", per_ip_limit())


def take_kiosk_slot(campaign) -> Slot:
    """Count one new form from the campaign's kiosk (its token identifies it, not its address)."""
    return take_slot(f"kiosk:{campaign.pk}:{campaign.kiosk_token[:12]}", per_kiosk_limit())
