"""Legal-knowledge contests (cuộc thi tìm hiểu pháp luật): topics, the question bank, contests and rounds.

The bank has two parts: ``NationalQuestion`` rows, shared by every commune (platform-wide, like the
national procedure catalogue), and each commune's own ``Question`` rows. Both follow the same rules
(``QuestionBase.clean``), which the spreadsheet import applies too. A round draws its questions per
topic (``ContestRound.draw``: ``{topic slug: count}``) from both parts; ``bank.py`` checks the bank can
supply them. How a round is ranked lives in ``ranking.py`` alone.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cchc.communes.models import CommuneOwned, Unit, Village
from cchc.core.phones import ascii_digits, normalize_phone

from .ranking import AttemptRule, Rules

MIN_CHOICES = 2
MAX_CHOICES = 6
CHOICE_LETTERS = "ABCDEF"


class Topic(models.Model):
    """A subject of the national legal-education programme (Cải cách hành chính, Đất đai…)."""

    name = models.CharField(_("tên chủ đề"), max_length=160, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    commune_scope = "platform"
    commune_scope_reason = (
        "Topics are the national programme's subjects, the same for every commune: national and commune "
        "questions and every commune's rounds refer to them."
    )

    class Meta:
        verbose_name = _("chủ đề")
        verbose_name_plural = _("chủ đề")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Chọn một đáp án đúng")
    MULTIPLE = "multiple", _("Chọn nhiều đáp án đúng")


def choice_errors(choices, kind: str) -> list[ValidationError]:
    """What is wrong with a question's answer choices: the one place these rules are written.

    ``choices`` is a list of ``{"text": str, "correct": bool}``; 2 to 6 of them, at least one correct,
    exactly one when the question takes a single answer. Each error carries a code the importer uses to
    name the spreadsheet column: ``count`` (the choices), ``correct`` (which are correct).
    """
    if not isinstance(choices, list) or not all(
        isinstance(c, dict) and isinstance(c.get("text"), str) and isinstance(c.get("correct"), bool) for c in choices
    ):
        return [
            ValidationError(
                gettext("Mỗi phương án phải có nội dung (text) và cho biết có đúng hay không (correct)."),
                code="count",
            )
        ]
    errors = []
    if any(not c["text"].strip() for c in choices):
        errors.append(ValidationError(gettext("Có phương án để trống nội dung."), code="count"))
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        errors.append(
            ValidationError(
                gettext("Câu hỏi phải có từ %(min)d đến %(max)d phương án trả lời, hiện có %(count)d.")
                % {"min": MIN_CHOICES, "max": MAX_CHOICES, "count": len(choices)},
                code="count",
            )
        )
    texts = [" ".join(c["text"].split()).lower() for c in choices]
    if len(set(texts)) < len(texts):
        errors.append(ValidationError(gettext("Có hai phương án trùng nội dung."), code="count"))
    correct = sum(1 for c in choices if c["correct"])
    if correct == 0:
        errors.append(ValidationError(gettext("Câu hỏi chưa có đáp án đúng."), code="correct"))
    elif kind == QuestionKind.SINGLE and correct != 1:
        errors.append(
            ValidationError(
                gettext("Câu hỏi chọn một đáp án chỉ được có đúng 1 đáp án đúng, hiện có %(count)d.")
                % {"count": correct},
                code="correct",
            )
        )
    return errors


class QuestionBase(models.Model):
    """What a national and a commune question share, rules included."""

    text = models.TextField(_("câu hỏi"), error_messages={"blank": _("Hãy nhập nội dung câu hỏi.")})
    kind = models.CharField(_("loại câu hỏi"), max_length=10, choices=QuestionKind, default=QuestionKind.SINGLE)
    choices = models.JSONField(
        _("các phương án trả lời"),
        default=list,
        help_text=_('Từ 2 đến 6 phương án, mỗi phương án dạng {"text": "…", "correct": true/false}'),
    )
    legal_source = models.CharField(
        _("căn cứ pháp lý"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: Khoản 1 Điều 5 Luật Tiếp công dân 2013"),
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("chủ đề"), related_name="%(class)ss")
    is_active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Câu hỏi không còn dùng thì không được rút vào đề thi")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.text and not self.text.strip():  # empty text is the field's own "blank" error
            errors["text"] = [ValidationError(gettext("Hãy nhập nội dung câu hỏi."), code="required")]
        found = choice_errors(self.choices, self.kind)
        if found:
            errors["choices"] = found
        if errors:
            raise ValidationError(errors)

    @property
    def correct_letters(self) -> str:
        """``"B"`` or ``"A, C"``: the correct choices as the question sheet names them."""
        return ", ".join(CHOICE_LETTERS[i] for i, c in enumerate(self.choices or []) if c.get("correct"))


class NationalQuestion(QuestionBase):
    """A question of the national bank (from the Ministry of Justice's programmes), shared by every commune."""

    commune_scope = "platform"
    commune_scope_reason = (
        "The national question bank is the same for every commune; each commune's own questions are Question rows."
    )

    class Meta(QuestionBase.Meta):
        verbose_name = _("câu hỏi dùng chung")
        verbose_name_plural = _("câu hỏi dùng chung")


class Question(QuestionBase, CommuneOwned):
    """A question the commune wrote or imported itself (about its own rules, or a local emphasis)."""

    class Meta(QuestionBase.Meta):
        verbose_name = _("câu hỏi của xã")
        verbose_name_plural = _("câu hỏi của xã")
        indexes = [models.Index(fields=["commune", "is_active"])]


class Eligibility(models.TextChoices):
    ANYONE = "anyone", _("Mọi người đều được dự thi")
    RESIDENTS = "residents", _("Người cư trú trên địa bàn xã (ghi rõ thôn, xóm)")


class IdentityKind(models.TextChoices):
    PHONE = "phone", _("Số điện thoại")
    CITIZEN_ID = "citizen_id", _("Số căn cước công dân (12 chữ số)")


class NameDisplay(models.TextChoices):
    FULL = "full", _("Họ và tên đầy đủ (Nguyễn Văn An)")
    INITIALS = "initials", _("Viết tắt tên đệm và tên (Nguyễn V. A.)")


CITIZEN_ID_PATTERN = re.compile(r"[0-9]{12}")


class Contest(CommuneOwned):
    """A contest the commune runs (usually its justice officer), in one or more rounds."""

    title = models.CharField(_("tên cuộc thi"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=80)
    rules = models.TextField(_("thể lệ"), blank=True)
    prizes = models.TextField(_("cơ cấu giải thưởng"), blank=True)
    eligibility = models.CharField(
        _("đối tượng dự thi"),
        max_length=12,
        choices=Eligibility,
        default=Eligibility.ANYONE,
        help_text=_("Khi chỉ dành cho người cư trú, người dự thi chọn thôn, xóm của mình trong xã"),
    )
    attempt_rule = models.CharField(_("số lần dự thi"), max_length=8, choices=AttemptRule, default=AttemptRule.ONE)
    uses_prediction = models.BooleanField(
        _("có câu hỏi dự đoán"),
        default=False,
        help_text=_("Người dự thi đoán số người dự thi; dùng để xếp hạng khi bằng điểm"),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("số lần dự thi tối đa mỗi đợt"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Chỉ dùng khi được dự thi nhiều lần"),
    )
    identity_kind = models.CharField(
        _("người dự thi khai"), max_length=12, choices=IdentityKind, default=IdentityKind.PHONE
    )
    winner_names = models.CharField(
        _("công bố tên người đạt giải"),
        max_length=10,
        choices=NameDisplay,
        default=NameDisplay.FULL,
        help_text=_("Trang công bố kết quả luôn che số điện thoại, số căn cước"),
    )
    show_score_on_receipt = models.BooleanField(
        _("báo điểm ngay khi nộp bài"),
        default=True,
        help_text=_("Bỏ chọn nếu chỉ công bố kết quả khi cuộc thi kết thúc"),
    )
    is_published = models.BooleanField(_("đã công bố"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc thi")
        verbose_name_plural = _("cuộc thi")
        ordering = ["commune", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "slug"],
                name="contest_unique_slug_per_commune",
                violation_error_message=_("Xã đã có cuộc thi dùng đường dẫn này."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def attempts_allowed(self) -> int:
        """How many attempts one person has in each round."""
        return 1 if self.attempt_rule == AttemptRule.ONE else self.max_attempts

    def clean_identity(self, raw: str) -> str:
        """The entrant's phone (``0912345678``) or citizen ID number, normalised; Vietnamese error otherwise."""
        if self.identity_kind == IdentityKind.CITIZEN_ID:
            digits = re.sub(r"[\s.\-]", "", ascii_digits(raw))
            if not CITIZEN_ID_PATTERN.fullmatch(digits):
                raise ValidationError(gettext("Số căn cước công dân phải gồm đúng 12 chữ số."), code="identity")
            return digits
        try:
            return normalize_phone(raw or "")
        except ValueError:
            raise ValidationError(
                gettext("Số điện thoại không đúng: hãy nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."),
                code="identity",
            ) from None


class ContestRound(CommuneOwned):
    """One round (đợt) of a contest: when it is open, how long an entrant has, which questions are drawn."""

    contest = models.ForeignKey(Contest, verbose_name=_("cuộc thi"), on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveSmallIntegerField(_("đợt thi số"), default=1, validators=[MinValueValidator(1)])
    opens_at = models.DateTimeField(_("bắt đầu"))
    closes_at = models.DateTimeField(_("kết thúc"))
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("thời gian làm bài (phút)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    results_published_at = models.DateTimeField(_("công bố kết quả lúc"), null=True, blank=True, editable=False)
    draw = models.JSONField(
        _("số câu hỏi theo chủ đề"),
        default=dict,
        blank=True,
        help_text=_("Mỗi người dự thi nhận số câu hỏi này của từng chủ đề, rút ngẫu nhiên từ ngân hàng câu hỏi"),
    )

    class Meta:
        verbose_name = _("đợt thi")
        verbose_name_plural = _("đợt thi")
        ordering = ["contest", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "number"],
                name="contestround_unique_number",
                violation_error_message=_("Cuộc thi đã có đợt thi mang số này."),
            )
        ]

    def __str__(self) -> str:
        return gettext("%(contest)s — đợt %(number)d") % {"contest": self.contest, "number": self.number}

    def clean(self):
        super().clean()
        errors: dict[str, list] = {}
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = [gettext("Thời điểm kết thúc phải sau thời điểm bắt đầu.")]
        draw_errors = self.draw_errors()
        if draw_errors:
            errors["draw"] = draw_errors
        if errors:
            raise ValidationError(errors)

    def draw_errors(self) -> list[str]:
        draw = self.draw
        if not isinstance(draw, dict) or not draw:
            return [gettext("Hãy cho biết mỗi người dự thi nhận bao nhiêu câu hỏi của chủ đề nào.")]
        known = dict(Topic.objects.filter(slug__in=list(draw)).values_list("slug", "name"))
        errors = []
        for slug, count in draw.items():
            name = known.get(slug)
            if name is None:
                errors.append(gettext("Không có chủ đề “%(slug)s”.") % {"slug": slug})
            elif isinstance(count, bool) or not isinstance(count, int) or count < 1:
                errors.append(gettext("Số câu hỏi của chủ đề «%(topic)s» phải là số nguyên dương.") % {"topic": name})
        return errors

    @property
    def question_count(self) -> int:
        """How many questions each entrant answers in this round."""
        return sum(count for count in (self.draw or {}).values() if isinstance(count, int))

    @property
    def ranking_rules(self) -> Rules:
        """The rules ``ranking.rank`` applies to this round, from the contest's settings."""
        return Rules(
            uses_prediction=self.contest.uses_prediction, attempts=self.contest.attempt_rule, deadline=self.closes_at
        )

    def is_open(self, at) -> bool:
        return self.opens_at <= at < self.closes_at


class Entrant(CommuneOwned):
    """A person entering a contest, known by a keyed hash of their phone or citizen ID number.

    Only the hash (to find their attempts again) and the last digits (to show them their own
    receipt, masked) are kept, never the number itself; the name, village and unit are what the
    results and certificates need. The hash is keyed per contest, so one person's entries in two
    contests cannot be linked.
    """

    contest = models.ForeignKey(Contest, verbose_name=_("cuộc thi"), on_delete=models.PROTECT, related_name="entrants")
    identity_hash = models.CharField(max_length=64, editable=False)
    identity_tail = models.CharField(_("số cuối"), max_length=4, editable=False)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    village = models.ForeignKey(
        Village, verbose_name=_("thôn, xóm"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("cơ quan, đoàn thể"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consented_at = models.DateTimeField(_("đồng ý xử lý dữ liệu lúc"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("người dự thi")
        verbose_name_plural = _("người dự thi")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "contest", "identity_hash"], name="entrant_unique_identity_per_contest"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} (…{self.identity_tail})"

    @property
    def masked_identity(self) -> str:
        return f"•••{self.identity_tail}"


class EntryStatus(models.TextChoices):
    OPEN = "open", _("Đang làm bài")
    SUBMITTED = "submitted", _("Đã nộp")
    LATE = "late", _("Nộp quá giờ, không tính")


class Entry(CommuneOwned):
    """One attempt (bài dự thi) at a round: the paper drawn for it, its clock, and what was sent.

    ``paper`` is the entrant's own draw, in the order shown: ``[{"q": "n12" | "c5", "t": text,
    "c": [choice texts], "m": several answers?, "o": [2, 0, 1], "k": [1]}]`` — the question (national
    or commune) as it read when drawn, the order its choices were shown in, and the correct choices by
    original position, kept at the draw so that a later edit of the bank cannot change a paper
    already handed out. ``answers`` holds the chosen original positions per question.
    The clock is the server's: ``deadline_at`` is fixed when the paper is drawn.
    """

    round = models.ForeignKey(ContestRound, verbose_name=_("đợt thi"), on_delete=models.PROTECT, related_name="entries")
    entrant = models.ForeignKey(
        Entrant, verbose_name=_("người dự thi"), on_delete=models.PROTECT, related_name="entries"
    )
    number = models.PositiveSmallIntegerField(_("lần dự thi"), default=1)
    token = models.CharField(max_length=32, editable=False)
    paper = models.JSONField(default=list, editable=False)
    started_at = models.DateTimeField(_("bắt đầu làm bài"))
    deadline_at = models.DateTimeField(_("hạn nộp bài"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=EntryStatus, default=EntryStatus.OPEN)
    answers = models.JSONField(null=True, blank=True, editable=False)
    prediction = models.PositiveIntegerField(_("dự đoán số người dự thi"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp bài lúc"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("số câu đúng"), null=True, blank=True)
    seconds = models.PositiveIntegerField(_("thời gian làm bài (giây)"), null=True, blank=True)

    class Meta:
        verbose_name = _("bài dự thi")
        verbose_name_plural = _("bài dự thi")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "token"], name="entry_unique_token"),
            models.UniqueConstraint(fields=["commune", "round", "entrant", "number"], name="entry_unique_attempt"),
        ]
        # No index on what handing in writes (status, answers, score…): each paper is written twice,
        # drawn then handed in, and that second write stays on its page with no index to update (a
        # "HOT" update, with room left on each page by migration 0004). A round's papers are found by
        # ``entry_unique_attempt``, which starts with commune and round.

    def __str__(self) -> str:
        return gettext("Bài dự thi %(code)s") % {"code": self.code}

    @property
    def code(self) -> str:
        """The receipt code an entrant reads out: the token's first eight characters, ``7HQ2-M9XA``."""
        return f"{self.token[:4]}-{self.token[4:8]}"

    @property
    def question_count(self) -> int:
        return len(self.paper or [])

    @property
    def seconds_minutes(self) -> int:
        return (self.seconds or 0) // 60

    @property
    def seconds_rest(self) -> int:
        return (self.seconds or 0) % 60
