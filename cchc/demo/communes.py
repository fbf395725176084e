"""Demo data: Định Biên commune as in its 2022 plan, plus a second commune to show isolation.

Village names of Định Biên are the nine hamlets after the 11/12/2019 merger (public
administrative records); their household and population figures are illustrative and marked so.
The second commune's villages are illustrative throughout.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Page

from cchc.communes.models import Commune, Unit, UnitKind, Village, VillageKind
from cchc.communes.provisioning import CommuneSpec, create_commune, grant_role
from cchc.communes.roles import Role
from cchc.communes.scoping import commune_scope
from cchc.portal.models import StandardPage

DEMO_PASSWORD = "cchc@2022"  # noqa: S105 - printed to the developer by `make run`


@dataclass(frozen=True)
class DemoOfficial:
    username: str
    full_name: str
    role: str
    unit: str = ""
    title: str = ""


DINH_BIEN = CommuneSpec(
    name="Xã Định Biên",
    code="05575",
    province="Tỉnh Thái Nguyên",
    district="Huyện Định Hóa",
    superior_body="UBND huyện Định Hóa",
    hostname="127.0.0.1",
    address="Trụ sở UBND xã Định Biên, huyện Định Hóa, tỉnh Thái Nguyên",
    phone="0208 3000 000",
    email="dinhbien.demo@example.vn",
    office_hours="Sáng 7:30 - 11:30, chiều 13:30 - 17:00, thứ Hai đến thứ Sáu",
    is_default_site=True,
)
PHU_DINH = CommuneSpec(
    name="Xã Phú Đình",
    code="05602",
    province="Tỉnh Thái Nguyên",
    district="Huyện Định Hóa",
    superior_body="UBND huyện Định Hóa",
    hostname="phu-dinh.localhost",
    address="Trụ sở UBND xã Phú Đình, huyện Định Hóa, tỉnh Thái Nguyên",
    phone="0208 3000 001",
    email="phudinh.demo@example.vn",
    office_hours="Sáng 7:30 - 11:30, chiều 13:30 - 17:00, thứ Hai đến thứ Sáu",
)

# (name, households, population, ethnic-minority village)
DINH_BIEN_VILLAGES = [
    ("Đồng Đau", 85, 340, False),
    ("Đồng Rằm", 72, 290, False),
    ("Gốc Thông", 64, 262, False),
    ("Khau Diều", 78, 318, True),
    ("Khau Lầu", 81, 330, True),
    ("Làng Quặng", 90, 365, False),
    ("Làng Vẹ", 58, 236, True),
    ("Nà To", 55, 221, True),
    ("Nong Nia", 48, 197, True),
]
PHU_DINH_VILLAGES = [
    ("Đồng Hoàng (minh họa)", 70, 280, True),
    ("Khuôn Tát (minh họa)", 62, 250, True),
    ("Làng Mới (minh họa)", 80, 320, False),
]

# The units the 2022 plan names (III.3.1 - 3.6) and the mass organisations it addresses.
DINH_BIEN_UNITS = [
    ("Ban Văn hóa, Thông tin và tuyên truyền", UnitKind.BOARD, "VH-TT"),
    ("Ban Tài chính - Ngân sách", UnitKind.BOARD, "TC-NS"),
    ("Văn phòng HĐND và UBND xã", UnitKind.OFFICE, "VP"),
    ("Công chức Tư pháp - Hộ tịch", UnitKind.SECTOR, "TP"),
    ("Cán bộ Phát thanh - Truyền thông", UnitKind.SECTOR, "PT-TT"),
    ("Bộ phận Tiếp nhận và trả kết quả", UnitKind.OFFICE, "Một cửa"),
    ("Đảng ủy xã", UnitKind.PARTY, "ĐU"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", UnitKind.MASS_ORGANISATION, "MTTQ"),
    ("Hội Liên hiệp Phụ nữ xã", UnitKind.MASS_ORGANISATION, "HPN"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", UnitKind.MASS_ORGANISATION, "ĐTN"),
    ("Hội Nông dân xã", UnitKind.MASS_ORGANISATION, "HND"),
    ("Hội Cựu chiến binh xã", UnitKind.MASS_ORGANISATION, "CCB"),
]
PHU_DINH_UNITS = DINH_BIEN_UNITS[:6]

DINH_BIEN_OFFICIALS = [
    DemoOfficial("chutich", "Ma Thịnh Giáp", Role.CHAIRMAN, title="Chủ tịch UBND xã"),
    DemoOfficial(
        "vanphong", "Hoàng Thị Lan", Role.OFFICE, "Văn phòng HĐND và UBND xã", "Công chức Văn phòng - Thống kê"
    ),
    DemoOfficial(
        "vanhoa",
        "Ma Văn Hùng",
        Role.CULTURE_INFO,
        "Ban Văn hóa, Thông tin và tuyên truyền",
        "Công chức Văn hóa - Xã hội",
    ),
    DemoOfficial("phatthanh", "Nông Thị Hà", Role.BROADCASTER, "Cán bộ Phát thanh - Truyền thông", "Cán bộ Phát thanh"),
    DemoOfficial("tuphap", "Đặng Văn Ước", Role.JUSTICE, "Công chức Tư pháp - Hộ tịch", "Công chức Tư pháp - Hộ tịch"),
    DemoOfficial(
        "taichinh", "Lương Thị Mai", Role.FINANCE, "Ban Tài chính - Ngân sách", "Công chức Tài chính - Kế toán"
    ),
    DemoOfficial("phunu", "Nguyễn Thị Hồng Nhung", Role.UNIT_MEMBER, "Hội Liên hiệp Phụ nữ xã", "Chủ tịch Hội Phụ nữ"),
]
PHU_DINH_OFFICIALS = [
    DemoOfficial("phudinh_chutich", "Triệu Văn Sơn", Role.CHAIRMAN, title="Chủ tịch UBND xã"),
    DemoOfficial("phudinh_vanphong", "La Thị Thu", Role.OFFICE, "Văn phòng HĐND và UBND xã", "Công chức Văn phòng"),
]

DINH_BIEN_INTRO = (
    "<p>Xã Định Biên nằm ở phía tây huyện Định Hóa, tỉnh Thái Nguyên, thuộc An toàn khu (ATK) Định Hóa. "
    "Trang này là nơi Ủy ban nhân dân xã công khai thông tin về cải cách hành chính: thủ tục hành chính, "
    "tin tức, bản tin, lịch phát thanh và kết quả khảo sát sự hài lòng của người dân.</p>"
)


PHU_DINH_INTRO = (
    "<p>Xã Phú Đình thuộc huyện Định Hóa, tỉnh Thái Nguyên (dữ liệu minh họa để thấy mỗi xã có trang, "
    "dữ liệu và cán bộ riêng).</p>"
)


def _user(official: DemoOfficial):
    User = get_user_model()
    user, created = User.objects.get_or_create(username=official.username)
    if created:
        # Django writes first_name + last_name; a Vietnamese name reads family name first,
        # so the family and middle names go first and the given name last.
        family, _, given = official.full_name.rpartition(" ")
        if official.role in (Role.OVERSEER, Role.PLATFORM_ADMIN):
            family, given = official.full_name, ""
        user.first_name, user.last_name = family, given
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _fill(commune: Commune, villages, units, officials) -> None:
    with commune_scope(commune):
        for order, (name, households, population, minority) in enumerate(villages, start=1):
            Village.objects.get_or_create(
                commune=commune,
                name=name,
                defaults={
                    "kind": VillageKind.XOM,
                    "households": households,
                    "population": population,
                    "is_ethnic_minority": minority,
                    "figures_are_illustrative": True,
                    "sort_order": order,
                },
            )
        unit_by_name = {}
        for order, (name, kind, short) in enumerate(units, start=1):
            unit_by_name[name], _ = Unit.objects.get_or_create(
                commune=commune, name=name, defaults={"kind": kind, "short_name": short, "sort_order": order}
            )
    for official in officials:
        grant_role(
            commune=commune,
            user=_user(official),
            role=official.role,
            unit=unit_by_name.get(official.unit),
            title=official.title,
        )


def _commune(spec: CommuneSpec, port: int) -> Commune:
    existing = Commune.objects.filter(code=spec.code).first()
    if existing is not None:
        return existing
    from dataclasses import replace

    return create_commune(replace(spec, port=port))


@transaction.atomic
def load_demo_communes(*, port: int = 8000) -> list[Commune]:
    """Create the demo communes, villages, units and officials; running it again changes nothing."""
    dinh_bien = _commune(DINH_BIEN, port)
    phu_dinh = _commune(PHU_DINH, port)
    _fill(dinh_bien, DINH_BIEN_VILLAGES, DINH_BIEN_UNITS, DINH_BIEN_OFFICIALS)
    _fill(phu_dinh, PHU_DINH_VILLAGES, PHU_DINH_UNITS, PHU_DINH_OFFICIALS)

    overseer = _user(DemoOfficial("captren", "Phòng Văn hóa - Thông tin huyện", Role.OVERSEER))
    for commune in (dinh_bien, phu_dinh):
        grant_role(commune=commune, user=overseer, role=Role.OVERSEER, title="Phòng VH&TT huyện Định Hóa")
    admin = _user(DemoOfficial("quantri", "Quản trị hệ thống", Role.PLATFORM_ADMIN))
    grant_role(commune=dinh_bien, user=admin, role=Role.PLATFORM_ADMIN)

    _home(dinh_bien, DINH_BIEN_INTRO, "Vị trí, dân cư và tổ chức bộ máy của xã Định Biên.", DINH_BIEN_ABOUT)
    _home(phu_dinh, PHU_DINH_INTRO, "Giới thiệu xã Phú Đình (minh họa).", "<p>Trang giới thiệu minh họa.</p>")
    return [dinh_bien, phu_dinh]


DINH_BIEN_ABOUT = (
    "<p>Xã Định Biên có diện tích tự nhiên khoảng 6,96 km², gồm 9 xóm: Đồng Đau, Đồng Rằm, "
    "Gốc Thông, Khau Diều, Khau Lầu, Làng Quặng, Làng Vẹ, Nà To và Nong Nia.</p>"
)


def _home(commune: Commune, intro: str, summary: str, body: str) -> None:
    home = commune.root_page.specific
    if not home.intro:
        home.intro = intro
        home.save_revision().publish()
    if not Page.objects.child_of(home).filter(slug="gioi-thieu").exists():
        about = StandardPage(title="Giới thiệu chung", slug="gioi-thieu", summary=summary, body=body)
        home.add_child(instance=about)
        about.save_revision().publish()


DEMO_LOGINS = [
    *[(o.username, o.full_name, Role(o.role).label, "Xã Định Biên") for o in DINH_BIEN_OFFICIALS],
    *[(o.username, o.full_name, Role(o.role).label, "Xã Phú Đình") for o in PHU_DINH_OFFICIALS],
    ("captren", "Phòng VH&TT huyện", Role.OVERSEER.label, "Cả hai xã (chỉ xem)"),
    ("quantri", "Quản trị hệ thống", Role.PLATFORM_ADMIN.label, "Toàn hệ thống"),
]
