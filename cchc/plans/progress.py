"""How far tasks have come: what a progress report changes, and the figures the dashboard reads."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from cchc.core.text import fold_vietnamese

from .models import Plan, ProgressReport, Task, TaskStatus
from .recurrence import occurrence_on, occurrence_summary
from .structure import Channel


def task_percent(
    task: Task,
    latest: ProgressReport | None,
    *,
    posting_percent: int | None = None,
    radio_played: int | None = None,
    sessions_held: int | None = None,
) -> int:
    """Percent done: the latest report's percent, else its count against the target; for a posting
    task with no report, the share of procedures posted in their current version (the register is
    its evidence); for a radio task with no report and a target, the airings played against the target
    (the speakers' play logs are its evidence, ``with_radio_evidence``); else by status.

    A dialogue task with a target and no report counts its conferences held (``with_dialogue_evidence``)
    against the target, as a radio task counts its airings.

    A radio task with no target shows its airings as evidence but moves by reports only: a count of
    airings says nothing of how far a task without a number has come. A report always prevails, as
    for posting: it is what the unit answers for."""
    if task.status == TaskStatus.DONE:
        return 100
    if latest is not None and (latest.percent is not None or (latest.achieved_value is not None and task.target_value)):
        return report_percent(task, latest)
    if task.channel == Channel.POSTING and posting_percent is not None:
        return posting_percent
    if task.channel == Channel.RADIO and radio_played is not None and task.target_value:
        return min(100, round(100 * radio_played / task.target_value))
    if task.channel == Channel.DIALOGUE and sessions_held is not None and task.target_value:
        return min(100, round(100 * sessions_held / task.target_value))
    return 0


def report_percent(task: Task, report: ProgressReport) -> int:
    """What one report says of its task: its percent, else its count against the target."""
    if report.percent is not None:
        return report.percent
    if report.achieved_value is not None and task.target_value:
        return min(100, round(100 * report.achieved_value / task.target_value))
    return 0


def refresh_task_status(task: Task) -> None:
    """A task follows its latest report: 100% (or the target reached) closes it, anything less keeps it
    in progress; with its last report withdrawn it is to do again. A recurring task is done when all its
    periods are. A cancelled task stays cancelled."""
    if task.status == TaskStatus.CANCELLED:
        return
    latest = task.reports.order_by("reported_on", "created_at", "id").last()
    summary = occurrence_summary(task)
    if summary is not None and summary.total and latest is not None:
        # A recurring task is done when every one of its periods is, not by one report's 100%.
        new_status = TaskStatus.DONE if summary.done >= summary.total else TaskStatus.IN_PROGRESS
    elif latest is None:
        # The last report was withdrawn: the task has nothing to show for it any more.
        new_status = TaskStatus.TODO if task.status in (TaskStatus.IN_PROGRESS, TaskStatus.DONE) else task.status
    else:
        new_status = TaskStatus.DONE if report_percent(task, latest) >= 100 else TaskStatus.IN_PROGRESS
    if task.status != new_status:
        task.status = new_status
        task.save(update_fields=["status"])


def attach_occurrence(report: ProgressReport, *, stored: ProgressReport | None = None) -> None:
    """A report on a recurring task counts toward one of its periods: the one it names (of its own task),
    else the one whose period holds its date, followed when an edit moves the date."""
    task = report.task
    if not task.recurrence:
        report.occurrence = None
        return
    chosen = report.occurrence if report.occurrence_id else None
    moved = stored is not None and stored.reported_on != report.reported_on
    if chosen is None or chosen.task_id != task.pk or (moved and stored.occurrence_id == report.occurrence_id):
        report.occurrence = occurrence_on(task, report.reported_on)


def with_article_evidence(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Tasks with ``published_articles``: the portal's articles linked to each (``portal.ArticleTask``)
    and published (live), newest first, fetched for the whole list in one query.

    A published article is evidence of its task with no progress report filed (issue #9); unpublished,
    it stops being one, since only live pages are read here. The link model is reached through the
    relation's name so that plans does not import the portal, which depends on plans."""
    links = Task._meta.get_field("article_links").related_model
    published = links.objects.filter(page__live=True).select_related("page").order_by("-page__first_published_at")
    return tasks.prefetch_related(Prefetch("article_links", queryset=published, to_attr="published_articles"))


def task_window(task: Task, year: int) -> tuple[dt.date, dt.date]:
    """The days a task covers: its own start and due date, else its quarter, else its plan's year."""
    start = task.starts_on
    end = task.due_date
    if task.quarter:
        first_month = 3 * (task.quarter - 1) + 1
        start = start or dt.date(year, first_month, 1)
        end = end or (
            dt.date(year, first_month + 3, 1) - dt.timedelta(days=1) if task.quarter < 4 else dt.date(year, 12, 31)
        )
    return start or dt.date(year, 1, 1), end or dt.date(year, 12, 31)


def with_survey_evidence(tasks: list[Task]) -> list[Task]:
    """Give each task ``survey_campaigns``: for a survey task (channel «Khảo sát sự hài lòng»), the
    commune's survey rounds that start within the task's period (``task_window``), oldest first.

    A survey round is evidence of the plan's survey task as a published article is of its task,
    matched by date rather than by a link, so that the office opens a round without naming a task.
    Two queries for the whole list (the plans' years and the rounds), none when no task is a survey task.
    """
    from django.utils import timezone

    from cchc.surveys.models import Campaign

    for task in tasks:
        task.survey_campaigns = []
    survey = [task for task in tasks if task.channel == Channel.SURVEY]
    if not survey:
        return tasks
    years = dict(Plan.objects.filter(pk__in={task.plan_id for task in survey}).values_list("pk", "year"))
    communes = {task.commune_id for task in survey}
    # A round counts once it has forms: one opened and never answered is no evidence of a survey.
    held = Campaign.objects.filter(commune_id__in=communes, responses__isnull=False).distinct()
    campaigns = list(held.order_by("created_at", "pk"))

    def began(campaign) -> dt.date:
        return campaign.period_start or campaign.period_end or timezone.localtime(campaign.created_at).date()

    campaigns.sort(key=began)

    for task in survey:
        start, end = task_window(task, years[task.plan_id])
        task.survey_campaigns = [c for c in campaigns if c.commune_id == task.commune_id and start <= began(c) <= end]
    return tasks


def with_radio_evidence(tasks: list[Task], *, years: dict[int, int] | None = None) -> list[Task]:
    """Give each task ``radio_evidence``: for a radio task (channel «Truyền thanh, loa»), the airings
    its commune's speakers reported played within the task's period (``task_window``), in all and per
    village (``broadcasts.coverage.RadioEvidence``); None for other tasks.

    Matched by date as survey rounds are, so that no one files a report for what the speakers logged.
    Two queries for the whole list (the plans' years, unless ``years`` maps plan ids to years, and the
    airings), none when no task is a radio task.
    """
    from cchc.broadcasts.coverage import radio_evidence

    evidence = radio_evidence(tasks, years=years)
    for task in tasks:
        task.radio_evidence = evidence.get(task.pk)
    return tasks


@dataclass
class ContestRoundEvidence:
    """A contest round held within a contest task's period: the people who submitted a paper, in all and
    per village (name, count), the commune's village order, those who named none last."""

    round_id: int
    contest_title: str
    number: int
    opens_at: dt.datetime
    entrants: int = 0
    villages: list[tuple[str, int]] = field(default_factory=list)

    def __str__(self) -> str:
        return gettext("Cuộc thi «%(title)s», đợt %(number)d: %(n)d người dự thi") % {
            "title": self.contest_title,
            "number": self.number,
            "n": self.entrants,
        }

    @property
    def per_village(self) -> str:
        """ "Xóm Đồng Tâm 12, Bản Nà Mòn 3": how many entered from each village."""
        return ", ".join(f"{name} {n}" for name, n in self.villages)


def with_contest_evidence(tasks: list[Task], *, years: dict[int, int] | None = None) -> list[Task]:
    """Give each task ``contest_rounds``: for a contest task (channel «Cuộc thi»), the commune's contest
    rounds that open within the task's period (``task_window``) and have at least one submitted paper,
    oldest first, each with its entrants per village (``ContestRoundEvidence``).

    Matched by date as survey rounds are, so that the justice officer opens a round without naming a task.
    A late or unfinished paper is no evidence: only submitted ones count, each person once per round.
    Two queries for the whole list (the plans' years, unless ``years`` maps plan ids to years, and the
    entrants counted by round and village), none when no task is a contest task.
    """
    from django.db.models import Count
    from django.utils import timezone

    from cchc.communes.models import VillageKind
    from cchc.contests.models import Entry, EntryStatus

    for task in tasks:
        task.contest_rounds = []
    contest = [task for task in tasks if task.channel == Channel.CONTEST]
    if not contest:
        return tasks
    if years is None:
        years = dict(Plan.objects.filter(pk__in={task.plan_id for task in contest}).values_list("pk", "year"))
    windows = {task.pk: task_window(task, years[task.plan_id]) for task in contest}
    first = min(start for start, _end in windows.values())
    last = max(end for _start, end in windows.values())
    counted = (
        Entry.objects.filter(
            commune_id__in={task.commune_id for task in contest},
            status=EntryStatus.SUBMITTED,
            round__opens_at__gte=timezone.make_aware(dt.datetime.combine(first, dt.time.min)),
            round__opens_at__lt=timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)),
        )
        .values(
            "commune_id",
            "round_id",
            "round__number",
            "round__opens_at",
            "round__contest__title",
            "entrant__village__name",
            "entrant__village__kind",
            "entrant__village__sort_order",
        )
        .annotate(n=Count("entrant_id", distinct=True))
        .order_by()
    )
    rounds: dict[int, ContestRoundEvidence] = {}
    places: dict[int, list[tuple[tuple, str, int]]] = defaultdict(list)
    commune_of: dict[int, int] = {}
    for line in counted:
        found = rounds.get(line["round_id"])
        if found is None:
            found = rounds[line["round_id"]] = ContestRoundEvidence(
                round_id=line["round_id"],
                contest_title=line["round__contest__title"],
                number=line["round__number"],
                opens_at=line["round__opens_at"],
            )
            commune_of[found.round_id] = line["commune_id"]
        found.entrants += line["n"]  # an entrant belongs to one village, so the villages add up
        name = line["entrant__village__name"]
        if name is None:
            places[found.round_id].append(((True, 0, ""), gettext("Không khai thôn, xóm"), line["n"]))
        else:
            label = f"{VillageKind(line['entrant__village__kind']).label} {name}"
            order = (False, line["entrant__village__sort_order"], fold_vietnamese(name))  # Đ sorts with D
            places[found.round_id].append((order, label, line["n"]))
    for found in rounds.values():
        found.villages = [(label, n) for _key, label, n in sorted(places[found.round_id])]
    held = sorted(rounds.values(), key=lambda r: (r.opens_at, r.contest_title, r.number))

    for task in contest:
        start, end = windows[task.pk]
        task.contest_rounds = [
            r
            for r in held
            if commune_of[r.round_id] == task.commune_id and start <= timezone.localtime(r.opens_at).date() <= end
        ]
    return tasks


@dataclass
class DialogueSession:
    """A dialogue conference of the plan, with the questions citizens raised there and how many were answered."""

    activity_id: int
    title: str
    held_on: dt.date
    attendees: int | None
    raised: int = 0
    answered: int = 0


def with_dialogue_evidence(tasks: list[Task], *, plan: Plan) -> list[DialogueSession]:
    """Give each dialogue task (channel «Đối thoại, tiếp xúc») ``dialogue_sessions``: the plan's dialogue
    conferences recorded as its outreach activities, those tied to the task, or tied to none and held within
    the task's period; return every conference of the plan, oldest first.

    The questions raised at a conference are messages of the feedback app (``feedback_raised``), counted
    here through the relation so that plans does not import feedback, which depends on plans. One query.
    """
    from django.db.models import Count, Q

    from .models import OutreachActivity

    answered = Q(feedback_raised__status__in=("da_tra_loi", "khong_xu_ly"))
    rows = (
        OutreachActivity.objects.filter(plan=plan, channel=Channel.DIALOGUE)
        .annotate(raised=Count("feedback_raised"), answered=Count("feedback_raised", filter=answered))
        .order_by("held_on", "pk")
    )
    sessions, task_of = [], {}
    for row in rows:
        sessions.append(DialogueSession(row.pk, row.title, row.held_on, row.attendees, row.raised, row.answered))
        task_of[row.pk] = row.task_id
    for task in tasks:
        task.dialogue_sessions = []
        if task.channel != Channel.DIALOGUE:
            continue
        start, end = task_window(task, plan.year)
        tied = [held for held in sessions if task_of[held.activity_id] == task.pk]
        loose = [held for held in sessions if task_of[held.activity_id] is None and start <= held.held_on <= end]
        task.dialogue_sessions = sorted(tied + loose, key=lambda held: (held.held_on, held.activity_id))
    return sessions
