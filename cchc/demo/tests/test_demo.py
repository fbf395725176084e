from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from cchc.communes.models import Commune, Membership, Unit, Village
from cchc.communes.roles import Role
from cchc.communes.scoping import all_communes, commune_scope


def _counts():
    with all_communes():
        return (
            Commune.objects.count(),
            Village.objects.count(),
            Unit.objects.count(),
            Membership.objects.count(),
            get_user_model().objects.count(),
            Page.objects.count(),
        )


def _printed_token(out: str) -> str:
    [line] = [line for line in out.splitlines() if line.startswith("Mã thiết bị của cụm loa")]
    return line.rsplit(": ", 1)[1].strip()


def test_load_demo_is_idempotent_and_has_every_role(db, capsys):
    from cchc.broadcasts.devices import cluster_for_token

    call_command("load_demo")
    first = _counts()
    earlier_token = _printed_token(capsys.readouterr().out)
    call_command("load_demo")
    assert _counts() == first
    out = capsys.readouterr().out
    # The accounts file carries a working speaker token; the one printed before it no longer works.
    assert cluster_for_token(_printed_token(out)).village.name == "Đồng Đau"
    assert cluster_for_token(earlier_token) is None
    assert "vanphong" in out
    assert "cchc@2022" in out
    dinh_bien = Commune.objects.get(code="05575")
    assert dinh_bien.district == "Huyện Định Hóa"
    with all_communes():
        roles = set(Membership.objects.filter(commune=dinh_bien).values_list("role", flat=True))
    assert roles == set(Role.values)


def test_demo_dinh_bien_has_its_nine_hamlets_and_the_units_of_the_plan(db):
    call_command("load_demo", "--quiet")
    dinh_bien = Commune.objects.get(code="05575")
    with commune_scope(dinh_bien):
        assert Village.objects.count() == 9
        assert Village.objects.filter(name="Khau Lầu", is_ethnic_minority=True).exists()
        assert all(v.figures_are_illustrative for v in Village.objects.all())
        names = set(Unit.objects.values_list("name", flat=True))
    assert {"Ban Tài chính - Ngân sách", "Văn phòng HĐND và UBND xã", "Bộ phận Tiếp nhận và trả kết quả"} <= names
    assert Commune.objects.count() == 2


def test_load_demo_twice_leaves_plans_procedures_and_postings_as_they_were(db):
    from cchc.plans.models import Plan
    from cchc.procedures.models import Posting, Procedure, PublishedProcedure

    def counts():
        with all_communes():
            return (Plan.objects.count(), Procedure.objects.count(), PublishedProcedure.objects.count(),
                    Posting.objects.count())  # fmt: skip

    call_command("load_demo", "--quiet")
    first = counts()
    call_command("load_demo", "--quiet")
    assert counts() == first
    assert Procedure.objects.filter(version__gt=2).count() == 0
    with all_communes():
        assert Posting.objects.filter(procedure__is_current=False).exists(), "the demo shows an outdated sheet"


def test_the_demo_has_last_years_plan_in_evaluation_and_this_years_under_way(db, client):
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from cchc.plans.dashboard import build_dashboard
    from cchc.plans.models import Plan, PlanStatus, ProgressReport

    call_command("load_demo", "--quiet")
    dinh_bien = Commune.objects.get(code="05575")
    today = timezone.localdate()
    with commune_scope(dinh_bien):
        seed = Plan.objects.get(year=2022)
        now = Plan.objects.get(year=today.year)
        board = build_dashboard(seed)
        assert seed.status == PlanStatus.EVALUATING
        # Judged by 2022, most of the work was done; some was late, not 21 tasks of 25.
        assert 0 < len(board.overdue) <= board.total.total // 4
        assert now.status == PlanStatus.IN_PROGRESS
        reports = ProgressReport.objects.filter(task__plan=now)
        assert all(r.reported_on < today for r in reports)
        assert all(r.reported_by is not None for r in reports)
        assert now.tasks.filter(due_date__gte=today).exists() or today >= dt.date(today.year, 12, 1)
    client.force_login(get_user_model().objects.get(username="vanphong"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert now.title in html
