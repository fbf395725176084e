from django.utils.functional import lazy
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column

from cchc.communes.viewsets import CommuneOwnedViewSet

from .catalogue import INDICES
from .models import IndexScore
from .numbers import format_score


def component_help() -> str:
    """The components of each index as its method names them (a name typed without tones is matched)."""

    def line(info):
        names = "; ".join(
            f"{c.name} ({_('tối đa')} {format_score(c.max_score)})" if c.max_score else c.name for c in info.components
        )
        return info.code, names

    return format_html(
        "<p>{}</p><ul>{}</ul>",
        _("Tên các thành phần theo phương pháp của từng chỉ số:"),
        format_html_join("", "<li><strong>{}</strong>: {}</li>", (line(info) for info in INDICES.values())),
    )


class IndexScoreViewSet(CommuneOwnedViewSet):
    model = IndexScore
    icon = "table"
    menu_label = _("Chỉ số CCHC")
    menu_order = 130
    add_to_admin_menu = True
    list_display = [
        "index",
        "year",
        Column("component", label=_("Thành phần"), accessor="component_label"),
        "score",
        "max_score",
        BooleanColumn("is_illustrative", label=_("Minh họa")),
    ]
    list_filter = ["index", "year", "is_illustrative"]
    search_fields = ["component", "source"]
    ordering = ["index", "-year", "component"]
    panels = [
        FieldRowPanel([FieldPanel("index"), FieldPanel("year")]),
        FieldPanel("component"),
        HelpPanel(lazy(component_help, str)()),
        FieldRowPanel([FieldPanel("score"), FieldPanel("max_score")]),
        FieldPanel("source"),
        FieldPanel("is_illustrative"),
    ]


@hooks.register("register_actions")
def register_index_actions(registry):
    from .actions import INDEX_ACTIONS

    for model, actions in INDEX_ACTIONS.items():
        for action in actions:
            registry.register(model, action)


@hooks.register("register_admin_viewset")
def register_index_viewset():
    return IndexScoreViewSet("chi-so")
