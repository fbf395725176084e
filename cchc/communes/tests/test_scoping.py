import pytest

from cchc.communes.models import Unit, Village
from cchc.communes.scoping import ScopeError, all_communes, commune_scope, current_communes


@pytest.fixture
def villages(commune_a, commune_b):
    with all_communes():
        Village.objects.create(commune=commune_a, name="Đồng Đau")
        Village.objects.create(commune=commune_b, name="Làng Mới")


def test_a_query_of_commune_data_without_a_scope_raises_instead_of_returning_everything(villages):
    with pytest.raises(ScopeError):
        list(Village.objects.all())
    with pytest.raises(ScopeError):
        Village.objects.count()
    with pytest.raises(ScopeError):
        Village.objects.filter(name="Đồng Đau").exists()


def test_a_scope_shows_only_its_own_communes_rows(villages, commune_a, commune_b):
    with commune_scope(commune_a):
        assert [v.name for v in Village.objects.all()] == ["Đồng Đau"]
        assert not Village.objects.filter(name="Làng Mới").exists()
    with commune_scope(commune_b):
        assert [v.name for v in Village.objects.all()] == ["Làng Mới"]


def test_get_by_id_of_another_communes_row_is_not_found(villages, commune_a, commune_b):
    with all_communes():
        other = Village.objects.get(name="Làng Mới")
    with commune_scope(commune_a), pytest.raises(Village.DoesNotExist):
        Village.objects.get(pk=other.pk)


def test_an_overseer_scope_can_span_several_communes(villages, commune_a, commune_b):
    with commune_scope([commune_a, commune_b]):
        assert Village.objects.count() == 2
        assert {c.pk for c in current_communes()} == {commune_a.pk, commune_b.pk}


@pytest.mark.parametrize("bad", [None, [], [None], ["Xã Định Biên"]])
def test_a_scope_cannot_be_opened_on_nothing(bad):
    with pytest.raises(ScopeError), commune_scope(bad):
        pass


def test_scopes_nest_and_restore(villages, commune_a, commune_b):
    with commune_scope(commune_a):
        with commune_scope(commune_b):
            assert Village.objects.get().name == "Làng Mới"
        assert Village.objects.get().name == "Đồng Đau"
    assert current_communes() == []


def test_names_need_only_be_unique_within_a_commune(commune_a, commune_b):
    with all_communes():
        Unit.objects.create(commune=commune_a, name="Hội Nông dân xã")
        Unit.objects.create(commune=commune_b, name="Hội Nông dân xã")
        assert Unit.objects.filter(name="Hội Nông dân xã").count() == 2
