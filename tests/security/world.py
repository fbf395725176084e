"""Two communes, A full of marked data, B with a little; the officials who probe them; row snapshots.

Every text field of every row of A carries a marker (``QZXA0007 BÍ-MẬT-XÃ-A-7``) whose ASCII head
``QZXA\\d{4}`` is what the probe looks for in responses (it survives JSON escaping and truncation).
Procedures that A publishes are public by design (its open-data API, its own site): their local
details carry ``QZXP…`` markers, which are a leak only in the admin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Revision,
    Site,
    WorkflowPage,
    WorkflowTask,
)

from cchc.communes.models import Commune, Unit, Village
from cchc.communes.provisioning import CommuneSpec, create_commune, grant_role
from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, is_commune_scoped
from cchc.communes.testing import make_instance

SECRET_TOKEN = re.compile(rb"QZXA\d{4}", re.IGNORECASE)
PUBLIC_TOKEN = re.compile(rb"QZXP\d{4}", re.IGNORECASE)
_serial = itertools.count(1)


def marker(kind: str = "A") -> str:
    n = next(_serial)
    return f"QZX{kind}{n:04d} CÔNG-KHAI-{n}" if kind == "P" else f"QZX{kind}{n:04d} BÍ-MẬT-XÃ-{kind}-{n}"


def commune_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if is_commune_scoped(m)]


def marked_values(model, *, kind: str = "A", skip: tuple[str, ...] = ()) -> dict:
    """A marker in every free-text field of ``model`` (JSON fields get a list holding one)."""
    values = {}
    for f in model._meta.concrete_fields:
        if f.name in skip or f.primary_key or f.choices or not f.editable or f.name in ("code", "commune"):
            continue
        if isinstance(f, (models.SlugField, models.EmailField, models.URLField)):
            continue
        if isinstance(f, (models.CharField, models.TextField)) and (f.max_length or 999) >= 8:
            values[f.name] = marker(kind)[: f.max_length or 999]
        elif isinstance(f, models.JSONField):
            values[f.name] = [marker(kind)]
    return values


def make_marked(model, commune, *, kind: str = "A", **values):
    """A row of ``model`` in ``commune`` with markers in every text field (B's rows get B's markers)."""
    label = f"{marker(kind)} (tự tạo)"
    return make_instance(model, commune, sample=label, **{**marked_values(model, kind=kind), **values})


def _commune(name: str, code: str, hostname: str, *, default: bool) -> Commune:
    return create_commune(
        CommuneSpec(
            name=name,
            code=code,
            province="Tỉnh Thái Nguyên",
            superior_body="UBND tỉnh Thái Nguyên",
            hostname=hostname,
            is_default_site=default,
            phone="0208 3878 000",
        )
    )


def _official(username: str, grants: list[tuple[Commune, str, Unit | None]], *, marked: bool) -> object:
    user = get_user_model().objects.create_user(username=username, password="mat-khau-thu-1")
    if marked:
        user.first_name, user.last_name = marker()[:150], marker()[:150]
        user.save(update_fields=["first_name", "last_name"])
    for commune, role, unit in grants:
        grant_role(commune=commune, user=user, role=role, unit=unit, title=marker()[:120] if marked else "")
    return user


@dataclass
class World:
    a: Commune
    b: Commune
    official_b: object  # office and chairman of B: the most a commune's official can do
    overseer: object  # overseer of A and B (read-only everywhere)
    member_a: object  # unit member of A, in unit_1
    office_a: object
    unit_1: Unit
    unit_2: Unit
    ids: dict[str, list[int]] = field(default_factory=dict)  # "app_label.model" -> A's ids
    private_names: list[str] = field(default_factory=list)
    procedure_slugs: list[str] = field(default_factory=list)
    form_slugs: list[str] = field(default_factory=list)
    field_slugs: list[str] = field(default_factory=list)
    life_event_slugs: list[str] = field(default_factory=list)
    procedure_codes: list[str] = field(default_factory=list)
    page_paths: list[str] = field(default_factory=list)  # relative to A's root: "bi-mat/"
    contest_slugs: list[str] = field(default_factory=list)
    entry_tokens: list[str] = field(default_factory=list)
    media: object = None  # the folder its files were saved in

    def add(self, obj) -> None:
        self.ids.setdefault(obj._meta.label_lower, []).append(obj.pk)

    def ids_of(self, model) -> list[int]:
        label = model._meta.label_lower
        found = list(self.ids.get(label, []))
        for other, values in self.ids.items():  # a page type's rows are pages too
            if other != label and issubclass(apps.get_model(other), model):
                found += values
        return sorted(set(found))

    @property
    def all_ids(self) -> list[int]:
        return sorted({pk for values in self.ids.values() for pk in values})


def _catalogue() -> None:
    from cchc.procedures.catalogue import load_catalogue
    from cchc.procedures.testing import catalogue_procedure

    load_catalogue(
        {
            "fields": [{"code": "HT", "name": "Hộ tịch"}],
            "life_events": [{"slug": "sinh-con", "name": "Sinh con", "procedures": ["1.001193"]}],
            "procedures": [
                catalogue_procedure("1.001193", "Đăng ký khai sinh", "HT",
                                    forms=[{"slug": "to-khai-khai-sinh", "name": "Tờ khai", "fields": ["Họ tên"]}]),
                catalogue_procedure("1.000894", "Đăng ký kết hôn", "HT"),
            ],
        }
    )  # fmt: skip


# Values a generic marked row needs to satisfy its model's rules.
EXTRA_VALUES = {
    "audit.CommuneLogEntry": {"action": "wagtail.edit"},
    # A message whose sender left a name and a phone number, with consent (the only way they are kept).
    "feedback.Feedback": {"code": "BMAT-QZXA", "consented_at": dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)},
}


def build_world() -> World:
    from cchc.plans.models import (
        BudgetLine,
        Evidence,
        OutreachActivity,
        Plan,
        PlanImport,
        PlanSection,
        ProgressReport,
        Task,
    )
    from cchc.portal.models import StandardPage
    from cchc.procedures.models import (
        FormTemplate,
        LifeEvent,
        OneStopDesk,
        Posting,
        PostingPlace,
        Procedure,
        ProcedureField,
        PublishedProcedure,
    )

    _catalogue()
    a = _commune("Xã Định Biên", "91001", "dinh-bien.localhost", default=True)
    b = _commune("Xã Phú Đình", "91002", "phu-dinh.localhost", default=False)
    with all_communes():
        unit_1 = make_marked(Unit, a)
        unit_2 = make_marked(Unit, a)
    office_a = _official("vanphong-a", [(a, Role.OFFICE, None)], marked=True)
    member_a = _official("phunu-a", [(a, Role.UNIT_MEMBER, unit_1)], marked=True)
    official_b = _official("canbo-b", [(b, Role.OFFICE, None), (b, Role.CHAIRMAN, None)], marked=False)
    overseer = _official("captren", [(a, Role.OVERSEER, None), (b, Role.OVERSEER, None)], marked=False)
    world = World(a=a, b=b, official_b=official_b, overseer=overseer, member_a=member_a, office_a=office_a,
                  unit_1=unit_1, unit_2=unit_2)  # fmt: skip
    world.add(unit_1)
    world.add(unit_2)

    procedures = list(Procedure.objects.filter(is_current=True).order_by("code"))
    with all_communes():
        village = make_marked(Village, a)
        plan = make_marked(Plan, a, year=2022)
        section = make_marked(PlanSection, a, plan=plan, position=1)
        task_1 = make_marked(Task, a, plan=plan, lead_unit=unit_1, quarter=1)
        task_2 = make_marked(Task, a, plan=plan, lead_unit=unit_2, quarter=2)
        report_1 = make_marked(ProgressReport, a, task=task_1, percent=30, reported_by=member_a)
        report_2 = make_marked(ProgressReport, a, task=task_2, percent=40, reported_by=office_a)
        evidence = []
        for report in (report_1, report_2):
            item = make_marked(Evidence, a, report=report, link="https://example.vn/")
            item.file.save("minh-chung-bi-mat.txt", ContentFile(marker().encode()), save=True)
            evidence.append(item)
        line = make_marked(BudgetLine, a, plan=plan, amount=1_000_000)
        activity = make_marked(OutreachActivity, a, plan=plan, task=task_2, budget_line=line, held_on="2022-03-15")
        activity.villages.add(village)
        plan_import = make_marked(PlanImport, a, plan=plan, uploaded_by=office_a)
        plan_import.file.save("ke-hoach-bi-mat.txt", ContentFile(marker().encode()), save=True)
        desk = make_marked(OneStopDesk, a, kind="P")  # shown with its published procedures: public
        public = make_marked(PublishedProcedure, a, procedure=procedures[0], code=procedures[0].code, desk=desk,
                             is_published=True, **marked_values(PublishedProcedure, kind="P"))  # fmt: skip
        hidden = make_marked(PublishedProcedure, a, procedure=procedures[1], code=procedures[1].code, desk=desk,
                             is_published=False)  # fmt: skip
        place = make_marked(PostingPlace, a, village=village)
        posting = make_marked(Posting, a, place=place, procedure=procedures[0])
        built = [village, plan, section, task_1, task_2, report_1, report_2, *evidence, line, activity,
                 plan_import, desk, public, hidden, place, posting]  # fmt: skip
        for obj in built:
            world.add(obj)
        # A draft article of A, the evidence of one of its tasks (its link is commune data).
        from cchc.portal.models import ArticlePage, ArticleTask, NewsIndexPage

        article = ArticlePage(title=marker()[:255], slug="tin-bi-mat", summary=marker()[:300],
                              body=f"<p>{marker()}</p>", live=False, owner=office_a)  # fmt: skip
        article.task_links.add(ArticleTask(commune=a, task=task_1))
        NewsIndexPage.objects.child_of(a.root_page).get().add_child(instance=article)
        article.save_revision(user=office_a)
        world.add(ArticleTask._base_manager.get(page=article))
        bulletin_print = _bulletin_of(a, office_a)
        world.add(bulletin_print)
        for row in _survey_rows(a):
            world.add(row)
        for row in _radio_rows(a, office_a):
            world.add(row)
        contest_rows = _contest_rows(a)
        for row in contest_rows:
            world.add(row)
        world.contest_slugs = [contest_rows[0].slug]
        world.entry_tokens = [contest_rows[-1].token]
        # Any commune model added later gets a marked row too, unaided.
        for model in commune_models():
            if not model._base_manager.filter(commune=a).exists():
                extra = EXTRA_VALUES.get(model._meta.label, {})
                world.add(make_marked(model, a, **extra))
        for membership in apps.get_model("communes", "Membership")._base_manager.filter(commune=a):
            world.add(membership)
        # A little of B, so that the overseer's writes to B would show.
        make_marked(Village, b, kind="B")
        make_marked(Plan, b, kind="B", year=2022)
    world.private_names = [e.file.name for e in evidence] + [plan_import.file.name]

    # Pages, images, documents of A.
    root = a.root_page.specific
    live = StandardPage(title=marker()[:255], slug="trang-bi-mat", summary=marker(), body=f"<p>{marker()}</p>",
                        owner=office_a)  # fmt: skip
    root.add_child(instance=live)
    live.save_revision(user=office_a).publish()
    draft = StandardPage(title=marker()[:255], slug="nhap-bi-mat", summary=marker(), body=f"<p>{marker()}</p>",
                         live=False, owner=office_a)  # fmt: skip
    root.add_child(instance=draft)
    draft.save_revision(user=office_a)
    workflow = draft.get_workflow()
    if workflow is not None:
        workflow.start(draft, office_a)
    for page in (root, live, draft, article):
        world.add(Page.objects.get(pk=page.pk))
    world.page_paths = ["trang-bi-mat/", "nhap-bi-mat/", "tin-tuc/tin-bi-mat/", "ban-tin-cchc/",
                        "ban-tin-cchc/so-1-2026/", "ban-tin-cchc/so-1-2026/pdf/a4/",
                        "ban-tin-cchc/so-1-2026/pdf/a5/"]  # fmt: skip
    bulletin_pages = [bulletin_print.bulletin.get_parent(), bulletin_print.bulletin]
    for page in bulletin_pages:
        world.add(Page.objects.get(pk=page.pk))
    page_ids = [str(p.pk) for p in (root, live, draft, article, *bulletin_pages)]
    for revision in Revision.objects.filter(base_content_type__model="page", object_id__in=page_ids):
        world.add(revision)
    image = get_image_model()(title=marker(), file=get_test_image_file("bi-mat.png"), collection=a.collection,
                              uploaded_by_user=office_a)  # fmt: skip
    image.save()
    document = get_document_model()(title=marker(), collection=a.collection, uploaded_by_user=office_a)
    document.file.save("tai-lieu-bi-mat.txt", ContentFile(marker().encode()), save=False)
    document.save()
    for obj in (image, document, a.collection, a.site, a):
        world.add(obj)
    for group in _groups_of(a):
        world.add(group)
    for user in (office_a, member_a):
        world.add(user)
    from wagtail.models import TaskState, WorkflowState

    states = [*WorkflowState.objects.filter(object_id=str(draft.pk))]
    states += TaskState.objects.filter(workflow_state__object_id=str(draft.pk))
    for obj in states:
        world.add(obj)
    for wp in WorkflowPage.objects.filter(page=a.root_page):
        world.add(wp.workflow)
        for wt in WorkflowTask.objects.filter(workflow=wp.workflow):
            world.add(wt.task)

    world.procedure_slugs = [public.procedure.slug, hidden.procedure.slug]
    world.procedure_codes = [public.code, hidden.code]
    world.form_slugs = list(FormTemplate.objects.values_list("slug", flat=True))
    world.field_slugs = list(ProcedureField.objects.values_list("slug", flat=True))
    world.life_event_slugs = list(LifeEvent.objects.values_list("slug", flat=True))
    return world


def _survey_rows(commune: Commune) -> list:
    """A survey round of A on the official template, with its own question and one answered form."""
    from cchc.procedures.models import ProcedureField
    from cchc.surveys.models import (
        Answer,
        AnswerTally,
        Campaign,
        CampaignQuestion,
        CriterionTally,
        FieldTarget,
        Response,
    )
    from cchc.surveys.official import default_template
    from cchc.surveys.tallies import rebuild_tallies

    template = default_template()
    campaign = make_marked(Campaign, commune, template=template)
    question = make_marked(CampaignQuestion, commune, campaign=campaign, number=1)
    response = make_marked(Response, commune, campaign=campaign, contact_consent=True, receipt_code="BIMAT01",
                           idempotency_key=marker()[:100])  # fmt: skip
    criterion = template.elements.first().criteria.first()
    common = {"commune": commune, "response": response, "campaign": campaign}
    answers = [
        Answer.objects.create(**common, criterion=criterion, value=5),
        Answer.objects.create(**common, question=question, value=2),
    ]
    field = ProcedureField.objects.order_by("pk").first() or ProcedureField.objects.create(
        code="BIMAT", name=marker()[:160], slug="linh-vuc-bi-mat"
    )
    target = make_marked(FieldTarget, commune, campaign=campaign, procedure_field=field, target=9)
    # The running counts of those answers, as recording keeps them (a generic row would break their checks).
    rebuild_tallies(commune=commune, campaign=campaign)
    tallies = [
        *AnswerTally._base_manager.filter(campaign=campaign),
        *CriterionTally._base_manager.filter(campaign=campaign),
    ]
    return [campaign, question, response, *answers, target, *tallies]


def _radio_rows(commune: Commune, official) -> list:
    """A's radio: a private script and a public one (both with audio), a cluster with a device token,
    a schedule that aired on it, the speaker's play report and a villager's feedback with contacts."""
    import datetime as dt

    from django.utils import timezone

    from cchc.broadcasts.models import (
        Airing,
        AudioStatus,
        Broadcast,
        ListenerFeedback,
        PlayLog,
        Script,
        SpeakerCluster,
        SpeechTerm,
    )

    def script(kind: str, public: bool):
        row = make_marked(Script, commune, kind=kind, is_public=public, audio_status=AudioStatus.READY,
                          audio_duration=3.0, created_by=official)  # fmt: skip
        row.audio.save("bai-phat-thanh.mp3", ContentFile(marker(kind).encode()), save=True)
        return row

    hidden, public = script("A", False), script("P", True)
    cluster = make_marked(SpeakerCluster, commune, token_digest="0" * 64, token_hint="abcd")
    aired = timezone.now() - dt.timedelta(days=1)
    rows = [hidden, public, cluster, make_marked(SpeechTerm, commune)]
    for row in (hidden, public):
        rule = make_marked(Broadcast, commune, script=row, starts_on=aired.date(), ends_on=aired.date(),
                           times=["08:00"], weekdays=[])  # fmt: skip
        rule.clusters.add(cluster)
        airing = Airing.objects.create(commune=commune, broadcast=rule, cluster=cluster, starts_at=aired)
        play = make_marked(PlayLog, commune, cluster=cluster, airing=airing, script=row, started_at=aired)
        rows += [rule, airing, play]
    rows.append(make_marked(ListenerFeedback, commune, script=public, consent=True, phone="0912345678",
                            code="TT-BIMAT", idempotency_key=marker()[:64]))  # fmt: skip
    return rows


def _contest_rows(commune: Commune) -> list:
    """A's published contest with a round open now, a question of its own and an entrant's paper
    already handed in (so that posting to the paper's address changes nothing)."""
    import datetime as dt

    from django.utils import timezone

    from cchc.contests.models import Contest, ContestRound, Entrant, Entry, EntryStatus, Question, Topic

    now = timezone.now()
    contest = make_marked(Contest, commune, slug="thi-bi-mat", is_published=True)
    question = make_marked(Question, commune, choices=[{"text": marker(), "correct": True},
                                                       {"text": marker(), "correct": False}])  # fmt: skip
    question.topics.add(Topic.objects.get(slug="cai-cach-hanh-chinh"))
    round = make_marked(ContestRound, commune, contest=contest, number=1, opens_at=now - dt.timedelta(hours=1),
                        closes_at=now + dt.timedelta(days=1), draw={"cai-cach-hanh-chinh": 1})  # fmt: skip
    entrant = make_marked(Entrant, commune, contest=contest, identity_hash="0" * 64, identity_tail="678",
                          consented_at=now)  # fmt: skip
    entry = make_marked(Entry, commune, round=round, entrant=entrant, token="BIMAT" + "A" * 21,
                        paper=[{"q": f"c{question.pk}", "t": question.text, "c": [c["text"] for c in question.choices],
                               "m": False, "o": [1, 0], "k": [0]}], started_at=now, deadline_at=now,
                        status=EntryStatus.SUBMITTED, answers=[[0]], submitted_at=now, score=1, seconds=60)  # fmt: skip
    return [contest, question, round, entrant, entry]


def _bulletin_of(commune: Commune, owner):
    """A published bulletin issue of A gathering nothing, and its stored A4 PDF (marked, as a file)."""
    from django.utils import timezone

    from cchc.portal.bulletins import BulletinIndexPage, BulletinPage, BulletinPrint

    index = BulletinIndexPage.objects.child_of(commune.root_page).get()  # every commune has its list
    index.title, index.intro, index.owner = marker()[:255], f"<p>{marker()}</p>", owner
    index.save_revision(user=owner).publish()
    issue = BulletinPage(title=marker()[:255], slug="so-1-2026", number=1, year=2026, quarter="1",
                         introduction=f"<p>{marker()}</p>", owner=owner)  # fmt: skip
    index.add_child(instance=issue)
    issue.save_revision(user=owner).publish()
    row = BulletinPrint(commune=commune, bulletin=issue, paper="a4", stamp="x" * 64, built_at=timezone.now())
    row.file.save("ban-tin.pdf", ContentFile(f"%PDF-1.7 {marker()}".encode()), save=False)
    row.size = row.file.size
    row.save()
    return row


def _groups_of(commune: Commune) -> list[Group]:
    ids = set(GroupPagePermission.objects.filter(page=commune.root_page).values_list("group_id", flat=True))
    files = GroupCollectionPermission.objects.filter(collection=commune.collection)
    ids |= set(files.values_list("group_id", flat=True))
    with all_communes():
        users = apps.get_model("communes", "Membership")._base_manager.filter(commune=commune).values("user_id")
    ids |= set(Group.objects.filter(user__in=users, name__contains=commune.code).values_list("id", flat=True))
    return list(Group.objects.filter(id__in=ids))


# --- snapshots -----------------------------------------------------------------------------------


def owned_querysets(commune: Commune):
    """(label, queryset of plain values) for every row that belongs to ``commune``."""
    for model in commune_models():
        yield model._meta.label_lower, model._base_manager.filter(commune=commune)
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            source = m2m.m2m_field_name()
            yield through._meta.label_lower, through._base_manager.filter(**{f"{source}__commune": commune})
    root = Page.objects.get(pk=commune.root_page_id)
    pages = Page.objects.descendant_of(root, inclusive=True)
    yield "wagtailcore.page", Page._base_manager.filter(pk__in=pages.values("pk"))
    page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    yield "wagtailcore.revision", Revision._base_manager.filter(base_content_type__model="page", object_id__in=page_ids)
    collections = Collection.objects.get(pk=commune.collection_id).get_descendants(inclusive=True)
    for model in (get_image_model(), get_document_model()):
        yield model._meta.label_lower, model._base_manager.filter(collection__in=collections)
    yield "wagtailcore.collection", Collection._base_manager.filter(pk__in=collections.values("pk"))
    yield "wagtailcore.site", Site._base_manager.filter(pk=commune.site_id)
    yield "communes.commune", Commune._base_manager.filter(pk=commune.pk)
    groups = [g.pk for g in _groups_of(commune)]
    yield "auth.group", Group._base_manager.filter(pk__in=groups)
    yield "auth.group_permissions", Group.permissions.through._base_manager.filter(group_id__in=groups)
    yield "wagtailcore.grouppagepermission", GroupPagePermission._base_manager.filter(group_id__in=groups)
    yield "wagtailcore.groupcollectionpermission", GroupCollectionPermission._base_manager.filter(group_id__in=groups)
    with all_communes():
        members = list(apps.get_model("communes", "Membership")._base_manager.filter(commune=commune).values("user_id"))
    users = [m["user_id"] for m in members]
    yield "auth.user", get_user_model()._base_manager.filter(pk__in=users).defer("last_login")
    yield "auth.user_groups", get_user_model().groups.through._base_manager.filter(user_id__in=users)
    yield "wagtailcore.workflowpage", WorkflowPage._base_manager.filter(page_id=commune.root_page_id)


@dataclass
class Snapshot:
    rows: dict[tuple[str, str, object], tuple[str, dict]]  # (commune code, label, pk) -> (digest, values)

    @classmethod
    def take(cls, communes) -> Snapshot:
        rows = {}
        for commune in communes:
            for label, queryset in owned_querysets(commune):
                for values in queryset.values():
                    for derived in ("last_login", "file_size", "file_hash"):  # filled in lazily by views
                        values.pop(derived, None)
                    text = repr(sorted(values.items()))
                    key = (commune.code, label, values.get("id", text))
                    rows[key] = (hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest(), values)
        return cls(rows)

    def changes(self, after: Snapshot) -> list[tuple[str, tuple[str, str, object], dict | None, dict | None]]:
        """("changed"|"deleted"|"added", key, values before, values after) for every differing row."""
        found = []
        for key, (digest, values) in self.rows.items():
            if key not in after.rows:
                found.append(("deleted", key, values, None))
            elif after.rows[key][0] != digest:
                found.append(("changed", key, values, after.rows[key][1]))
        found += [("added", key, None, values) for key, (_d, values) in after.rows.items() if key not in self.rows]
        return found
