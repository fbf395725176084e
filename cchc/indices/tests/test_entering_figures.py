"""Entering figures: every rule holds through the action, whatever calls it, and speaks Vietnamese."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cchc.audit.models import CommuneLogEntry
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.indices.actions import DeleteIndexScore, EditIndexScore
from cchc.indices.models import IndexScore


def messages(error: ValidationError) -> str:
    return " ".join(m for ms in error.message_dict.values() for m in ms)


@pytest.mark.parametrize(
    ("index", "component", "score", "extra", "expected"),
    [
        ("pci", "", "-1", {}, "Điểm không được là số âm."),
        ("pci", "Tính minh bạch", "10.5", {}, "Điểm 10,5 lớn hơn điểm tối đa 10 của thành phần này."),
        ("papi", "", "80.01", {}, "lớn hơn điểm tối đa 80"),
        ("sipas", "", "101", {}, "lớn hơn điểm tối đa 100"),
        ("par-index", "Cải cách thể chế", "9", {"max_score": Decimal(8)}, "Điểm 9 lớn hơn điểm tối đa 8"),
        ("par-index", "", "50", {"max_score": Decimal(0)}, "Điểm tối đa phải lớn hơn 0."),
        ("pci", "", "50", {"year": 1990}, "Năm phải từ 2000 trở đi."),
    ],
)
def test_a_wrong_figure_is_refused_with_a_vietnamese_reason_and_nothing_saved(
    commune_a, enter, index, component, score, extra, expected
):
    with pytest.raises(ValidationError) as refused:
        enter(commune_a, index=index, component=component, score=score, **extra)
    assert expected in messages(refused.value)
    with commune_scope(commune_a):
        assert not IndexScore.objects.exists()


def test_a_component_without_a_fixed_maximum_takes_any_non_negative_score(commune_a, enter):
    score = enter(commune_a, index="par-index", component="Tiêu chí riêng của tỉnh", score="37.25")
    assert score.effective_max is None


def test_the_same_figure_twice_is_refused_even_typed_without_tones(commune_a, commune_b, enter):
    enter(commune_a, component="Tính minh bạch", score="6")
    with pytest.raises(ValidationError) as refused:
        enter(commune_a, component="tinh minh  bach", score="7")
    assert "Xã đã nhập điểm này của chỉ số cho năm đó; hãy sửa bản đã nhập." in messages(refused.value)
    enter(commune_a, component="Tính minh bạch", score="6", year=2023)  # another year
    enter(commune_b, component="Tính minh bạch", score="6")  # another commune
    with commune_scope(commune_a):
        assert IndexScore.objects.count() == 2


def test_each_write_leaves_one_audit_record_of_who_did_it(commune_a, office_a, enter):
    score = enter(commune_a, score="64", user=office_a)
    score.score = Decimal("64.5")
    EditIndexScore(score, user=office_a).execute()
    with commune_scope(commune_a):
        pk = score.pk
        DeleteIndexScore(IndexScore.objects.get(pk=pk), user=office_a).execute()
        records = CommuneLogEntry.objects.filter(object_id=str(pk), content_type__model="indexscore")
        assert sorted(records.values_list("action", flat=True)) == ["wagtail.create", "wagtail.delete", "wagtail.edit"]
        assert {r.user for r in records} == {office_a}
        assert not IndexScore.objects.exists()


@pytest.mark.parametrize("role", [Role.OVERSEER, Role.CULTURE_INFO, Role.BROADCASTER])
def test_only_the_office_and_leaders_enter_figures_even_by_calling_the_action(commune_a, make_official, enter, role):
    official = make_official(commune_a, role)
    with pytest.raises(PermissionDenied):
        enter(commune_a, score="60", user=official)
    chairman = make_official(commune_a, Role.CHAIRMAN)
    enter(commune_a, score="60", user=chairman)
    with commune_scope(commune_a):
        existing = IndexScore.objects.get()
    existing.score = Decimal(1)
    with pytest.raises(PermissionDenied, match="Văn phòng HĐND - UBND và lãnh đạo UBND xã"):
        EditIndexScore(existing, user=official).check(skip_permission_checks=True)
    with commune_scope(commune_a):
        assert IndexScore.objects.get().score == Decimal(60)


def test_the_demo_enters_three_illustrative_years_of_each_index_through_the_actions(commune_a):
    from cchc.indices.demo import load_demo_indices

    entered = load_demo_indices(commune_a)
    assert load_demo_indices(commune_a) == 0  # loading again changes nothing
    with commune_scope(commune_a):
        scores = IndexScore.objects.all()
        assert scores.count() == entered == 3 * (4 + 8 + 10 + 8 + 5)
        assert all(s.is_illustrative for s in scores)
        assert set(scores.values_list("index", flat=True)) == {"par-index", "pci", "papi", "sipas"}
        assert CommuneLogEntry.objects.filter(action="wagtail.create").count() == entered
