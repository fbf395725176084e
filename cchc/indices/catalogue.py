"""The four indices a commune follows: what each measures, who publishes it, its components and maxima.

Facts from ``domain/vietnam-egov-facts.md`` §5 and §1. Where a maximum is not fixed nationwide (the
areas of a commune's PAR INDEX are scored by each province's own criteria) it is left to the figure
entered; a component not listed here may still be entered (a province's own breakdown).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold_vietnamese


class IndexKind(models.TextChoices):
    # The value is the index's address on the public pages (/chi-so/par-index/).
    PAR_INDEX = "par-index", "PAR INDEX"
    PCI = "pci", "PCI"
    PAPI = "papi", "PAPI"
    SIPAS = "sipas", "SIPAS"


@dataclass(frozen=True)
class Component:
    name: str
    max_score: Decimal | None = None


@dataclass(frozen=True)
class IndexInfo:
    kind: str
    name: str  # the full Vietnamese name
    measures: str  # what it measures and who publishes it, for citizens
    total_max: Decimal
    unit: str  # "điểm" or "%"
    components: tuple[Component, ...]

    @property
    def code(self) -> str:
        return IndexKind(self.kind).label

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def known_max(self, component: str) -> Decimal | None:
        """The maximum of ``component`` ("" for the total), when the method fixes one."""
        if not component:
            return self.total_max
        wanted = fold_vietnamese(component)
        for known in self.components:
            if fold_vietnamese(known.name) == wanted:
                return known.max_score
        return None

    def canonical_name(self, component: str) -> str:
        """A listed component's name as the method writes it, whatever case or tones were typed."""
        wanted = fold_vietnamese(component)
        for known in self.components:
            if fold_vietnamese(known.name) == wanted:
                return known.name
        return component

    def position(self, component: str) -> int:
        """Where a component comes in tables and charts: the method's order, others after it."""
        for index, known in enumerate(self.components):
            if known.name == component:
                return index
        return len(self.components)


TEN = Decimal(10)
HUNDRED = Decimal(100)

INDICES: dict[str, IndexInfo] = {
    IndexKind.PAR_INDEX: IndexInfo(
        kind=IndexKind.PAR_INDEX,
        name=_("Chỉ số cải cách hành chính"),
        measures=_(
            "Đo kết quả cải cách hành chính trên 8 lĩnh vực, thang điểm 100. Bộ Nội vụ công bố hằng năm cho "
            "các bộ, tỉnh (Quyết định 876/QĐ-BNV năm 2022); UBND tỉnh chấm điểm các xã theo bộ tiêu chí của "
            "tỉnh, nên điểm tối đa của từng lĩnh vực do tỉnh quy định."
        ),
        total_max=HUNDRED,
        unit=_("điểm"),
        components=tuple(
            Component(name)
            for name in (
                "Công tác chỉ đạo, điều hành cải cách hành chính",
                "Cải cách thể chế",
                "Cải cách thủ tục hành chính",
                "Cải cách tổ chức bộ máy hành chính nhà nước",
                "Cải cách chế độ công vụ",
                "Cải cách tài chính công",
                "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số",
                "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
            )
        ),
    ),
    IndexKind.PCI: IndexInfo(
        kind=IndexKind.PCI,
        name=_("Chỉ số năng lực cạnh tranh cấp tỉnh"),
        measures=_(
            "Đo chất lượng điều hành kinh tế của chính quyền cấp tỉnh qua ý kiến của doanh nghiệp. Liên đoàn "
            "Thương mại và Công nghiệp Việt Nam (VCCI) công bố hằng năm: 10 chỉ số thành phần, mỗi chỉ số tối "
            "đa 10 điểm, tổng có trọng số tối đa 100 điểm."
        ),
        total_max=HUNDRED,
        unit=_("điểm"),
        components=tuple(
            Component(name, TEN)
            for name in (
                "Gia nhập thị trường",
                "Tiếp cận đất đai",
                "Tính minh bạch",
                "Chi phí thời gian",
                "Chi phí không chính thức",
                "Cạnh tranh bình đẳng",
                "Tính năng động của chính quyền tỉnh",
                "Dịch vụ hỗ trợ doanh nghiệp",
                "Đào tạo lao động",
                "Thiết chế pháp lý và an ninh trật tự",
            )
        ),
    ),
    IndexKind.PAPI: IndexInfo(
        kind=IndexKind.PAPI,
        name=_("Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh"),
        measures=_(
            "Đo hiệu quả quản trị và hành chính công cấp tỉnh qua khảo sát người dân. Chương trình Phát triển "
            "Liên hợp quốc (UNDP) cùng các đối tác trong nước công bố hằng năm: 8 nội dung, mỗi nội dung tối "
            "đa 10 điểm, tổng tối đa 80 điểm."
        ),
        total_max=Decimal(80),
        unit=_("điểm"),
        components=tuple(
            Component(name, TEN)
            for name in (
                "Tham gia của người dân ở cấp cơ sở",
                "Công khai, minh bạch trong việc ra quyết định",
                "Trách nhiệm giải trình với người dân",
                "Kiểm soát tham nhũng trong khu vực công",
                "Thủ tục hành chính công",
                "Cung ứng dịch vụ công",
                "Quản trị môi trường",
                "Quản trị điện tử",
            )
        ),
    ),
    IndexKind.SIPAS: IndexInfo(
        kind=IndexKind.SIPAS,
        name=_("Chỉ số hài lòng về sự phục vụ hành chính"),
        measures=_(
            "Đo mức độ hài lòng của người dân, tổ chức khi làm thủ tục với cơ quan hành chính, tính bằng "
            "tỷ lệ phần trăm. Bộ Nội vụ hướng dẫn phương pháp đo (Quyết định 1001/QĐ-BNV năm 2023); chỉ số "
            "chiếm 10 trên 100 điểm của PAR INDEX."
        ),
        total_max=HUNDRED,
        unit="%",
        components=tuple(
            Component(name, HUNDRED)
            for name in (
                "Tiếp cận dịch vụ",
                "Thủ tục hành chính",
                "Sự phục vụ của công chức",
                "Kết quả giải quyết công việc",
                "Tiếp nhận, xử lý ý kiến góp ý, phản ánh, kiến nghị",
            )
        ),
    ),
}


def info(kind: str) -> IndexInfo:
    return INDICES[kind]
