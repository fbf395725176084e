"""``manage.py survey_index --commune SLUG --campaign "TITLE" [--json]``: the campaign's satisfaction index."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cchc.surveys.index import campaign_index, rounded

from ._common import existing_campaign, find_commune


def shown(value) -> str:
    figure = rounded(value)
    return "—" if figure is None else f"{figure}".replace(".", ",")


class Command(BaseCommand):
    help = _("In chỉ số hài lòng của một đợt khảo sát: từng tiêu chí, từng yếu tố và chỉ số chung.")

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True, help=_("Đường dẫn (slug) hoặc mã của xã"))
        parser.add_argument("--campaign", required=True, help=_("Tên đợt khảo sát"))
        parser.add_argument("--json", action="store_true", help=_("In kết quả dạng JSON"))

    def handle(self, *args, commune, campaign, json: bool = False, **options):
        commune_obj = find_commune(commune)
        target = existing_campaign(commune_obj, campaign)
        result = campaign_index(target)
        if json:
            self.stdout.write(dumps(result.as_json()))
            return
        self.stdout.write(
            _("Đợt khảo sát: %(title)s — %(commune)s — %(formula)s")
            % {"title": target.title, "commune": commune_obj.name, "formula": target.get_formula_display()}
        )
        self.stdout.write(_("Số phiếu: %(n)d") % {"n": result.responses})
        for number, value in result.elements.items():
            self.stdout.write(
                _("Yếu tố %(number)s. %(name)s: %(value)s")
                % {"number": number, "name": result.names.get(number, ""), "value": shown(value)}
            )
            for code, criterion in result.criteria.items():
                if code.split(".")[0] == number:
                    self.stdout.write(f"    {code:<5} {shown(criterion):>7}  {result.names.get(code, '')}")
        self.stdout.write(_("Chỉ số hài lòng chung: %(value)s") % {"value": shown(result.overall)})


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)
