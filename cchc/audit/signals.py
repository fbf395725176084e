"""Logins are part of the audit trail: who entered the admin, recorded in each commune they work in."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from wagtail.log_actions import log

# A platform admin may reach every commune; their logins are recorded where they hold a role only.
MAX_COMMUNES_PER_LOGIN = 20


@receiver(user_logged_in)
def log_login(sender, request, user, **kwargs):
    from cchc.communes.access import communes_for_user

    if user.is_superuser:
        return
    for commune in communes_for_user(user)[:MAX_COMMUNES_PER_LOGIN]:
        log(instance=commune, action="cchc.login", user=user)
