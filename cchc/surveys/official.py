"""The official questionnaire templates, as data, and their idempotent loader (run by migration 0002).

QĐ 2640/QĐ-BNV (10/10/2017): 5 elements, 22 criteria. The split 4 + 5 + 6 + 3 + 4 and the wording
follow the domain notes (section 9), which flag them as not confirmed against the decision's text:
the rows are editable platform data, so a correction is an edit, not a code change.
QĐ 1001/QĐ-BNV (11/12/2023): service delivery is reported on the first four elements; its
criteria are taken to be the same here (also unconfirmed).
"""

from __future__ import annotations

DEFAULT_TEMPLATE = "2640"

ELEMENTS_2640: list[tuple[str, list[str]]] = [
    (
        "Tiếp cận dịch vụ",
        [
            "Nơi ngồi chờ có đủ chỗ ngồi",
            "Trang thiết bị phục vụ người dân, tổ chức đầy đủ",
            "Trang thiết bị phục vụ người dân, tổ chức hiện đại",
            "Trang thiết bị phục vụ người dân, tổ chức dễ sử dụng",
        ],
    ),
    (
        "Thủ tục hành chính",
        [
            "Thủ tục hành chính được niêm yết công khai đầy đủ",
            "Thủ tục hành chính được niêm yết công khai chính xác",
            "Thành phần hồ sơ phải nộp đúng quy định",
            "Phí, lệ phí phải nộp đúng quy định",
            "Thời hạn giải quyết ghi trên giấy tiếp nhận hồ sơ và hẹn trả kết quả đúng quy định",
        ],
    ),
    (
        "Công chức giải quyết công việc",
        [
            "Công chức có thái độ giao tiếp lịch sự",
            "Công chức chú ý lắng nghe ý kiến của người dân, tổ chức",
            "Công chức trả lời, giải thích đầy đủ các ý kiến của người dân, tổ chức",
            "Công chức hướng dẫn kê khai hồ sơ tận tình, chu đáo",
            "Công chức hướng dẫn kê khai hồ sơ dễ hiểu",
            "Công chức tuân thủ đúng quy định trong giải quyết công việc",
        ],
    ),
    (
        "Kết quả giải quyết",
        [
            "Kết quả giải quyết đúng quy định",
            "Kết quả giải quyết có thông tin đầy đủ",
            "Kết quả giải quyết có thông tin chính xác",
        ],
    ),
    (
        "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
        [
            "Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị",
            "Người dân, tổ chức dễ dàng thực hiện góp ý, phản ánh, kiến nghị",
            "Cơ quan tiếp nhận, xử lý tích cực các góp ý, phản ánh, kiến nghị",
            "Cơ quan thông báo kịp thời kết quả xử lý góp ý, phản ánh, kiến nghị",
        ],
    ),
]

TEMPLATES = [
    {
        "code": "2640",
        "name": "Phiếu khảo sát sự hài lòng theo Quyết định 2640/QĐ-BNV",
        "legal_basis": "Quyết định số 2640/QĐ-BNV ngày 10/10/2017 của Bộ Nội vụ",
        "is_default": True,
        "elements": ELEMENTS_2640,
    },
    {
        "code": "1001",
        "name": "Phiếu khảo sát cung ứng dịch vụ hành chính công theo Quyết định 1001/QĐ-BNV",
        "legal_basis": "Quyết định số 1001/QĐ-BNV ngày 11/12/2023 của Bộ Nội vụ",
        "is_default": False,
        "elements": ELEMENTS_2640[:4],
    },
]


def load_official_templates(apps=None) -> None:
    """Create or update the official templates; running it again changes nothing.

    ``apps`` is a migration's app registry (historical models), or None for the current models.
    """
    if apps is None:
        from django.apps import apps as registry
    else:
        registry = apps
    Template = registry.get_model("surveys", "SurveyTemplate")
    Element = registry.get_model("surveys", "SurveyElement")
    Criterion = registry.get_model("surveys", "SurveyCriterion")
    for spec in TEMPLATES:
        template, _ = Template.objects.update_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "legal_basis": spec["legal_basis"], "is_default": spec["is_default"]},
        )
        for e, (name, criteria) in enumerate(spec["elements"], start=1):
            element, _ = Element.objects.update_or_create(template=template, number=e, defaults={"name": name})
            for c, text in enumerate(criteria, start=1):
                Criterion.objects.update_or_create(
                    element=element, number=c, defaults={"code": f"{e}.{c}", "text": text}
                )


def default_template():
    """The template a new round takes unless told otherwise (2640).

    The official templates are data that a migration loads; a database emptied since (``flush``, a
    browser test's reset) gets them again here rather than failing on the first round it opens.
    """
    from .models import SurveyTemplate

    template = SurveyTemplate.objects.filter(is_default=True).first()
    if template is None:
        load_official_templates()
        template = SurveyTemplate.objects.get(is_default=True)
    return template
