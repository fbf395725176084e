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

Counting is ``cchc.core.throttle``'s: a fixed one-hour window per key; a slot taken for a form that
is then refused (invalid, or already stored) is given back.
"""

from __future__ import annotations

from django.conf import settings

from cchc.core.throttle import Slot, client_network, take_slot


def per_ip_limit() -> int:
    return int(getattr(settings, "SURVEY_FORMS_PER_HOUR_PER_IP", 30))


def per_kiosk_limit() -> int:
    return int(getattr(settings, "SURVEY_FORMS_PER_HOUR_PER_KIOSK", 600))


def take_web_slot(request, campaign) -> Slot:
    """Count one new form from this client for ``campaign``; ``allowed`` is False past the limit."""
    return take_slot(f"ip:{campaign.pk}:{client_network(request)}", per_ip_limit())


def take_kiosk_slot(campaign) -> Slot:
    """Count one new form from the campaign's kiosk (its token identifies it, not its address)."""
    return take_slot(f"kiosk:{campaign.pk}:{campaign.kiosk_token[:12]}", per_kiosk_limit())
