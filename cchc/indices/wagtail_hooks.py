from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn, Column

from cchc.communes.viewsets import CommuneOwnedViewSet

from .models import IndexScore


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
