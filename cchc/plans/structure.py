"""The vocabulary of a plan's structure: what a part of the plan is about and the channels it names.

Models, the importer, the dashboard and the demo share these enums; the importer's output types
live with the importer (``cchc.plans.importer.parsed``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionRole(models.TextChoices):
    """What a part of the plan is about, recognised from its heading."""

    OTHER = "", _("Khác")
    PURPOSES = "purposes", _("Mục đích")
    REQUIREMENTS = "requirements", _("Yêu cầu")
    AUDIENCES = "audiences", _("Đối tượng")
    CONTENTS = "contents", _("Nội dung")
    CHANNELS = "channels", _("Hình thức")
    IMPLEMENTERS = "implementers", _("Cơ quan thực hiện")  # cơ quan / đơn vị thực hiện
    TIMELINE = "timeline", _("Thời gian thực hiện")  # thời gian, tiến độ
    RESPONSIBILITIES = "responsibilities", _("Trách nhiệm thực hiện")  # tổ chức thực hiện, phân công
    BUDGET = "budget", _("Kinh phí")


class Channel(models.TextChoices):
    """How the plan reaches people; the label is what officials read."""

    PORTAL = "portal", _("Cổng thông tin điện tử, tin bài")  # cổng/trang thông tin điện tử, tin bài
    BULLETIN = "bulletin", _("Bản tin CCHC")  # bản tin CCHC
    RADIO = "radio", _("Truyền thanh, loa")  # truyền thanh, loa
    CONFERENCE = "conference", _("Hội nghị")  # hội nghị
    VILLAGE_MEETING = "village_meeting", _("Họp thôn, xóm")  # họp thôn/xóm
    BANNER = "banner", _("Băng rôn, khẩu hiệu")  # băng rôn, khẩu hiệu
    PANEL = "panel", _("Panô, áp phích")  # panô, áp phích
    LEAFLET = "leaflet", _("Tờ rơi, tờ gấp")  # tờ rơi, tờ gấp
    MOBILE = "mobile", _("Tuyên truyền lưu động")  # tuyên truyền lưu động
    STAGED = "staged", _("Sân khấu hóa")  # sân khấu hóa
    LEGAL_SESSION = "legal_session", _("Phổ biến, giáo dục pháp luật")  # phổ biến, giáo dục pháp luật
    CONTEST = "contest", _("Cuộc thi")  # cuộc thi
    POSTING = "posting", _("Niêm yết thủ tục hành chính")  # niêm yết thủ tục
    SURVEY = "survey", _("Khảo sát sự hài lòng")  # khảo sát sự hài lòng
    DIALOGUE = "dialogue", _("Đối thoại, tiếp xúc")  # đối thoại, tiếp xúc
    EVALUATION = "evaluation", _("Sơ kết, tổng kết, đánh giá")  # sơ kết, tổng kết, đánh giá
    BUDGET = "budget", _("Bố trí kinh phí")  # bố trí kinh phí
    OTHER = "other", _("Khác")


class Quarter(models.IntegerChoices):
    Q1 = 1, _("Quý I")
    Q2 = 2, _("Quý II")
    Q3 = 3, _("Quý III")
    Q4 = 4, _("Quý IV")


class Recurrence(models.TextChoices):
    """How often a recurring task comes back ("hằng tuần", "02 lần/tháng", "định kỳ hằng quý")."""

    NONE = "", _("Một lần")
    WEEKLY = "weekly", _("Hằng tuần")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
