"""What both survey commands share: finding the commune by its slug (or code) and the campaign by its title."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db.models import Q
from django.utils.translation import gettext as _

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope
from cchc.surveys.models import Campaign


def find_commune(slug: str) -> Commune:
    commune = Commune.objects.filter(Q(slug=slug) | Q(code=slug)).first()
    if commune is None:
        raise CommandError(_("Không có xã nào có đường dẫn hoặc mã “%(slug)s”.") % {"slug": slug})
    return commune


def find_campaign(commune: Commune, title: str) -> Campaign | None:
    with commune_scope(commune):
        return Campaign.objects.filter(commune=commune, title=title.strip()).select_related("template").first()


def existing_campaign(commune: Commune, title: str) -> Campaign:
    """The commune's campaign of that title, or the Vietnamese error that there is none."""
    campaign = find_campaign(commune, title)
    if campaign is None:
        raise CommandError(
            _("Xã %(commune)s không có đợt khảo sát “%(title)s”.") % {"commune": commune.name, "title": title}
        )
    return campaign
