"""The tenancy invariants hold for the project, and each kind of mistake in a new model is caught.

Throw-away models live in an isolated app registry (``isolate_apps``), so the project's own
registry, and every other test, never sees them.
"""

from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import models, transaction
from django.test.utils import isolate_apps

from cchc.communes import checks as tenancy_checks
from cchc.communes.guards import CrossCommuneError
from cchc.communes.models import Commune, CommuneOwned, Membership, Unit, Village
from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance


def _ids(errors):
    return [error.id for error in errors]


def test_the_project_passes_its_tenancy_checks():
    assert tenancy_checks.check_tenancy() == []


@isolate_apps("cchc.communes")
def test_a_model_with_a_plain_foreign_key_to_the_commune_fails_manage_py_check():
    class Notice(models.Model):  # noqa: DJ008
        commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="+")
        text = models.TextField()

        class Meta:
            app_label = "communes"

    errors = tenancy_checks.tenancy_errors([Notice])
    assert _ids(errors) == ["communes.E001"]
    assert "communes.Notice reaches Commune through commune" in errors[0].msg

    from django.apps import apps as project_apps

    real = project_apps.get_models()
    with (
        mock.patch.object(tenancy_checks.apps, "get_models", return_value=[*real, Notice]),
        pytest.raises(SystemCheckError, match=r"communes\.E001"),
    ):
        call_command("check")


@isolate_apps("cchc.communes")
def test_a_model_reaching_the_commune_through_other_commune_data_must_be_commune_owned():
    class Leaflet(models.Model):  # noqa: DJ008
        title = models.CharField(max_length=80)

        class Meta:
            app_label = "communes"

    class Handout(models.Model):  # noqa: DJ008
        leaflet = models.ForeignKey(Leaflet, on_delete=models.CASCADE, related_name="+")
        villages = models.ManyToManyField(Village, related_name="+")

        class Meta:
            app_label = "communes"

    errors = tenancy_checks.tenancy_errors([Leaflet, Handout])
    assert _ids(errors) == ["communes.E001"]
    assert "through villages.commune" in errors[0].msg

    class Reprint(models.Model):  # noqa: DJ008
        handout = models.ForeignKey(Handout, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "communes"

    assert "through handout.villages.commune" in tenancy_checks.tenancy_errors([Reprint])[0].msg


@isolate_apps("cchc.communes")
def test_a_platform_wide_model_must_say_why():
    class Template(models.Model):  # noqa: DJ008
        unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
        commune_scope = "platform"

        class Meta:
            app_label = "communes"

    assert _ids(tenancy_checks.tenancy_errors([Template])) == ["communes.E002"]
    Template.commune_scope_reason = "Shared by every commune."
    assert tenancy_checks.tenancy_errors([Template]) == []


@isolate_apps("cchc.communes")
def test_a_unique_constraint_without_the_commune_fails_the_check():
    class Broadcast(CommuneOwned):
        code = models.CharField(max_length=20)
        slug = models.SlugField(unique=True)
        title = models.CharField(max_length=80)
        day = models.DateField()

        class Meta:
            app_label = "communes"
            constraints = [models.UniqueConstraint(fields=["code"], name="broadcast_unique_code")]
            unique_together = [("title", "day")]

    errors = tenancy_checks.tenancy_errors([Broadcast])
    assert _ids(errors) == ["communes.E003"] * 3
    messages = " ".join(error.msg for error in errors)
    for what in ("constraint 'broadcast_unique_code'", "unique_together ('title', 'day')", "field 'slug'"):
        assert what in messages


@isolate_apps("cchc.communes")
def test_a_unique_constraint_with_the_commune_or_a_commune_owned_parent_passes():
    class Script(CommuneOwned):
        code = models.CharField(max_length=20)

        class Meta:
            app_label = "communes"
            constraints = [models.UniqueConstraint(fields=["commune", "code"], name="script_unique_code")]

    class ScriptLine(CommuneOwned):
        script = models.ForeignKey(Script, on_delete=models.CASCADE, related_name="+")
        position = models.PositiveIntegerField()

        class Meta:
            app_label = "communes"
            constraints = [models.UniqueConstraint(fields=["script", "position"], name="line_unique_position")]

    class ScriptNote(CommuneOwned):
        script = models.OneToOneField(Script, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "communes"

    assert tenancy_checks.tenancy_errors([Script, ScriptLine, ScriptNote]) == []


@isolate_apps("cchc.communes")
def test_a_parent_that_is_not_commune_data_does_not_make_a_constraint_per_commune():
    from django.conf import settings

    class Profile(CommuneOwned):
        user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "communes"

    assert _ids(tenancy_checks.tenancy_errors([Profile])) == ["communes.E003"]


# Save time: the same invariant while the system runs.


@pytest.fixture
def unit_b(commune_b):
    with commune_scope(commune_b):
        return Unit.objects.create(commune=commune_b, name="Hội Nông dân xã")


def test_a_row_cannot_point_at_another_communes_row(commune_a, unit_b, office_a):
    with commune_scope(commune_a), pytest.raises(CrossCommuneError):
        Membership.objects.create(commune=commune_a, user=office_a, role="justice", unit=unit_b)
    with commune_scope(commune_a):
        assert not Membership.objects.filter(role="justice").exists()


def test_a_row_pointing_at_its_own_communes_rows_saves(commune_a, office_a):
    with commune_scope(commune_a):
        unit = Unit.objects.create(commune=commune_a, name="Hội Nông dân xã")
        Membership.objects.create(commune=commune_a, user=office_a, role="justice", unit=unit)
        assert Membership.objects.filter(unit=unit).count() == 1


def test_a_report_cannot_be_filed_on_another_communes_task(commune_a, commune_b):
    from cchc.plans.models import ProgressReport, Task

    task_b = make_instance(Task, commune_b)
    report_a = make_instance(ProgressReport, commune_a)
    report_a.task_id = task_b.pk  # only the id: the guard must look the task's commune up
    with commune_scope(commune_a), pytest.raises(CrossCommuneError, match=r"plans\.ProgressReport\.task"):
        report_a.save()


def test_many_to_many_links_cannot_cross_communes(commune_a, commune_b, unit_b):
    from cchc.plans.models import Task

    task_a = make_instance(Task, commune_a)
    with commune_scope(commune_a):
        unit_a = Unit.objects.create(commune=commune_a, name="Hội Phụ nữ xã")
        with pytest.raises(CrossCommuneError), transaction.atomic():
            task_a.coordinating_units.add(unit_a, unit_b)
        with pytest.raises(CrossCommuneError), transaction.atomic():
            task_a.coordinating_units.set([unit_b])
        task_a.coordinating_units.set([unit_a])
        assert list(task_a.coordinating_units.all()) == [unit_a]


def test_bulk_create_passes_the_same_guard(commune_a, commune_b):
    from cchc.plans.models import Plan, PlanSection

    plan_b = make_instance(Plan, commune_b)
    with commune_scope(commune_a), pytest.raises(CrossCommuneError):
        PlanSection.objects.bulk_create([PlanSection(commune=commune_a, plan=plan_b, position=1)])
    with commune_scope(commune_b):
        assert not PlanSection.objects.exists()


@isolate_apps("cchc.communes")
def test_a_new_commune_model_is_guarded_without_any_code_of_its_own(commune_a, unit_b):
    class Assignment(CommuneOwned):
        unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "communes"

    # The guard refuses before any SQL runs, so the throw-away model needs no table.
    with pytest.raises(CrossCommuneError, match=r"communes\.Assignment\.unit"):
        Assignment(commune=commune_a, unit=unit_b).save()


@isolate_apps("cchc.communes")
def test_a_generic_foreign_key_on_commune_data_fails_the_check():
    from django.contrib.contenttypes.fields import GenericForeignKey
    from django.contrib.contenttypes.models import ContentType

    class Mention(CommuneOwned):
        content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
        object_id = models.PositiveIntegerField()
        target = GenericForeignKey("content_type", "object_id")

        class Meta:
            app_label = "communes"

    assert "communes.E004" in _ids(tenancy_checks.tenancy_errors([Mention]))


@isolate_apps("cchc.communes")
def test_commune_data_cannot_point_at_another_communes_page_image_or_document(commune_a, commune_b):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Page

    class Article(CommuneOwned):
        page = models.ForeignKey(Page, null=True, on_delete=models.CASCADE, related_name="+")
        photo = models.ForeignKey(get_image_model(), null=True, on_delete=models.CASCADE, related_name="+")
        leaflet = models.ForeignKey(get_document_model(), null=True, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "communes"

    photo_b = get_image_model().objects.create(
        title="Ảnh B", file=get_test_image_file(), collection=commune_b.collection
    )
    doc_b = get_document_model().objects.create(title="Tờ gấp B", collection=commune_b.collection)
    with pytest.raises(CrossCommuneError, match=r"Article\.page"):
        Article(commune=commune_a, page=commune_b.root_page).save()
    with pytest.raises(CrossCommuneError, match=r"Article\.photo"):
        Article(commune=commune_a, photo=photo_b).save()
    with pytest.raises(CrossCommuneError, match=r"Article\.leaflet"):
        Article(commune=commune_a, leaflet=doc_b).save()
    own = Article(commune=commune_a, page=commune_a.root_page)
    from cchc.communes.guards import assert_same_commune

    assert_same_commune([own])  # its own home page passes
