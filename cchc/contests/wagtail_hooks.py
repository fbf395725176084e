"""The officials' contest screens: the «Cuộc thi pháp luật» menu, the question bank, contests and rounds.

Commune data (``Question``, ``Contest``, ``ContestRound``) uses the scoped viewsets of
``cchc.communes.viewsets``; their writes go through ``actions.RECORD_ACTIONS`` (``CONTEST_EDITORS``
only). The national bank is read-only here. The spreadsheet import is a plain view (``admin_import``).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import path, reverse
from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cchc.communes.menus import PermissionMenuItem
from cchc.communes.viewsets import (
    CommuneCreateView,
    CommuneEditView,
    CommuneOwnedForm,
    CommuneOwnedViewSet,
    CommuneViewSetGroup,
    ReadOnlyViewSetMixin,
)

from . import admin_import, admin_results, bank, entering
from .actions import RECORD_ACTIONS
from .models import CHOICE_LETTERS, Contest, ContestRound, NationalQuestion, Question, Topic

# --- the question form: one box per answer choice, ticks for the correct ones ----------------------------


def choice_field_name(letter: str) -> str:
    return f"phuong_an_{letter.lower()}"


def choice_box(letter: str) -> forms.CharField:
    return forms.CharField(
        label=format_lazy("{} {}", _("Phương án"), letter), required=False, widget=forms.Textarea({"rows": 2})
    )


class QuestionForm(CommuneOwnedForm):
    """The choices are typed in boxes A to F; the model's own rules (``models.choice_errors``) check them."""

    phuong_an_a = choice_box("A")
    phuong_an_b = choice_box("B")
    phuong_an_c = choice_box("C")
    phuong_an_d = choice_box("D")
    phuong_an_e = choice_box("E")
    phuong_an_f = choice_box("F")

    correct = forms.MultipleChoiceField(
        label=_("Đáp án đúng"),
        choices=[(letter, letter) for letter in CHOICE_LETTERS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Đánh dấu phương án đúng; câu hỏi chọn một đáp án chỉ có đúng một phương án đúng"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.choices or []
        for index, letter in enumerate(CHOICE_LETTERS):
            name = choice_field_name(letter)
            if name in self.fields and index < len(stored):
                self.fields[name].initial = stored[index].get("text", "")
        if not self.is_bound:
            self.fields["correct"].initial = [
                CHOICE_LETTERS[i] for i, choice in enumerate(stored) if choice.get("correct")
            ]

    def clean(self):
        data = super().clean()
        correct = set(data.get("correct") or [])
        texts = {letter: (data.get(choice_field_name(letter)) or "").strip() for letter in CHOICE_LETTERS}
        filled = [letter for letter in CHOICE_LETTERS if texts[letter]]
        last = filled[-1] if filled else ""
        for letter in CHOICE_LETTERS:
            if letter < last and not texts[letter]:
                self.add_error(
                    choice_field_name(letter),
                    gettext("Phương án %(letter)s để trống trong khi phương án %(last)s có nội dung.")
                    % {"letter": letter, "last": last},
                )
        for letter in sorted(correct - set(filled)):
            self.add_error(
                "correct", gettext("Phương án %(letter)s để trống nên không thể là đáp án đúng.") % {"letter": letter}
            )
        # The model's clean() judges the rest (count, duplicates, how many are correct).
        self.instance.choices = [{"text": texts[letter], "correct": letter in correct} for letter in filled]
        return data

    def _update_errors(self, errors):
        # The model names its field "choices"; on this form they are the boxes and ticks.
        if hasattr(errors, "error_dict") and "choices" in errors.error_dict:
            moved = errors.error_dict.pop("choices")
            target = "correct" if all(e.code == "correct" for e in moved) else NON_FIELD_ERRORS
            errors.error_dict.setdefault(target, []).extend(moved)
        super()._update_errors(errors)


class TextColumn(Column):
    def get_value(self, instance):
        return Truncator(instance.text).chars(100)


class TopicsColumn(Column):
    def get_value(self, instance):
        return ", ".join(topic.name for topic in instance.topics.all())


class QuestionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("topics")


QUESTION_COLUMNS = [
    "text",
    Column("correct_letters", label=_("Đáp án đúng")),
    TopicsColumn("topics", label=_("Chủ đề")),
    BooleanColumn("is_active", label=_("Đang dùng")),
]


class QuestionViewSet(CommuneOwnedViewSet):
    """Ngân hàng câu hỏi: the commune's own questions."""

    model = Question
    icon = "help"
    menu_label = _("Ngân hàng câu hỏi")
    add_to_admin_menu = False
    index_view_class = QuestionIndexView
    base_form_class = QuestionForm
    copy_view_enabled = False
    list_display = QUESTION_COLUMNS
    list_filter = ["kind", "is_active", "topics"]
    search_fields = ["text", "legal_source"]
    ordering = ["-pk"]
    panels = [
        FieldPanel("text"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(choice_field_name("A")), FieldPanel(choice_field_name("B"))]),
                FieldRowPanel([FieldPanel(choice_field_name("C")), FieldPanel(choice_field_name("D"))]),
                FieldRowPanel([FieldPanel(choice_field_name("E")), FieldPanel(choice_field_name("F"))]),
                FieldPanel("correct"),
            ],
            heading=_("Các phương án trả lời"),
        ),
        FieldPanel("legal_source"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_active"),
    ]


class NationalQuestionViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """Câu hỏi dùng chung: the national bank, read-only for officials (every commune draws from it)."""

    model = NationalQuestion
    icon = "help"
    menu_label = _("Câu hỏi dùng chung")
    add_to_admin_menu = False
    index_view_class = QuestionIndexView
    list_display = QUESTION_COLUMNS
    list_filter = ["kind", "topics"]
    search_fields = ["text", "legal_source"]
    ordering = ["pk"]
    inspect_view_fields = ["text", "kind", "choices", "correct_letters", "legal_source", "topics", "is_active"]

    read_only_history = False  # platform data: its history is the platform's, not a commune's


# --- contests and rounds ------------------------------------------------------------------------------


class ContestViewSet(CommuneOwnedViewSet):
    model = Contest
    icon = "doc-full-inverse"
    menu_label = _("Cuộc thi")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = ["title", "eligibility", "attempt_rule", BooleanColumn("is_published", label=_("Đã công bố"))]
    list_filter = ["is_published", "eligibility"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("slug")]),
        FieldPanel("rules"),
        FieldPanel("prizes"),
        FieldRowPanel([FieldPanel("eligibility"), FieldPanel("identity_kind")]),
        FieldRowPanel([FieldPanel("attempt_rule"), FieldPanel("uses_prediction")]),
        FieldRowPanel([FieldPanel("show_score_on_receipt"), FieldPanel("is_published")]),
    ]


class DrawField(forms.CharField):
    """The round's draw typed as lines «Tên chủ đề: số câu»; stored as ``{topic slug: count}``."""

    widget = forms.Textarea({"rows": 5})

    def prepare_value(self, value):
        if isinstance(value, dict):
            names = dict(Topic.objects.values_list("slug", "name"))
            return "\n".join(f"{names.get(slug, slug)}: {count}" for slug, count in value.items())
        return value

    def to_python(self, value):
        from .importing import text_key, topic_table

        text = super().to_python(value)
        if isinstance(text, dict):
            return text
        table = topic_table()
        draw: dict = {}
        errors = []
        for line in (text or "").splitlines():
            if not line.strip():
                continue
            name, sep, count = line.rpartition(":")
            topic = table.get(text_key(name)) or table.get(name.strip()) if sep else None
            if topic is None:
                errors.append(gettext("Dòng «%(line)s»: không có chủ đề này.") % {"line": line.strip()})
            elif not count.strip().isdigit() or int(count) < 1:
                errors.append(gettext("Dòng «%(line)s»: số câu hỏi phải là số nguyên dương.") % {"line": line.strip()})
            else:
                draw[topic.slug] = draw.get(topic.slug, 0) + int(count)
        if errors:
            raise ValidationError(errors)
        return draw


class RoundForm(CommuneOwnedForm):
    draw = DrawField(
        label=_("Số câu hỏi theo chủ đề"),
        required=False,
        help_text=_("Mỗi dòng một chủ đề, dạng «Tên chủ đề: số câu», ví dụ «Hiến pháp: 5»"),
    )


class BankShortfallWarning:
    """After saving, say which topics the bank cannot supply (``bank.check_bank``)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        saved = getattr(self, "object", None)
        if saved is not None and saved.pk and not form.errors:
            try:
                bank.check_bank(saved, commune=self.request.commune)
            except ValidationError as short:
                messages.warning(
                    self.request,
                    gettext(
                        "Ngân hàng câu hỏi chưa đủ cho đợt thi này: %(problems)s Hãy thêm câu hỏi trước khi mở đợt thi."
                    )
                    % {"problems": " ".join(short.messages)},
                )
        return response


class RoundCreateView(BankShortfallWarning, CommuneCreateView):
    pass


class RoundEditView(BankShortfallWarning, CommuneEditView):
    pass


class RoundIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("contest")


class ContestRoundViewSet(CommuneOwnedViewSet):
    model = ContestRound
    icon = "date"
    menu_label = _("Vòng thi")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = RoundIndexView
    add_view_class = RoundCreateView
    edit_view_class = RoundEditView
    base_form_class = RoundForm
    list_display = [
        "__str__",  # leads to the edit form
        "opens_at",
        "closes_at",
        Column("question_count", label=_("Số câu mỗi người")),
    ]
    list_filter = ["contest"]
    ordering = ["contest", "number"]
    panels = [
        FieldRowPanel([FieldPanel("contest"), FieldPanel("number")]),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("time_limit_minutes"),
        FieldPanel("draw"),
    ]


question_viewset = QuestionViewSet("ngan-hang-cau-hoi")
national_question_viewset = NationalQuestionViewSet("cau-hoi-dung-chung")
contest_viewset = ContestViewSet("cuoc-thi")
round_viewset = ContestRoundViewSet("vong-thi")


class ContestGroup(CommuneViewSetGroup):
    menu_label = _("Cuộc thi pháp luật")
    menu_icon = "doc-full-inverse"
    menu_order = 150
    items = (question_viewset, national_question_viewset, contest_viewset, round_viewset)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        upload = PermissionMenuItem(
            _("Nhập câu hỏi từ Excel"),
            reverse("cchc_contests_import"),
            permission="contests.add_question",
            icon_name="upload",
            order=2,  # after «Câu hỏi dùng chung» (the viewsets are 1, 2, 3, 4)
        )
        items.insert(2, upload)
        results = PermissionMenuItem(
            _("Kết quả cuộc thi"),
            reverse("cchc_contests_results"),
            permission=admin_results.READ_PERMISSION,
            icon_name="list-ol",
            order=5,  # after «Vòng thi»
        )
        items.append(results)
        return items


@hooks.register("register_admin_viewset")
def register_contest_group():
    return ContestGroup()


@hooks.register("register_actions")
def register_contest_actions(registry):
    for model, model_actions in RECORD_ACTIONS.items():
        for action in model_actions:
            registry.register(model, action)


@hooks.register("register_admin_urls")
def register_contest_urls():
    return [
        path("cuoc-thi-phap-luat/nhap-cau-hoi/", admin_import.import_questions, name="cchc_contests_import"),
        path("cuoc-thi-phap-luat/tep-mau/", admin_import.download_template, name="cchc_contests_import_template"),
    ]


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("cuoc-thi-phap-luat/ket-qua/", admin_results.results_index, name="cchc_contests_results"),
        path(
            "cuoc-thi-phap-luat/ket-qua/dot/<int:round_id>/",
            admin_results.round_results,
            name="cchc_contests_round_results",
        ),
        path(
            "cuoc-thi-phap-luat/ket-qua/dot/<int:round_id>/excel/",
            admin_results.round_xlsx,
            name="cchc_contests_round_xlsx",
        ),
        path(
            "cuoc-thi-phap-luat/ket-qua/dot/<int:round_id>/giay-chung-nhan/",
            admin_results.round_certificates,
            name="cchc_contests_round_certificates",
        ),
        path(
            "cuoc-thi-phap-luat/ket-qua/dot/<int:round_id>/cong-bo/",
            admin_results.publish,
            name="cchc_contests_publish_results",
        ),
        path(
            "cuoc-thi-phap-luat/ket-qua/cuoc-thi/<int:contest_id>/",
            admin_results.contest_results,
            name="cchc_contests_contest_results",
        ),
    ]


@hooks.register("register_log_actions")
def register_entry_log_actions(actions):
    actions.register_action(entering.LOG_START, _("Nhận đề thi"), _("Người dự thi nhận đề thi"))
    actions.register_action(entering.LOG_SUBMIT, _("Nộp bài dự thi"), _("Người dự thi nộp bài"))
