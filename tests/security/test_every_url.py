"""Every URL of the project and of Wagtail's admin, from the resolver, probed across communes and roles.

- An official of commune B (office and chairman at once) gets none of A's content from any URL,
  GET or POST, with A's ids, slugs and file names in the path and in ``?id=``, and changes no row
  of A, nor copies A's content or links into B.
- The overseer (read-only in A and B) changes no row of either commune by POSTing anywhere.
- A unit member of A changes nothing outside their unit's tasks, reports and evidence (and their own
  drafts, files and account).

A new URL is covered the day it is added: patterns come from ``get_resolver()``, and a pattern that
cannot be filled fails the suite unless ``urls.UNFILLABLE`` says why. Run with ``-s`` for the summary.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import transaction

from .probe import Probe
from .urls import UNFILLABLE, all_patterns, filled_urls
from .world import SECRET_TOKEN, Snapshot, World, build_world

# The mark makes pytest-django create the test database; each test then runs in a savepoint of the
# module's transaction, so the world is built once.
pytestmark = pytest.mark.django_db

A_HOST = "dinh-bien.localhost"
B_HOST = "phu-dinh.localhost"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """A and B built once for the module, in a transaction rolled back at its end."""
    from django.test import override_settings

    media = tmp_path_factory.mktemp("security")
    with (
        override_settings(MEDIA_ROOT=media / "media", PRIVATE_MEDIA_ROOT=media / "private"),
        django_db_blocker.unblock(),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build_world()
            built.media = media
            yield built
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def probing(world, settings):
    """The module's world, with the media roots its files were saved in (the autouse fixture moved them)."""
    settings.MEDIA_ROOT = world.media / "media"
    settings.PRIVATE_MEDIA_ROOT = world.media / "private"
    return world


def _label_model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _points_into_a(world: World, label: str, values: dict | None) -> bool:
    model = _label_model(label)
    if model is None or values is None:
        return False
    return any(
        values.get(f.attname) in world.ids_of(f.related_model)
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is not None and f.name != "commune"
    )


def b_official_may(world: World):
    def allowed(kind, key, before, after) -> bool:
        code, label, _pk = key
        if code == world.a.code:
            return False
        text = repr(after).encode()
        return not SECRET_TOKEN.search(text) and not _points_into_a(world, label, after)

    return allowed


def _own_audit_record(kind, key, after, user_id) -> bool:
    """Reading a private file or exporting a plan is recorded in the audit trail: that is the point."""
    return kind == "added" and key[1] == "audit.communelogentry" and after["user_id"] == user_id


def overseer_may(world: World):
    def allowed(kind, key, before, after) -> bool:
        if _own_audit_record(kind, key, after, world.overseer.pk):
            return True
        return key[1] == "auth.user" and key[2] == world.overseer.pk  # their own account

    return allowed


def member_may(world: World):
    """Their unit's tasks, reports and evidence; their own drafts, files, revisions and account."""
    member = world.member_a.pk

    def allowed(kind, key, before, after) -> bool:
        from cchc.plans.models import ProgressReport, Task

        code, label, pk = key
        if _own_audit_record(kind, key, after, member):
            return True
        if label == "auth.user":
            return pk == member
        if code != world.a.code:
            return False
        rows = [v for v in (before, after) if v is not None]
        own_tasks = set(Task._base_manager.filter(lead_unit=world.unit_1).values_list("id", flat=True))
        own_reports = set(ProgressReport._base_manager.filter(task_id__in=own_tasks).values_list("id", flat=True))
        if label == "plans.task":
            return all(r["lead_unit_id"] == world.unit_1.pk for r in rows)
        if label == "plans.progressreport":
            return all(r["task_id"] in own_tasks for r in rows)
        if label == "plans.evidence":
            return all(r["report_id"] in own_reports for r in rows)
        if label == "wagtailcore.page":
            return all(r["owner_id"] == member for r in rows)
        if label == "wagtailcore.revision":
            return all(r["user_id"] == member for r in rows)
        if label in ("wagtailimages.image", "wagtaildocs.document"):
            return all(r["uploaded_by_user_id"] == member for r in rows)
        return False

    return allowed


def _run(probe: Probe) -> None:
    report = probe.run()
    print("\n" + report.summary())
    problems = [str(f) for f in report.findings] + [f"unfilled pattern: {r}" for r in report.unfilled]
    assert not problems, f"{len(problems)} problems as {report.who}:\n" + "\n".join(problems)


def test_every_pattern_is_filled_or_explained(probing):
    unexplained = []
    for pattern in all_patterns():
        if filled_urls(pattern, probing) is None and pattern.route not in UNFILLABLE:
            unexplained.append(pattern.route)
    assert not unexplained, "patterns with no value of A's and no reason in UNFILLABLE:\n" + "\n".join(unexplained)
    routes = {p.route for p in all_patterns()}
    assert set(UNFILLABLE) <= routes, f"UNFILLABLE names patterns that no longer exist: {set(UNFILLABLE) - routes}"


def test_the_probe_sees_a_leak_and_a_change_when_there_is_one(probing):
    """A's own office reading and editing A's village: the probe must report both, or it proves nothing."""
    from cchc.communes.models import Village

    probe = Probe(probing, "office of A (control)", probing.office_a, A_HOST, True, lambda *args: False)
    probe.baseline = Snapshot.take([probing.a, probing.b])
    pattern = next(p for p in all_patterns() if p.route == "quan-tri/thon-xom/edit/<int:pk>/")
    probe._probe_url(pattern, f"/quan-tri/thon-xom/edit/{probing.ids_of(Village)[0]}/")
    whats = [f.what for f in probe.report.findings]
    assert any("body shows A's" in w for w in whats), whats
    assert any("changed communes.village" in w for w in whats), whats


def test_an_official_of_b_gets_nothing_of_a_from_any_url(probing):
    _run(Probe(probing, "office+chairman of B", probing.official_b, B_HOST, True, b_official_may(probing)))


def test_the_overseer_changes_nothing_by_posting_to_any_url(probing):
    _run(Probe(probing, "overseer of A and B", probing.overseer, A_HOST, False, overseer_may(probing)))


def test_a_unit_member_changes_nothing_outside_their_unit(probing):
    _run(Probe(probing, "unit member of A", probing.member_a, A_HOST, False, member_may(probing)))
