"""The dashboard reads its plan's own commune, whatever scope the caller has open."""

from cchc.communes.actions import CreateRecord
from cchc.communes.scoping import all_communes, commune_scope
from cchc.plans.dashboard import build_dashboard
from cchc.procedures.models import PostingPlace


def test_a_plans_dashboard_shows_its_own_communes_places_under_any_scope(commune_a, commune_b, seed_plan):
    with commune_scope(commune_a):
        CreateRecord(PostingPlace(commune=commune_a, name="Nhà văn hóa xóm Nà To")).execute()
    with commune_scope(commune_b):
        CreateRecord(PostingPlace(commune=commune_b, name="Nhà văn hóa Phú Đình")).execute()
    for scope in (all_communes(), commune_scope(commune_b), commune_scope(commune_a)):
        with scope:
            board = build_dashboard(seed_plan)
        assert [s.place.name for s in board.postings] == ["Nhà văn hóa xóm Nà To"]
