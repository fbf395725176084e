"""The vocabulary of a plan's structure: what a part of the plan is about and the channels it names.

Models, the importer, the dashboard and the demo share these enums; the importer's output types
live with the importer (``cchc.plans.importer.parsed``).
"""

from __future__ import annotations

from enum import StrEnum


class SectionRole(StrEnum):
    """What a part of the plan is about, recognised from its heading."""

    PURPOSES = "purposes"  # mục đích
    REQUIREMENTS = "requirements"  # yêu cầu
    AUDIENCES = "audiences"  # đối tượng
    CONTENTS = "contents"  # nội dung
    CHANNELS = "channels"  # hình thức
    IMPLEMENTERS = "implementers"  # cơ quan / đơn vị thực hiện
    TIMELINE = "timeline"  # thời gian, tiến độ
    RESPONSIBILITIES = "responsibilities"  # trách nhiệm, tổ chức thực hiện, phân công
    BUDGET = "budget"  # kinh phí
    OTHER = ""


class Channel(StrEnum):
    PORTAL = "portal"  # cổng/trang thông tin điện tử, tin bài
    BULLETIN = "bulletin"  # bản tin CCHC
    RADIO = "radio"  # truyền thanh, loa
    CONFERENCE = "conference"  # hội nghị
    VILLAGE_MEETING = "village_meeting"  # họp thôn/xóm
    BANNER = "banner"  # băng rôn, khẩu hiệu
    PANEL = "panel"  # panô, áp phích
    LEAFLET = "leaflet"  # tờ rơi, tờ gấp
    MOBILE = "mobile"  # tuyên truyền lưu động
    STAGED = "staged"  # sân khấu hóa
    LEGAL_SESSION = "legal_session"  # phổ biến, giáo dục pháp luật
    CONTEST = "contest"  # cuộc thi
    POSTING = "posting"  # niêm yết thủ tục
    SURVEY = "survey"  # khảo sát sự hài lòng
    DIALOGUE = "dialogue"  # đối thoại, tiếp xúc
    EVALUATION = "evaluation"  # sơ kết, tổng kết, đánh giá
    BUDGET = "budget"  # bố trí kinh phí
    OTHER = "other"
