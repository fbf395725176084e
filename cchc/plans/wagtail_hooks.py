from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets import ListingButton

from cchc.communes.access import roles_in
from cchc.communes.menus import PermissionMenuItem
from cchc.communes.roles import READ_ONLY_ROLES, Role
from cchc.communes.viewsets import CommuneCreateView, CommuneOwnedForm, CommuneOwnedViewSet, CommuneViewSetGroup
from cchc.core.templatetags.vn import date_vn
from cchc.core.text import format_money, person_name

from . import admin_views, import_views
from .actions import tasks_in_reach
from .home import glance, my_work, overseen
from .models import BudgetLine, OutreachActivity, Plan, PlanSection, PlanStatus, ProgressReport, Task, TaskStatus
from .progress import with_article_evidence, with_contest_evidence, with_radio_evidence, with_survey_evidence
from .recurrence import occurrence_summary, with_occurrences
from .structure import Quarter


class PlanIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        buttons.insert(
            0,
            ListingButton(
                _("Tổng quan"), reverse("cchc_plans_dashboard", args=[instance.pk]), icon_name="view", priority=1
            ),
        )
        buttons.insert(
            1,
            ListingButton(
                _("Tải Word"),
                reverse("cchc_plans_download", args=[instance.pk, "docx"]),
                icon_name="download",
                priority=2,
            ),
        )
        buttons.insert(
            2,
            ListingButton(
                _("Tải PDF"),
                reverse("cchc_plans_download", args=[instance.pk, "pdf"]),
                icon_name="doc-full",
                priority=3,
            ),
        )
        return buttons  # fmt: skip


class PlanViewSet(CommuneOwnedViewSet):
    model = Plan
    icon = "doc-full-inverse"
    menu_label = _("Kế hoạch")
    index_view_class = PlanIndexView
    list_display = ["title", "year", Column("number_symbol", label=_("Số, ký hiệu"), accessor="number_label"), "status"]
    list_filter = ["year", "status"]
    search_fields = ["title"]
    inspect_view_enabled = True
    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("doc_type"), FieldPanel("year")]),
                FieldPanel("title"),
                FieldRowPanel([FieldPanel("number"), FieldPanel("symbol")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("issued_on")]),
                FieldRowPanel([FieldPanel("issuing_parent"), FieldPanel("issuing_body")]),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("basis"),
        FieldPanel("intro"),
        FieldPanel("closing"),
        MultiFieldPanel(
            [
                FieldPanel("recipients"),
                FieldRowPanel([FieldPanel("signing_capacity"), FieldPanel("signer_title")]),
                FieldPanel("signer_name"),
            ],
            heading=_("Nơi nhận và người ký"),
        ),
    ]


class PlanSectionViewSet(CommuneOwnedViewSet):
    model = PlanSection
    icon = "list-ul"
    menu_label = _("Nội dung kế hoạch")
    list_display = ["plan", "position", "marker", "text", "role"]
    list_filter = ["plan", "role", "kind"]
    search_fields = ["text"]
    ordering = ["plan", "position"]
    panels = [
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("position"), FieldPanel("kind"), FieldPanel("level")]),
        FieldRowPanel([FieldPanel("marker"), FieldPanel("role")]),
        FieldPanel("text"),
    ]


class TaskIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_article_evidence(with_occurrences(super().get_base_queryset()))

    def get_table(self, object_list):
        # Survey and contest rounds and played airings are matched to their tasks by date, for the tasks of
        # this page only.
        tasks = list(object_list)
        return super().get_table(with_contest_evidence(with_radio_evidence(with_survey_evidence(tasks))))


def task_periods(task: Task) -> str:
    summary = occurrence_summary(task)
    return str(summary) if summary is not None else ""


def task_articles(task: Task) -> str:
    """The published articles, the survey and contest rounds and the airings played that are the task's
    evidence (see ``progress.with_article_evidence``, ``with_survey_evidence``, ``with_contest_evidence``
    and ``with_radio_evidence``); a contest round with its entrants per village after its link."""
    links = [(link.page.url, link.page.title, "") for link in getattr(task, "published_articles", [])]
    links += [
        (
            reverse("cchc_surveys_results", args=[campaign.pk]),
            _("Đợt khảo sát: %(title)s") % {"title": campaign.title},
            "",
        )
        for campaign in getattr(task, "survey_campaigns", [])
    ]
    links += [
        (
            reverse("cchc_contests_round_results", args=[held.round_id]),
            str(held),
            f" ({held.per_village})" if held.villages else "",
        )
        for held in getattr(task, "contest_rounds", [])
    ]
    radio = getattr(task, "radio_evidence", None)
    if radio is not None and radio.played:
        query = f"?year={radio.year}" + (f"&quarter={radio.quarter}" if radio.quarter else "")
        links.append((reverse("cchc_broadcasts_coverage") + query, str(radio), ""))
    return format_html_join(", ", '<a href="{}">{}</a>{}', links)


class TaskViewSet(CommuneOwnedViewSet):
    model = Task
    icon = "tasks"
    menu_label = _("Nhiệm vụ")
    copy_view_enabled = True
    index_view_class = TaskIndexView
    list_display = [
        "title",
        Column("lead_display", label=_("Đơn vị chủ trì"), accessor="lead_label"),
        Column("periods", label=_("Định kỳ"), accessor=task_periods),
        Column(
            "published_articles",
            label=_("Minh chứng (tin bài, đợt khảo sát, cuộc thi, phát thanh)"),
            accessor=task_articles,
        ),
        "quarter",
        "due_date",
        "channel",
        "status",
    ]
    list_filter = ["plan", "quarter", "status", "channel", "lead_unit"]
    search_fields = ["title", "lead_unit_name"]
    ordering = ["quarter", "position"]
    panels = [
        FieldPanel("plan"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("lead_unit"), FieldPanel("status")]),
        FieldPanel("coordinating_units"),
        FieldRowPanel([FieldPanel("quarter"), FieldPanel("due_date"), FieldPanel("channel")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("recurrence"), FieldPanel("times_per_period")]),
        FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_label")]),
        FieldPanel("parent"),
    ]


class ProgressReportCreateView(CommuneCreateView):
    def get_initial_form_instance(self):
        report = super().get_initial_form_instance()
        report.reported_by = self.request.user
        task_id = self.request.GET.get("task")
        if task_id and task_id.isdigit():
            report.task = Task.objects.filter(pk=task_id).first()
        return report


class ProgressReportForm(CommuneOwnedForm):
    """On a phone the task list must be short and readable: the open tasks the official may report on,
    latest plan first, each labelled with its time, its unit and its words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("task")
        commune = self.instance.commune if self.instance.commune_id else None
        if field is None or commune is None:
            return
        open_tasks = tasks_in_reach(commune=commune, user=getattr(self, "for_user", None)).exclude(
            Q(status__in=[TaskStatus.DONE, TaskStatus.CANCELLED])
            | Q(plan__status__in=[PlanStatus.DRAFT, PlanStatus.CLOSED])
        )
        chosen = Q(pk__in=open_tasks.values("pk")) | Q(pk=self.instance.task_id)  # keep a report's own task
        tasks = Task.objects.filter(chosen).select_related("plan", "lead_unit")
        field.queryset = tasks.order_by("-plan__year", "quarter", "position")
        field.label_from_instance = task_choice_label


def task_choice_label(task: Task) -> str:
    when = Quarter(task.quarter).label if task.quarter else (date_vn(task.due_date) if task.due_date else "")
    title = task.title if len(task.title) <= 70 else task.title[:67] + "…"
    return " · ".join(part for part in (f"{task.plan.year}", str(when), task.lead_display, title) if part)


class ProgressReportViewSet(CommuneOwnedViewSet):
    model = ProgressReport
    icon = "date"
    menu_label = _("Báo cáo tiến độ")
    add_view_class = ProgressReportCreateView
    base_form_class = ProgressReportForm
    list_display = [
        "task",
        "reported_on",
        "percent",
        "achieved_value",
        Column("reported_by", label=_("Người báo cáo"), accessor=lambda r: person_name(r.reported_by)),
    ]
    list_filter = ["reported_on", "task__plan"]
    search_fields = ["note"]
    panels = [
        FieldPanel("task"),
        FieldRowPanel([FieldPanel("reported_on"), FieldPanel("percent"), FieldPanel("achieved_value")]),
        FieldPanel("note"),
        InlinePanel("evidence", label=_("Minh chứng (ảnh, PDF, đường dẫn bài viết)"), heading=_("Minh chứng")),
    ]


class OutreachActivityViewSet(CommuneOwnedViewSet):
    model = OutreachActivity
    icon = "group"
    menu_label = _("Hoạt động tuyên truyền")
    list_display = [
        "title", "channel", "held_on", "place", "attendees",
        Column("cost", label=_("Kinh phí"), accessor=lambda activity: format_money(activity.cost)),
    ]  # fmt: skip
    list_filter = ["channel", "plan", "held_on"]
    search_fields = ["title", "place"]
    panels = [
        FieldRowPanel([FieldPanel("plan"), FieldPanel("task")]),
        FieldRowPanel([FieldPanel("channel"), FieldPanel("held_on")]),
        FieldPanel("title"),
        FieldPanel("place"),
        FieldPanel("villages"),
        FieldRowPanel([FieldPanel("attendees"), FieldPanel("quantity")]),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("budget_line")]),
        FieldPanel("notes"),
        InlinePanel("evidence", label=_("Ảnh, tài liệu"), heading=_("Minh chứng")),
    ]


class BudgetLineViewSet(CommuneOwnedViewSet):
    model = BudgetLine
    icon = "table"
    menu_label = _("Kinh phí")
    list_display = [
        "name",
        "plan",
        Column("amount", label=_("Dự toán"), accessor=lambda line: format_money(line.amount)),
    ]
    list_filter = ["plan"]
    panels = [FieldPanel("plan"), FieldPanel("name"), FieldPanel("amount"), FieldPanel("note")]


class PlanGroup(CommuneViewSetGroup):
    menu_label = _("Kế hoạch CCHC")
    menu_icon = "doc-full-inverse"
    menu_order = 100
    items = (
        PlanViewSet("ke-hoach"),
        TaskViewSet("nhiem-vu"),
        ProgressReportViewSet("bao-cao-tien-do"),
        OutreachActivityViewSet("hoat-dong"),
        BudgetLineViewSet("kinh-phi"),
        PlanSectionViewSet("noi-dung-ke-hoach"),
    )

    def get_submenu_items(self):
        items = super().get_submenu_items()
        upload = PermissionMenuItem(
            _("Nhập kế hoạch từ tệp"),
            reverse("cchc_plans_upload"),
            permission="plans.add_plan",
            icon_name="upload",
            order=1,
        )
        items.insert(1, upload)
        return items


@hooks.register("register_actions")
def register_plan_actions(registry):
    from .actions import PLAN_ACTIONS

    for model, actions in PLAN_ACTIONS.items():
        for action in actions:
            registry.register(model, action)


@hooks.register("register_admin_viewset")
def register_plan_viewsets():
    return PlanGroup()


@hooks.register("register_admin_urls")
def register_plan_urls():
    return [
        path("ke-hoach/nhap/", import_views.upload_plan, name="cchc_plans_upload"),
        path("ke-hoach/nhap/<int:import_id>/", import_views.preview_import, name="cchc_plans_import_preview"),
        path("ke-hoach/<int:plan_id>/tong-quan/", admin_views.plan_dashboard, name="cchc_plans_dashboard"),
        path("ke-hoach/<int:plan_id>/trang-thai/", admin_views.set_plan_status, name="cchc_plans_status"),
        path("ke-hoach/<int:plan_id>/lap-nam-moi/", admin_views.copy_plan, name="cchc_plans_copy"),
        path("ke-hoach/<int:plan_id>/tai-ve/<str:fmt>/", admin_views.download_plan, name="cchc_plans_download"),
        path("tep/<path:name>", admin_views.private_file, name="cchc_private_file"),
    ]


class MyWorkPanel(Component):
    """The home page's first word to an official: their open tasks, overdue first, one tap to report."""

    name = "my_work"
    order = 20

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        commune = getattr(request, "commune", None)
        if commune is None or not request.user.has_perm("plans.view_task"):
            return ""
        roles = roles_in(request.user, commune)
        if not request.user.is_superuser and roles <= READ_ONLY_ROLES:
            return ""  # an overseer has no tasks of their own: the glance panel shows them the communes
        work = my_work(commune=commune, user=request.user)
        return render_to_string("plans/home/my_work.html", {"work": work, "perms": parent_context.get("perms")})


class GlancePanel(Component):
    """The chairman's commune at a glance; an overseer's communes, one line each."""

    name = "glance"
    order = 30

    def render_html(self, parent_context=None):
        request = parent_context["request"]
        commune = getattr(request, "commune", None)
        if commune is None or request.user.is_superuser:
            return ""
        rows = overseen(user=request.user)
        oversees = bool(rows)
        if not oversees and Role.CHAIRMAN in roles_in(request.user, commune):
            rows = glance(commune=commune)
        if not rows:
            return ""
        context = {"rows": rows, "oversees": oversees, "current": commune, "request": request}
        return render_to_string("plans/home/glance.html", context, request=request)


@hooks.register("construct_homepage_panels")
def show_my_work(request, panels):
    panels.append(MyWorkPanel())
    panels.append(GlancePanel())


@hooks.register("construct_homepage_summary_items", order=100)
def no_wagtail_page_counts(request, summary_items):
    """Wagtail's "2 trang · 0 ảnh · 0 tài liệu" tells an official nothing about their work."""
    summary_items[:] = []
