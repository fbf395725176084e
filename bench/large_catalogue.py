"""A commune's full catalogue, about 460 procedures, for measuring search at the size a commune really publishes.

A province's published commune-level set (after the two-level local government of 1 July 2025) runs to
roughly 460 procedures; the project ships 49 written out in full. ``generate`` keeps those 49 unchanged and
adds commune-level procedures named the way the national procedure database names them, field by field:
the names are realistic, the codes (``2.005000``–``2.009999``, none of them a shipped code) and the
details are made up, so the result is for measuring only, never for publishing. ``write_xlsx`` writes it
in the national export's layout (docs/thu-tuc-quoc-gia.md) so it goes through the real import command:

    python -m bench.large_catalogue /tmp/danh-muc-460.xlsx            # then
    python manage.py import_procedures /tmp/danh-muc-460.xlsx
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parent / "cchc" / "procedures" / "data" / "catalogue.json"
SOURCE = (
    "Thủ tục sinh ra để đo (bench/large_catalogue.py): tên theo lối Cơ sở dữ liệu quốc gia, mã và nội dung không có "
    "thật"
)
CODE_RANGE = range(5000, 10000)  # 2.005000–2.009999

DAY0 = ("Ngay trong ngày làm việc; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo", 0)


def _days(n: int, tail: str = "kể từ ngày nhận đủ hồ sơ hợp lệ") -> tuple[str, int]:
    return f"{n:02d} ngày làm việc {tail}", n


# Fields the shipped catalogue does not have: (code, name, who publishes their procedures nationally).
NEW_FIELDS = [
    ("MT", "Môi trường", "Bộ Nông nghiệp và Môi trường"),
    ("TNN", "Tài nguyên nước", "Bộ Nông nghiệp và Môi trường"),
    ("LN", "Lâm nghiệp", "Bộ Nông nghiệp và Môi trường"),
    ("CNTY", "Chăn nuôi và thú y", "Bộ Nông nghiệp và Môi trường"),
    ("TS", "Thủy sản", "Bộ Nông nghiệp và Môi trường"),
    ("TL", "Thủy lợi", "Bộ Nông nghiệp và Môi trường"),
    ("PCTT", "Phòng, chống thiên tai", "Bộ Nông nghiệp và Môi trường"),
    ("KTHT", "Kinh tế hợp tác và phát triển nông thôn", "Bộ Nông nghiệp và Môi trường"),
    ("HTX", "Thành lập và hoạt động của hợp tác xã", "Bộ Tài chính"),
    ("GD", "Giáo dục và Đào tạo", "Bộ Giáo dục và Đào tạo"),
    ("ATTP", "An toàn thực phẩm", "Bộ Y tế"),
    ("DS", "Dân số", "Bộ Y tế"),
    ("TE", "Trẻ em", "Bộ Y tế"),
    ("PCTNXH", "Phòng, chống tệ nạn xã hội", "Bộ Y tế"),
    ("VL", "Việc làm", "Bộ Nội vụ"),
    ("TDTT", "Thể dục, thể thao", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("TV", "Thư viện", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("GDH", "Gia đình", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("PTTH", "Phát thanh, truyền hình và thông tin điện tử", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("XBIN", "Xuất bản, in và phát hành", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("QC", "Quảng cáo", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("TNTG", "Tín ngưỡng, tôn giáo", "Bộ Dân tộc và Tôn giáo"),
    ("CTDT", "Công tác dân tộc", "Bộ Dân tộc và Tôn giáo"),
    ("TCPCP", "Tổ chức phi chính phủ", "Bộ Nội vụ"),
    ("PBPL", "Phổ biến, giáo dục pháp luật", "Bộ Tư pháp"),
    ("BTNN", "Bồi thường nhà nước", "Bộ Tư pháp"),
    ("TCD", "Tiếp công dân", "Thanh tra Chính phủ"),
    ("TCTT", "Tiếp cận thông tin", "Bộ Tư pháp"),
    ("LTHH", "Lưu thông hàng hóa trong nước", "Bộ Công Thương"),
    ("DL", "Điện lực", "Bộ Công Thương"),
    ("KDK", "Kinh doanh khí", "Bộ Công Thương"),
    ("DB", "Đường bộ", "Bộ Xây dựng"),
    ("DTND", "Đường thủy nội địa", "Bộ Xây dựng"),
    ("QHXD", "Quy hoạch xây dựng, kiến trúc", "Bộ Xây dựng"),
    ("NVQS", "Nghĩa vụ quân sự", "Bộ Quốc phòng"),
    ("DQTV", "Dân quân tự vệ", "Bộ Quốc phòng"),
    ("VTLT", "Văn thư và lưu trữ nhà nước", "Bộ Nội vụ"),
    ("NO", "Nhà ở", "Bộ Xây dựng"),
    ("CQDP", "Chính quyền địa phương", "Bộ Nội vụ"),
]
PUBLISHERS = {
    "HT": "Bộ Tư pháp", "CT": "Bộ Tư pháp", "NCN": "Bộ Tư pháp", "HG": "Bộ Tư pháp", "BTXH": "Bộ Y tế",
    "GN": "Bộ Nông nghiệp và Môi trường", "NCC": "Bộ Nội vụ", "DD": "Bộ Nông nghiệp và Môi trường",
    "HKD": "Bộ Tài chính", "TDKT": "Bộ Nội vụ", "VH": "Bộ Văn hóa, Thể thao và Du lịch",
    "KNTC": "Thanh tra Chính phủ", "XD": "Bộ Xây dựng", "NN": "Bộ Nông nghiệp và Môi trường",
} | {code: publisher for code, _name, publisher in NEW_FIELDS}  # fmt: skip

LEGAL = {
    "HT": [
        "Luật Hộ tịch số 60/2014/QH13",
        "Nghị định số 123/2015/NĐ-CP",
        "Thông tư số 04/2020/TT-BTP",
    ],
    "CT": [
        "Nghị định số 23/2015/NĐ-CP",
        "Thông tư số 01/2020/TT-BTP",
        "Thông tư số 226/2016/TT-BTC",
    ],
    "NCN": [
        "Luật Nuôi con nuôi số 52/2010/QH12",
        "Nghị định số 19/2011/NĐ-CP",
    ],
    "BTXH": [
        "Nghị định số 20/2021/NĐ-CP",
        "Luật Người khuyết tật số 51/2010/QH12",
    ],
    "GN": [
        "Nghị định số 07/2021/NĐ-CP",
        "Quyết định số 24/2021/QĐ-TTg",
    ],
    "NCC": [
        "Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14",
        "Nghị định số 131/2021/NĐ-CP",
    ],
    "DD": [
        "Luật Đất đai số 31/2024/QH15",
        "Nghị định số 101/2024/NĐ-CP",
        "Nghị định số 102/2024/NĐ-CP",
    ],
    "HKD": [
        "Nghị định số 01/2021/NĐ-CP",
    ],
    "TDKT": [
        "Luật Thi đua, khen thưởng số 06/2022/QH15",
        "Nghị định số 98/2023/NĐ-CP",
    ],
    "VH": [
        "Nghị định số 86/2023/NĐ-CP",
        "Nghị định số 110/2018/NĐ-CP",
        "Nghị định số 54/2019/NĐ-CP",
    ],
    "HG": [
        "Luật Hòa giải ở cơ sở số 35/2013/QH13",
        "Nghị định số 15/2014/NĐ-CP",
    ],
    "KNTC": [
        "Luật Khiếu nại số 02/2011/QH13",
        "Luật Tố cáo số 25/2018/QH14",
    ],
    "XD": [
        "Luật Xây dựng số 50/2014/QH13 (sửa đổi, bổ sung năm 2020)",
        "Nghị định số 175/2024/NĐ-CP",
    ],
    "NN": [
        "Luật Trồng trọt số 31/2018/QH14",
        "Nghị định số 112/2024/NĐ-CP",
    ],
    "MT": [
        "Luật Bảo vệ môi trường số 72/2020/QH14",
        "Nghị định số 08/2022/NĐ-CP",
    ],
    "TNN": [
        "Luật Tài nguyên nước số 28/2023/QH15",
        "Nghị định số 54/2024/NĐ-CP",
    ],
    "LN": [
        "Luật Lâm nghiệp số 16/2017/QH14",
        "Nghị định số 156/2018/NĐ-CP",
    ],
    "CNTY": [
        "Luật Chăn nuôi số 32/2018/QH14",
        "Luật Thú y số 79/2015/QH13",
    ],
    "TS": [
        "Luật Thủy sản số 18/2017/QH14",
        "Nghị định số 26/2019/NĐ-CP",
    ],
    "TL": [
        "Luật Thủy lợi số 08/2017/QH14",
        "Nghị định số 67/2018/NĐ-CP",
    ],
    "PCTT": [
        "Luật Phòng, chống thiên tai số 33/2013/QH13",
        "Nghị định số 02/2017/NĐ-CP",
    ],
    "KTHT": [
        "Quyết định số 148/2023/QĐ-TTg",
    ],
    "HTX": [
        "Luật Hợp tác xã số 17/2023/QH15",
        "Nghị định số 92/2024/NĐ-CP",
    ],
    "GD": [
        "Luật Giáo dục số 43/2019/QH14",
        "Nghị định số 125/2024/NĐ-CP",
    ],
    "ATTP": [
        "Luật An toàn thực phẩm số 55/2010/QH12",
        "Nghị định số 15/2018/NĐ-CP",
    ],
    "DS": [
        "Pháp lệnh Dân số số 06/2003/PL-UBTVQH11",
    ],
    "TE": [
        "Luật Trẻ em số 102/2016/QH13",
        "Nghị định số 56/2017/NĐ-CP",
    ],
    "PCTNXH": [
        "Luật Phòng, chống ma túy số 73/2021/QH14",
        "Nghị định số 116/2021/NĐ-CP",
    ],
    "VL": [
        "Luật Việc làm số 38/2013/QH13",
        "Nghị định số 61/2015/NĐ-CP",
    ],
    "TDTT": [
        "Luật Thể dục, thể thao số 77/2006/QH11",
    ],
    "TV": [
        "Luật Thư viện số 46/2019/QH14",
        "Nghị định số 93/2020/NĐ-CP",
    ],
    "GDH": [
        "Luật Phòng, chống bạo lực gia đình số 13/2022/QH15",
        "Nghị định số 76/2023/NĐ-CP",
    ],
    "PTTH": [
        "Nghị định số 147/2024/NĐ-CP",
    ],
    "XBIN": [
        "Luật Xuất bản số 19/2012/QH13",
    ],
    "QC": [
        "Luật Quảng cáo số 16/2012/QH13",
    ],
    "TNTG": [
        "Luật Tín ngưỡng, tôn giáo số 02/2016/QH14",
        "Nghị định số 95/2023/NĐ-CP",
    ],
    "CTDT": [
        "Quyết định số 12/2018/QĐ-TTg",
    ],
    "TCPCP": [
        "Nghị định số 126/2024/NĐ-CP",
    ],
    "PBPL": [
        "Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13",
    ],
    "BTNN": [
        "Luật Trách nhiệm bồi thường của Nhà nước số 10/2017/QH14",
        "Nghị định số 68/2018/NĐ-CP",
    ],
    "TCD": [
        "Luật Tiếp công dân số 42/2013/QH13",
        "Nghị định số 64/2014/NĐ-CP",
    ],
    "TCTT": [
        "Luật Tiếp cận thông tin số 104/2016/QH13",
        "Nghị định số 13/2018/NĐ-CP",
    ],
    "LTHH": [
        "Nghị định số 105/2017/NĐ-CP",
        "Nghị định số 67/2013/NĐ-CP",
    ],
    "DL": [
        "Luật Điện lực số 61/2024/QH15",
    ],
    "KDK": [
        "Nghị định số 87/2018/NĐ-CP",
    ],
    "DB": [
        "Luật Đường bộ số 35/2024/QH15",
        "Nghị định số 165/2024/NĐ-CP",
    ],
    "DTND": [
        "Luật Giao thông đường thủy nội địa số 23/2004/QH11 (sửa đổi, bổ sung năm 2014)",
    ],
    "QHXD": [
        "Luật Quy hoạch đô thị và nông thôn số 47/2024/QH15",
    ],
    "NVQS": [
        "Luật Nghĩa vụ quân sự số 78/2015/QH13",
        "Nghị định số 13/2016/NĐ-CP",
    ],
    "DQTV": [
        "Luật Dân quân tự vệ số 48/2019/QH14",
        "Nghị định số 72/2020/NĐ-CP",
    ],
    "VTLT": [
        "Luật Lưu trữ số 33/2024/QH15",
    ],
    "NO": [
        "Luật Nhà ở số 27/2023/QH15",
        "Nghị định số 100/2024/NĐ-CP",
    ],
    "CQDP": [
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
        "Thông tư số 04/2012/TT-BNV",
    ],
}

# Commune-level procedures by field, named as the national database names them. None of them is one of
# the 49 shipped procedures.
POOL: dict[str, list[str]] = {
    "HT": [
        "Đăng ký khai sinh có yếu tố nước ngoài",
        "Đăng ký khai sinh có yếu tố nước ngoài cho người đã có hồ sơ, giấy tờ cá nhân",
        "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài",
        "Đăng ký khai tử có yếu tố nước ngoài",
        "Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài",
        "Đăng ký giám hộ có yếu tố nước ngoài",
        "Đăng ký chấm dứt giám hộ có yếu tố nước ngoài",
        "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc có yếu tố nước ngoài",
        "Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước "
        "ngoài",
        "Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có "
        "thẩm quyền của nước ngoài",
        "Ghi vào Sổ hộ tịch việc hộ tịch khác của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của "
        "nước ngoài",
        "Đăng ký lại khai sinh có yếu tố nước ngoài",
        "Đăng ký lại kết hôn có yếu tố nước ngoài",
        "Đăng ký lại khai tử có yếu tố nước ngoài",
        "Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân",
        "Đăng ký khai sinh lưu động",
        "Đăng ký kết hôn lưu động",
        "Đăng ký khai tử lưu động",
        "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em "
        "dưới 6 tuổi",
        "Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi "
        "phí mai táng",
        "Đăng ký kết hôn của công dân Việt Nam thường trú ở khu vực biên giới với công dân nước láng giềng",
        "Đăng ký khai sinh cho trẻ em sinh ra ở khu vực biên giới có cha hoặc mẹ là công dân nước láng giềng",
        "Đăng ký nhận cha, mẹ, con của công dân Việt Nam thường trú ở khu vực biên giới với công dân nước láng giềng",
        "Đăng ký khai tử cho người nước ngoài cư trú ổn định lâu dài tại khu vực biên giới",
        "Cấp văn bản xác nhận thông tin hộ tịch",
        "Ghi vào Sổ hộ tịch việc thay đổi hộ tịch theo bản án, quyết định của cơ quan nhà nước có thẩm quyền",
        "Đăng ký giám hộ cử",
        "Đăng ký giám hộ đương nhiên",
        "Đăng ký khai sinh cho trẻ em bị bỏ rơi",
        "Đăng ký khai sinh cho trẻ em sinh ra do mang thai hộ",
        "Đăng ký khai sinh cho trẻ em chưa xác định được cha, mẹ",
    ],
    "NCN": [
        "Đăng ký lại việc nuôi con nuôi trong nước",
        "Đăng ký việc nuôi con nuôi thực tế",
        "Giải quyết việc người nước ngoài cư trú ở khu vực biên giới nước láng giềng nhận trẻ em Việt Nam làm con nuôi",
        "Ghi vào Sổ đăng ký nuôi con nuôi việc nuôi con nuôi đã được giải quyết tại cơ quan có thẩm quyền của nước "
        "ngoài",
    ],
    "CT": [
        "Chứng thực chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật",
        "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
        "Chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở",
        "Chứng thực văn bản từ chối nhận di sản",
        "Sửa lỗi sai sót trong hợp đồng, giao dịch",
        "Chứng thực bản sao điện tử từ bản chính",
        "Cấp bản sao từ sổ gốc",
        "Chứng thực chữ ký trong giấy ủy quyền đối với trường hợp ủy quyền không có thù lao, không có nghĩa vụ bồi "
        "thường của bên được ủy quyền",
        "Chứng thực hợp đồng, giao dịch liên quan đến nhà ở",
        "Chứng thực hợp đồng, giao dịch liên quan đến quyền sử dụng đất",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp",
        "Chứng thực chữ ký trong giấy tờ, văn bản bằng tiếng nước ngoài",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
    ],
    "BTXH": [
        "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở",
        "Trợ giúp xã hội khẩn cấp về hỗ trợ chi phí mai táng",
        "Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội",
        "Tiếp nhận đối tượng cần bảo vệ khẩn cấp vào cơ sở trợ giúp xã hội",
        "Đăng ký thành lập, đăng ký thay đổi nội dung hoặc cấp lại giấy chứng nhận đăng ký thành lập đối với cơ sở "
        "trợ giúp xã hội ngoài công lập",
        "Đăng ký hoạt động đối với cơ sở trợ giúp xã hội dưới 10 đối tượng có hoàn cảnh khó khăn",
        "Giải thể cơ sở trợ giúp xã hội ngoài công lập",
        "Hỗ trợ kinh phí nhận chăm sóc, nuôi dưỡng đối tượng cần bảo vệ khẩn cấp",
        "Dừng trợ giúp xã hội tại cơ sở trợ giúp xã hội",
        "Đăng ký nhận chăm sóc, nuôi dưỡng đối tượng cần bảo vệ khẩn cấp",
        "Chi trả trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng khi đối tượng thay đổi "
        "nơi cư trú",
        "Hỗ trợ chi phí điều trị cho người bị thương nặng do thiên tai, hỏa hoạn, tai nạn giao thông",
        "Hỗ trợ khẩn cấp đối với trẻ em mồ côi cả cha và mẹ do thiên tai, dịch bệnh",
        "Cấp thẻ bảo hiểm y tế cho đối tượng hưởng trợ cấp xã hội hằng tháng",
        "Hỗ trợ lương thực cho hộ gia đình thiếu đói trong dịp Tết, giáp hạt",
        "Chúc thọ, mừng thọ người cao tuổi",
        "Hỗ trợ kinh phí chăm sóc đối với hộ gia đình có người khuyết tật đặc biệt nặng",
    ],
    "GN": [
        "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
        "Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm",
        "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo",
        "Hỗ trợ dự án phát triển sản xuất cộng đồng",
        "Xác nhận đối tượng thuộc hộ nghèo, hộ cận nghèo để hưởng chính sách",
        "Hỗ trợ hộ nghèo, hộ cận nghèo tham gia bảo hiểm y tế",
    ],
    "NCC": [
        "Giải quyết chế độ trợ cấp ưu đãi đối với thân nhân liệt sĩ",
        "Hưởng trợ cấp khi người có công đang hưởng trợ cấp ưu đãi từ trần",
        "Sửa đổi, bổ sung thông tin cá nhân trong hồ sơ người có công",
        "Di chuyển hồ sơ khi người hưởng trợ cấp ưu đãi thay đổi nơi thường trú",
        "Giải quyết chế độ ưu đãi đối với người hoạt động kháng chiến bị nhiễm chất độc hóa học",
        "Giải quyết chế độ ưu đãi đối với con đẻ của người hoạt động kháng chiến bị nhiễm chất độc hóa học",
        "Giải quyết chế độ ưu đãi đối với người hoạt động cách mạng, hoạt động kháng chiến bị địch bắt tù, đày",
        "Giải quyết chế độ ưu đãi đối với người có công giúp đỡ cách mạng",
        "Hỗ trợ người có công với cách mạng cải thiện nhà ở",
        "Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ và hỗ trợ thăm viếng mộ liệt sĩ",
        "Di chuyển hài cốt liệt sĩ đang an táng ngoài nghĩa trang liệt sĩ về an táng tại nghĩa trang liệt sĩ theo "
        "nguyện vọng của thân nhân liệt sĩ",
        "Hưởng mai táng phí, trợ cấp một lần khi người có công với cách mạng từ trần",
        "Giải quyết chế độ điều dưỡng phục hồi sức khỏe, cấp phương tiện trợ giúp, dụng cụ chỉnh hình đối với người "
        "có công với cách mạng và thân nhân",
        "Ủy quyền hưởng trợ cấp, phụ cấp ưu đãi",
        "Giải quyết chế độ trợ cấp một lần đối với thân nhân người hoạt động kháng chiến được tặng Huân chương, Huy "
        "chương chưa được hưởng chế độ ưu đãi mà đã chết",
        "Tiếp nhận người có công vào cơ sở nuôi dưỡng, điều dưỡng người có công",
        "Giải quyết chế độ ưu đãi trong giáo dục đào tạo đối với người có công với cách mạng và con của họ",
        "Xác nhận vào đơn đề nghị di chuyển hài cốt liệt sĩ, đơn đề nghị thăm viếng mộ liệt sĩ",
        "Giải quyết chế độ trợ cấp một lần đối với thanh niên xung phong đã hoàn thành nhiệm vụ trong kháng chiến",
        "Giải quyết chế độ ưu đãi đối với thương binh, người hưởng chính sách như thương binh",
        "Giải quyết chế độ trợ cấp đối với Anh hùng Lực lượng vũ trang nhân dân, Anh hùng Lao động thời kỳ kháng chiến",
        "Giải quyết chế độ ưu đãi đối với Bà mẹ Việt Nam anh hùng",
        "Giải quyết chế độ người hoạt động cách mạng trước ngày 01 tháng 01 năm 1945",
        "Giải quyết chế độ người hoạt động cách mạng từ ngày 01 tháng 01 năm 1945 đến ngày khởi nghĩa tháng Tám năm "
        "1945",
        "Giải quyết chế độ đối với bệnh binh",
        "Giải quyết chế độ đối với người hoạt động kháng chiến giải phóng dân tộc, bảo vệ Tổ quốc và làm nghĩa vụ "
        "quốc tế",
    ],
    "DD": [
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do đổi tên, thay đổi thông tin về "
        "người sử dụng đất",
        "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
        "Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất",
        "Đính chính Giấy chứng nhận đã cấp",
        "Thu hồi Giấy chứng nhận đã cấp không đúng quy định",
        "Tách thửa hoặc hợp thửa đất",
        "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân",
        "Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất đối với hộ gia đình, cá nhân",
        "Gia hạn sử dụng đất nông nghiệp của hộ gia đình, cá nhân",
        "Xác nhận tiếp tục sử dụng đất nông nghiệp của hộ gia đình, cá nhân khi hết hạn sử dụng đất",
        "Đăng ký đất đai lần đầu đối với trường hợp được Nhà nước giao đất để quản lý",
        "Đăng ký xác lập quyền sử dụng hạn chế thửa đất liền kề",
        "Đăng ký biến động đối với trường hợp chuyển đổi quyền sử dụng đất nông nghiệp để thực hiện dồn điền, đổi thửa",
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển "
        "nhượng, thừa kế, tặng cho",
        "Xóa đăng ký cho thuê, cho thuê lại, góp vốn bằng quyền sử dụng đất",
        "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
        "Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất",
        "Thu hồi đất do người sử dụng đất tự nguyện trả lại đất",
        "Thu hồi đất ở trong khu vực bị ô nhiễm môi trường có nguy cơ đe dọa tính mạng con người",
        "Cung cấp thông tin, dữ liệu đất đai",
        "Xác định lại diện tích đất ở của hộ gia đình, cá nhân đã được cấp Giấy chứng nhận",
        "Sử dụng đất kết hợp đa mục đích",
        "Chuyển hình thức sử dụng đất từ giao đất không thu tiền sang thuê đất",
        "Điều chỉnh quyết định giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất",
        "Tính, tính lại tiền sử dụng đất, tiền thuê đất",
        "Miễn, giảm tiền sử dụng đất, tiền thuê đất",
        "Tặng cho quyền sử dụng đất cho Nhà nước",
        "Đăng ký biến động đất đai, tài sản gắn liền với đất trong trường hợp thay đổi hình thức giao đất, cho thuê "
        "đất",
        "Đăng ký biến động trong trường hợp thay đổi thông tin về tài sản gắn liền với đất",
        "Đăng ký biến động do giảm diện tích thửa đất do sạt lở tự nhiên",
        "Đăng ký biến động trong trường hợp chuyển mục đích sử dụng đất không phải xin phép",
        "Chuyển đổi quyền sử dụng đất nông nghiệp giữa hộ gia đình, cá nhân trong cùng một xã",
        "Đăng ký quyền sử dụng đất lần đầu đối với đất do cộng đồng dân cư sử dụng",
        "Xác nhận hiện trạng, tình trạng tranh chấp, nguồn gốc và thời điểm sử dụng đất",
        "Phê duyệt phương án bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất",
        "Thu hồi đất vì mục đích quốc phòng, an ninh; phát triển kinh tế - xã hội vì lợi ích quốc gia, công cộng",
        "Quyết định trưng dụng đất; gia hạn trưng dụng đất",
        "Cho thuê đất thuộc quỹ đất nông nghiệp sử dụng vào mục đích công ích của xã",
        "Cung cấp trích lục bản đồ địa chính",
        "Giao đất ở có thu tiền sử dụng đất khi Nhà nước thu hồi đất ở",
        "Gia hạn sử dụng đất khi hết thời hạn sử dụng đất đối với hộ gia đình, cá nhân sử dụng đất phi nông nghiệp",
        "Đăng ký biến động đối với trường hợp hộ gia đình, cá nhân đưa quyền sử dụng đất vào doanh nghiệp",
        "Đăng ký biến động do chuyển quyền sử dụng đất theo kết quả hòa giải thành về tranh chấp đất đai",
        "Đăng ký biến động do thay đổi hạn chế quyền sử dụng đất",
        "Cấp Giấy chứng nhận quyền sử dụng đất cho người nhận chuyển nhượng quyền sử dụng đất trong dự án phát triển "
        "nhà ở",
        "Ghi nợ tiền sử dụng đất",
        "Xóa ghi nợ tiền sử dụng đất",
        "Cấp lại Trang bổ sung của Giấy chứng nhận do bị mất",
        "Thu hồi đất do vi phạm pháp luật về đất đai",
        "Thu hồi đất do chấm dứt việc sử dụng đất theo pháp luật",
        "Đăng ký biến động do chia, tách, hợp nhất quyền sử dụng đất của nhóm người sử dụng đất",
        "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu cho người đã đăng ký đất đai",
        "Đăng ký, cấp Giấy chứng nhận đối với trường hợp được giao đất, cho thuê đất",
        "Thẩm định nhu cầu sử dụng đất để xem xét giao đất, cho thuê đất không thông qua đấu giá",
        "Đăng ký biến động đối với trường hợp đã chuyển quyền sử dụng đất nhưng chưa thực hiện thủ tục chuyển quyền "
        "theo quy định",
        "Đăng ký biến động trong trường hợp nhận quyền sử dụng đất theo kết quả đấu giá quyền sử dụng đất",
    ],
    "MT": [
        "Đăng ký môi trường",
        "Cấp giấy phép môi trường",
        "Cấp đổi giấy phép môi trường",
        "Cấp điều chỉnh giấy phép môi trường",
        "Cấp lại giấy phép môi trường",
        "Tham vấn trong đánh giá tác động môi trường",
        "Xác nhận hoàn thành phương án cải tạo, phục hồi môi trường",
    ],
    "TNN": [
        "Đăng ký khai thác nước dưới đất",
        "Đăng ký khai thác nước mặt, nước biển, đăng ký sử dụng mặt nước, đào hồ, ao, sông, suối, kênh, mương, rạch",
        "Lấy ý kiến Ủy ban nhân dân cấp xã về dự án có khai thác, sử dụng tài nguyên nước",
    ],
    "NN": [
        "Đăng ký sử dụng đất trồng lúa để trồng cây hằng năm hoặc trồng lúa kết hợp nuôi trồng thủy sản",
        "Phê duyệt hỗ trợ khôi phục sản xuất nông nghiệp vùng bị thiệt hại do thiên tai, dịch bệnh",
        "Hỗ trợ giống cây trồng để khôi phục sản xuất sau thiên tai",
        "Phê duyệt danh sách hộ được hỗ trợ phí bảo hiểm nông nghiệp",
        "Hỗ trợ kinh phí bảo vệ và phát triển đất trồng lúa",
        "Kê khai tiêu chí kinh tế trang trại",
    ],
    "LN": [
        "Giao rừng cho hộ gia đình, cá nhân",
        "Giao rừng cho cộng đồng dân cư",
        "Cho thuê rừng đối với hộ gia đình, cá nhân",
        "Thu hồi rừng của hộ gia đình, cá nhân, cộng đồng dân cư",
        "Phê duyệt phương án quản lý rừng bền vững của cộng đồng dân cư",
        "Khai thác thực vật rừng thông thường từ rừng sản xuất là rừng trồng của hộ gia đình, cá nhân",
        "Xác nhận bảng kê lâm sản",
        "Cấp mã số cơ sở nuôi, trồng các loài động vật rừng, thực vật rừng thông thường",
        "Hỗ trợ đầu tư trồng rừng sản xuất, phát triển lâm sản ngoài gỗ",
    ],
    "CNTY": [
        "Kê khai hoạt động chăn nuôi",
        "Hỗ trợ kinh phí tiêu hủy gia súc, gia cầm bị dịch bệnh",
        "Hỗ trợ tiêm phòng vắc xin cho gia súc, gia cầm",
        "Hỗ trợ phát triển chăn nuôi nông hộ",
    ],
    "TS": [
        "Cấp, cấp lại Giấy xác nhận nuôi trồng thủy sản lồng bè, đối tượng thủy sản nuôi chủ lực",
        "Hỗ trợ khôi phục nuôi trồng thủy sản bị thiệt hại do thiên tai, dịch bệnh",
        "Đăng ký khai thác thủy sản nội địa",
        "Đăng ký tàu cá có chiều dài lớn nhất dưới 6 mét",
    ],
    "TL": [
        "Cấp giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi thuộc thẩm quyền của Ủy ban nhân "
        "dân cấp xã",
        "Phê duyệt phương án ứng phó thiên tai cho công trình, vùng hạ du đập trong quá trình thi công",
        "Phê duyệt, điều chỉnh quy trình vận hành đối với công trình thủy lợi nhỏ",
        "Thẩm định, phê duyệt phương án ứng phó với tình huống khẩn cấp thuộc thẩm quyền của Ủy ban nhân dân cấp xã",
        "Thành lập, củng cố tổ chức thủy lợi cơ sở",
        "Hỗ trợ đầu tư xây dựng phát triển thủy lợi nhỏ, thủy lợi nội đồng và tưới tiên tiến, tiết kiệm nước",
        "Phê duyệt phương án bảo vệ công trình thủy lợi nhỏ",
    ],
    "PCTT": [
        "Hỗ trợ khám chữa bệnh, trợ cấp tai nạn cho lực lượng xung kích phòng chống thiên tai cấp xã trong trường hợp "
        "chưa tham gia bảo hiểm y tế, bảo hiểm xã hội",
        "Trợ cấp tiền tuất, tai nạn cho lực lượng xung kích phòng chống thiên tai cấp xã chưa tham gia bảo hiểm xã hội",
        "Phê duyệt hỗ trợ cây giống, vật nuôi, thủy sản giống để khôi phục sản xuất bị thiệt hại do thiên tai",
        "Đăng ký kê khai số lượng chăn nuôi tập trung và nuôi trồng thủy sản ban đầu",
        "Hỗ trợ di dời dân cư khỏi vùng có nguy cơ sạt lở, lũ quét",
    ],
    "KTHT": [
        "Đánh giá, phân hạng sản phẩm OCOP",
        "Phê duyệt dự án, phương án liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp",
        "Hỗ trợ phát triển ngành nghề nông thôn",
    ],
    "HTX": [
        "Thông báo thành lập tổ hợp tác",
        "Thông báo thay đổi tổ hợp tác",
        "Thông báo chấm dứt hoạt động của tổ hợp tác",
        "Đăng ký thành lập hợp tác xã",
        "Đăng ký thay đổi tên, địa chỉ trụ sở chính, ngành, nghề kinh doanh, vốn điều lệ của hợp tác xã",
        "Giải thể tự nguyện hợp tác xã",
        "Cấp lại giấy chứng nhận đăng ký hợp tác xã",
        "Tạm ngừng hoạt động của hợp tác xã",
        "Đăng ký thành lập chi nhánh, văn phòng đại diện, địa điểm kinh doanh của hợp tác xã",
        "Thông báo thay đổi nội dung đăng ký hợp tác xã",
        "Đăng ký khi hợp tác xã chia, tách, hợp nhất, sáp nhập",
        "Chấm dứt hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh của hợp tác xã",
    ],
    "HKD": [
        "Đăng ký cập nhật, bổ sung thông tin trong hồ sơ đăng ký hộ kinh doanh, hiệu đính thông tin đăng ký hộ kinh "
        "doanh",
        "Thông báo thay đổi nội dung đăng ký hộ kinh doanh",
        "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh khi chuyển địa chỉ trụ sở sang xã khác",
    ],
    "GD": [
        "Thành lập trường mầm non công lập, cho phép thành lập trường mầm non dân lập, tư thục",
        "Cho phép trường mầm non hoạt động giáo dục",
        "Cho phép trường mầm non hoạt động giáo dục trở lại",
        "Sáp nhập, chia, tách trường mầm non",
        "Giải thể trường mầm non (theo đề nghị của cá nhân, tổ chức thành lập trường)",
        "Thành lập nhóm trẻ, lớp mẫu giáo độc lập",
        "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động giáo dục trở lại",
        "Sáp nhập, chia, tách nhóm trẻ, lớp mẫu giáo độc lập",
        "Giải thể nhóm trẻ, lớp mẫu giáo độc lập",
        "Thành lập trường tiểu học công lập, cho phép thành lập trường tiểu học tư thục",
        "Cho phép trường tiểu học hoạt động giáo dục",
        "Sáp nhập, chia, tách trường tiểu học",
        "Giải thể trường tiểu học (theo đề nghị của cá nhân, tổ chức thành lập trường)",
        "Thành lập trường trung học cơ sở công lập hoặc cho phép thành lập trường trung học cơ sở tư thục",
        "Cho phép trường trung học cơ sở hoạt động giáo dục",
        "Sáp nhập, chia, tách trường trung học cơ sở",
        "Giải thể trường trung học cơ sở (theo đề nghị của cá nhân, tổ chức thành lập trường)",
        "Chuyển trường đối với học sinh tiểu học",
        "Chuyển trường đối với học sinh trung học cơ sở",
        "Tiếp nhận học sinh Việt Nam từ nước ngoài về nước",
        "Tiếp nhận học sinh xin học lại",
        "Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú đang học tại các trường tiểu học, trung học cơ sở ở "
        "xã, thôn đặc biệt khó khăn",
        "Hỗ trợ ăn trưa đối với trẻ em mẫu giáo",
        "Trợ cấp đối với trẻ em mầm non là con công nhân, người lao động làm việc tại khu công nghiệp",
        "Xét, cấp học bổng chính sách",
        "Đề nghị miễn, giảm học phí, hỗ trợ chi phí học tập",
        "Thành lập trung tâm học tập cộng đồng",
        "Cho phép trung tâm học tập cộng đồng hoạt động trở lại",
        "Tuyển sinh trung học cơ sở",
        "Chuyển đổi nhà trẻ, trường mẫu giáo, trường mầm non tư thục sang nhà trẻ, trường mẫu giáo, trường mầm non tư "
        "thục hoạt động không vì lợi nhuận",
        "Công nhận xã đạt chuẩn phổ cập giáo dục, xóa mù chữ",
        "Cho phép nhà trẻ, nhóm trẻ, trường mẫu giáo thành lập và hoạt động",
        "Giải thể nhà trẻ, trường mẫu giáo theo thẩm quyền",
        "Sáp nhập, chia, tách nhà trẻ, trường mẫu giáo",
        "Thành lập trường phổ thông dân tộc bán trú",
        "Chuyển đổi trường phổ thông dân tộc bán trú",
        "Cho phép trường phổ thông dân tộc bán trú hoạt động giáo dục",
        "Phê duyệt việc dạy và học bằng tiếng nước ngoài",
        "Xét công nhận tốt nghiệp trung học cơ sở",
        "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
        "Chỉnh sửa nội dung văn bằng, chứng chỉ",
        "Hỗ trợ học tập đối với trẻ mẫu giáo, học sinh các dân tộc thiểu số rất ít người",
        "Hỗ trợ gạo cho học sinh ở xã, thôn đặc biệt khó khăn",
        "Cho phép trường tiểu học hoạt động giáo dục trở lại",
        "Cho phép trường trung học cơ sở hoạt động giáo dục trở lại",
        "Tiếp nhận đối tượng học bổ túc trung học cơ sở",
        "Giải thể trung tâm học tập cộng đồng",
    ],
    "ATTP": [
        "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
        "Cấp lại Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống",
        "Ký cam kết bảo đảm an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm nhỏ lẻ",
        "Kiểm tra, xác nhận kiến thức về an toàn thực phẩm cho chủ cơ sở và người trực tiếp chế biến",
        "Cấp Giấy xác nhận kiến thức về an toàn thực phẩm",
        "Thu hồi Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    ],
    "DS": [
        "Xét hưởng chính sách hỗ trợ cho đối tượng sinh con đúng chính sách dân số",
    ],
    "VH": [
        "Công nhận lần đầu danh hiệu Cơ quan đạt chuẩn văn hóa, Đơn vị đạt chuẩn văn hóa, Doanh nghiệp đạt chuẩn văn "
        "hóa",
        "Công nhận lại danh hiệu Cơ quan đạt chuẩn văn hóa, Đơn vị đạt chuẩn văn hóa, Doanh nghiệp đạt chuẩn văn hóa",
        "Đăng ký tổ chức lễ hội cấp xã",
        "Thông báo tổ chức lễ hội cấp xã",
        "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        "Cấp Giấy phép điều chỉnh Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke",
        "Tiếp nhận thông báo tổ chức biểu diễn nghệ thuật",
        "Xét tặng danh hiệu Tổ dân phố văn hóa, Khu dân cư văn hóa",
        "Công nhận câu lạc bộ văn hóa, văn nghệ quần chúng",
    ],
    "TDTT": [
        "Công nhận câu lạc bộ thể thao cơ sở",
        "Đăng cai tổ chức giải thi đấu thể thao quần chúng cấp xã",
    ],
    "TV": [
        "Thông báo thành lập thư viện đối với thư viện cộng đồng",
        "Thông báo sáp nhập, hợp nhất, chia, tách thư viện đối với thư viện cộng đồng",
        "Thông báo chấm dứt hoạt động thư viện cộng đồng",
    ],
    "GDH": [
        "Đăng ký hoạt động đối với cơ sở hỗ trợ nạn nhân bạo lực gia đình",
        "Đăng ký thay đổi nội dung hoạt động của cơ sở hỗ trợ nạn nhân bạo lực gia đình",
        "Đăng ký hoạt động đối với cơ sở tư vấn về phòng, chống bạo lực gia đình",
        "Đăng ký thay đổi nội dung hoạt động của cơ sở tư vấn về phòng, chống bạo lực gia đình",
    ],
    "PTTH": [
        "Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "Sửa đổi, bổ sung Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "Gia hạn Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "Cấp lại Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        "Đăng ký thu tín hiệu truyền hình trực tiếp từ vệ tinh nước ngoài (TVRO)",
    ],
    "XBIN": [
        "Khai báo hoạt động phát hành xuất bản phẩm",
        "Xác nhận thay đổi thông tin cơ sở phát hành xuất bản phẩm",
    ],
    "QC": [
        "Tiếp nhận thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn",
    ],
    "TNTG": [
        "Đăng ký hoạt động tín ngưỡng",
        "Đăng ký bổ sung hoạt động tín ngưỡng",
        "Đăng ký sinh hoạt tôn giáo tập trung",
        "Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt động tôn giáo ở một xã",
        "Thông báo danh mục hoạt động tôn giáo bổ sung đối với tổ chức có địa bàn hoạt động tôn giáo ở một xã",
        "Thông báo tổ chức quyên góp trong địa bàn một xã của cơ sở tín ngưỡng, tổ chức tôn giáo, tổ chức tôn giáo "
        "trực thuộc",
        "Đề nghị thay đổi địa điểm sinh hoạt tôn giáo tập trung trong địa bàn một xã",
        "Đề nghị thay đổi địa điểm sinh hoạt tôn giáo tập trung đến địa bàn xã khác",
        "Thông báo về việc thay đổi địa điểm sinh hoạt tôn giáo tập trung",
        "Thông báo về người đại diện, ban quản lý cơ sở tín ngưỡng",
        "Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký có quy mô tổ chức ở một xã",
        "Đề nghị giảng đạo ngoài địa bàn phụ trách, cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký có quy mô tổ chức ở "
        "một xã",
        "Thông báo thay đổi người đại diện của nhóm sinh hoạt tôn giáo tập trung",
        "Thông báo tổ chức hội nghị thường niên, đại hội của tổ chức tôn giáo có địa bàn hoạt động ở một xã",
    ],
    "CTDT": [
        "Xét công nhận người có uy tín trong đồng bào dân tộc thiểu số",
        "Đưa ra khỏi danh sách người có uy tín trong đồng bào dân tộc thiểu số",
        "Hỗ trợ đất ở, nhà ở, đất sản xuất, nước sinh hoạt cho hộ đồng bào dân tộc thiểu số nghèo",
    ],
    "TDKT": [
        "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thực hiện nhiệm vụ chính trị",
        "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích thi đua theo đợt hoặc chuyên đề",
        "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích đột xuất",
        "Xét tặng danh hiệu Lao động tiên tiến",
        "Xét tặng danh hiệu Chiến sĩ thi đua cơ sở",
        "Xét tặng danh hiệu Tập thể lao động tiên tiến",
    ],
    "HG": [
        "Thôi làm hòa giải viên",
        "Thanh toán thù lao cho hòa giải viên",
        "Công nhận tổ trưởng tổ hòa giải",
        "Bầu hòa giải viên",
        "Bầu tổ trưởng tổ hòa giải",
    ],
    "PBPL": [
        "Công nhận tuyên truyền viên pháp luật",
        "Cho thôi làm tuyên truyền viên pháp luật",
        "Đánh giá, công nhận xã đạt chuẩn tiếp cận pháp luật",
    ],
    "BTNN": [
        "Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại",
        "Phục hồi danh dự",
    ],
    "TCD": [
        "Tiếp công dân tại cấp xã",
        "Xử lý đơn tại cấp xã",
    ],
    "KNTC": [
        "Giải quyết kiến nghị, phản ánh của công dân tại cấp xã",
        "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính",
    ],
    "TCTT": [
        "Cung cấp thông tin theo yêu cầu (dành cho cá nhân)",
        "Cung cấp thông tin theo yêu cầu (dành cho công dân thông qua tổ chức, đoàn thể, doanh nghiệp)",
    ],
    "VL": [
        "Hỗ trợ chi phí đào tạo tiếng Hàn cho người lao động đi làm việc tại Hàn Quốc theo chương trình EPS",
        "Hỗ trợ người lao động thuộc hộ nghèo, hộ cận nghèo, người dân tộc thiểu số đi làm việc ở nước ngoài theo hợp "
        "đồng",
        "Xác nhận đề nghị vay vốn hỗ trợ tạo việc làm, duy trì và mở rộng việc làm",
        "Hỗ trợ đào tạo nghề cho lao động nông thôn",
        "Hỗ trợ chi phí học nghề cho người khuyết tật",
    ],
    "TE": [
        "Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại "
        "cho trẻ em",
        "Chấm dứt việc chăm sóc thay thế cho trẻ em",
        "Phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em bị xâm hại hoặc có nguy cơ bị bạo lực, bóc lột, bỏ rơi "
        "và trẻ em có hoàn cảnh đặc biệt",
        "Đăng ký nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế "
        "không phải là người thân thích của trẻ em",
        "Thông báo nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế "
        "là người thân thích của trẻ em",
        "Chuyển trẻ em đang được chăm sóc thay thế tại cơ sở trợ giúp xã hội đến cá nhân, gia đình nhận chăm sóc thay "
        "thế",
        "Hỗ trợ kinh phí nuôi dưỡng trẻ em mồ côi cả cha và mẹ được chăm sóc thay thế",
    ],
    "PCTNXH": [
        "Đăng ký cai nghiện ma túy tự nguyện",
        "Hỗ trợ học văn hóa, học nghề, trợ cấp khó khăn ban đầu cho nạn nhân bị mua bán",
        "Xác nhận nạn nhân bị mua bán trở về cư trú tại địa phương",
    ],
    "LTHH": [
        "Cấp Giấy phép bán lẻ rượu",
        "Cấp sửa đổi, bổ sung Giấy phép bán lẻ rượu",
        "Cấp lại Giấy phép bán lẻ rượu",
        "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh",
        "Cấp sửa đổi, bổ sung Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh",
        "Cấp lại Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh",
        "Cấp Giấy phép bán lẻ sản phẩm thuốc lá",
        "Cấp sửa đổi, bổ sung Giấy phép bán lẻ sản phẩm thuốc lá",
        "Cấp lại Giấy phép bán lẻ sản phẩm thuốc lá",
        "Phê duyệt phương án chuyển đổi mô hình quản lý, kinh doanh, khai thác chợ",
    ],
    "DL": [
        "Thông báo phát triển nguồn điện mặt trời mái nhà tự dùng",
        "Hỗ trợ tiền điện cho hộ nghèo, hộ chính sách xã hội",
    ],
    "KDK": [
        "Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai",
        "Cấp lại Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai",
        "Cấp điều chỉnh Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai",
    ],
    "DB": [
        "Chấp thuận thi công công trình trên đường bộ đang khai thác thuộc phạm vi quản lý của Ủy ban nhân dân cấp xã",
        "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ của đường "
        "xã",
        "Gia hạn chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao thông đường bộ",
        "Chấp thuận đấu nối đường nhánh vào đường xã",
        "Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường xã",
    ],
    "DTND": [
        "Công bố mở bến thủy nội địa",
        "Công bố đóng bến thủy nội địa",
        "Đăng ký lần đầu phương tiện thủy nội địa",
        "Đăng ký lại phương tiện thủy nội địa",
        "Xóa Giấy chứng nhận đăng ký phương tiện thủy nội địa",
        "Cấp lại Giấy chứng nhận đăng ký phương tiện thủy nội địa",
        "Cấp giấy phép hoạt động bến khách ngang sông",
        "Đăng ký thay đổi tên, tính năng kỹ thuật phương tiện thủy nội địa",
    ],
    "XD": [
        "Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Cấp giấy phép di dời đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Điều chỉnh giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Cấp giấy phép xây dựng có thời hạn đối với công trình cấp III, cấp IV và nhà ở riêng lẻ",
        "Thẩm định Báo cáo kinh tế - kỹ thuật đầu tư xây dựng",
        "Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng",
        "Cấp giấy phép xây dựng mới đối với công trình tín ngưỡng, tôn giáo",
        "Thông báo khởi công xây dựng công trình",
        "Cấp giấy phép xây dựng công trình quảng cáo",
    ],
    "QHXD": [
        "Cung cấp thông tin về quy hoạch xây dựng",
        "Thẩm định nhiệm vụ, đồ án quy hoạch chi tiết xây dựng thuộc thẩm quyền phê duyệt của Ủy ban nhân dân cấp xã",
        "Cấp giấy phép quy hoạch dự án đầu tư xây dựng",
    ],
    "TCPCP": [
        "Công nhận ban vận động thành lập hội",
        "Thành lập hội",
        "Phê duyệt điều lệ hội",
        "Chia, tách; sáp nhập; hợp nhất hội",
        "Đổi tên hội",
        "Hội tự giải thể",
        "Báo cáo tổ chức đại hội nhiệm kỳ, đại hội bất thường của hội",
    ],
    "NVQS": [
        "Đăng ký nghĩa vụ quân sự lần đầu",
        "Đăng ký nghĩa vụ quân sự bổ sung",
        "Đăng ký nghĩa vụ quân sự khi thay đổi nơi cư trú",
        "Đăng ký nghĩa vụ quân sự tạm vắng",
        "Đăng ký miễn gọi nhập ngũ thời chiến",
        "Đăng ký phục vụ trong ngạch dự bị",
        "Giải quyết chế độ trợ cấp một lần đối với đối tượng tham gia chiến tranh bảo vệ Tổ quốc, làm nhiệm vụ quốc "
        "tế sau ngày 30 tháng 4 năm 1975",
        "Đăng ký tạm hoãn gọi nhập ngũ",
        "Giải quyết chế độ trợ cấp đối với người trực tiếp tham gia kháng chiến chống Mỹ cứu nước",
        "Giải quyết chế độ trợ cấp đối với quân nhân, người làm công tác cơ yếu tham gia kháng chiến chống Mỹ có dưới "
        "20 năm công tác trong quân đội đã phục viên, xuất ngũ",
        "Đăng ký nghĩa vụ quân sự cho công dân nữ có ngành, nghề chuyên môn phù hợp",
    ],
    "DQTV": [
        "Giải quyết chế độ, chính sách đối với dân quân bị ốm, bị tai nạn, bị thương, hy sinh khi làm nhiệm vụ",
        "Giải quyết chế độ trợ cấp ngày công lao động cho dân quân",
        "Đăng ký công dân trong độ tuổi thực hiện nghĩa vụ tham gia dân quân tự vệ",
        "Giải quyết chế độ phụ cấp cho dân quân thường trực",
    ],
    "VTLT": [
        "Phục vụ việc sử dụng tài liệu của độc giả tại phòng đọc",
        "Cấp bản sao và chứng thực lưu trữ",
    ],
    "NO": [
        "Xác nhận đối tượng, điều kiện được hưởng chính sách hỗ trợ về nhà ở xã hội",
        "Xác nhận điều kiện về thu nhập để mua, thuê mua nhà ở xã hội",
    ],
    "CQDP": [
        "Thành lập thôn mới, tổ dân phố mới",
        "Sáp nhập, điều chỉnh thôn, tổ dân phố",
    ],
}

TIMES = {
    "HT": [DAY0, _days(3), _days(5), _days(10), _days(15)],
    "NCN": [_days(15), ("30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", 30)],
    "CT": [("Trong ngày tiếp nhận yêu cầu; nếu nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo", 0),
           ("Không quá 02 ngày làm việc kể từ ngày nhận đủ hồ sơ", 2)],
    "DD": [_days(10), _days(15), ("Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 20),
           ("Không quá 30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ", 30)],
    "GD": [_days(5), _days(15), ("20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 20)],
    "TCD": [DAY0, ("Không quá 10 ngày kể từ ngày nhận được đơn", 10)],
    "NVQS": [DAY0, _days(3)],
}  # fmt: skip
DEFAULT_TIMES = [_days(3), _days(5), _days(7), _days(10), _days(15), ("20 ngày làm việc", 20)]
FEES = {
    "HT": ["Miễn lệ phí", "Lệ phí theo mức do Hội đồng nhân dân cấp tỉnh quy định", "8.000 đồng/bản sao trích lục"],
    "CT": ["2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản",
           "10.000 đồng/trường hợp", "50.000 đồng/hợp đồng, giao dịch"],
    "DD": ["Lệ phí cấp Giấy chứng nhận theo mức do Hội đồng nhân dân cấp tỉnh quy định",
           "Phí thẩm định hồ sơ theo mức do Hội đồng nhân dân cấp tỉnh quy định", "Không"],
    "XD": ["Lệ phí cấp giấy phép xây dựng theo mức do Hội đồng nhân dân cấp tỉnh quy định"],
    "LTHH": ["Phí thẩm định theo mức do Bộ Tài chính quy định"],
    "VH": ["Không", "Phí thẩm định theo mức do Bộ Tài chính quy định"],
}  # fmt: skip
DOSSIER = {
    "HT": ["Tờ khai theo mẫu", "Giấy tờ chứng minh nội dung yêu cầu đăng ký", "Giấy tờ tùy thân (xuất trình)"],
    "DD": ["Đơn đăng ký, đề nghị theo mẫu", "Giấy chứng nhận đã cấp (bản gốc)", "Giấy tờ liên quan đến nội dung"],
    "GD": ["Tờ trình đề nghị", "Đề án hoặc kế hoạch hoạt động", "Giấy tờ chứng minh điều kiện về cơ sở vật chất"],
}
DEFAULT_DOSSIER = ["Đơn (tờ khai) đề nghị theo mẫu", "Giấy tờ chứng minh đủ điều kiện theo quy định"]
RESULTS = {
    "HT": "Trích lục hoặc giấy tờ hộ tịch theo yêu cầu",
    "DD": "Giấy chứng nhận hoặc văn bản giải quyết của cơ quan có thẩm quyền",
    "CT": "Bản sao, giấy tờ, văn bản, hợp đồng được chứng thực",
}
DEFAULT_RESULT = "Quyết định hoặc văn bản giải quyết của Chủ tịch Ủy ban nhân dân xã"


def _shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def _procedure(code: str, name: str, field: str, field_name: str, rng: random.Random) -> dict:
    time_text, days = rng.choice(TIMES.get(field, DEFAULT_TIMES))
    fees = rng.choice(FEES.get(field, ["Không", "Không quy định"]))
    online = rng.choices(["toan_trinh", "mot_phan", ""], weights=[35, 45, 20])[0]
    methods = ["truc_tiep", "buu_chinh"] + (["truc_tuyen"] if online else [])
    return {
        "code": code,
        "name": name,
        "field": field,
        "level": "Cấp xã",
        "audiences": ["Cá nhân", "Tổ chức"],
        "steps": [
            "Tổ chức, cá nhân chuẩn bị hồ sơ và nộp tại Bộ phận Một cửa của Ủy ban nhân dân xã, qua dịch vụ bưu chính"
            + (" hoặc trên Cổng Dịch vụ công quốc gia." if online else "."),
            "Bộ phận Một cửa kiểm tra hồ sơ; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần bằng văn bản.",
            f"Công chức phụ trách lĩnh vực {field_name.lower()} thẩm định hồ sơ, trình Chủ tịch Ủy ban nhân dân xã.",
            "Trả kết quả tại Bộ phận Một cửa, qua dịch vụ bưu chính hoặc trên tài khoản dịch vụ công của người nộp.",
        ],
        "submission": [{"method": m, "time": time_text, "fee": fees} for m in methods],
        "dossier": [
            {"name": d, "copies": "01 bản chính" if i == 0 else rng.choice(["01 bản chính", "01 bản sao"])}
            for i, d in enumerate(DOSSIER.get(field, DEFAULT_DOSSIER))
        ],
        "processing_time": time_text,
        "processing_days": days,
        "fees": fees,
        "who_may_submit": "",
        "agency": "Ủy ban nhân dân cấp xã",
        "result": RESULTS.get(field, DEFAULT_RESULT),
        "conditions": "",
        "legal_basis": list(LEGAL[field]),
        "effective_date": "2025-07-01",
        "version": 1,
        "online_level": online,
        "keywords": [],
        "code_verified": False,
        "sources": [SOURCE],
    }


def generate(n: int = 460, seed: int = 2022) -> dict:
    """The 49 shipped procedures, unchanged, and ``n - 49`` realistic commune-level ones; the same for a seed."""
    shipped = _shipped()
    real = shipped["procedures"]
    if n <= len(real):
        procedures = copy.deepcopy(real[:n])
        used = {p["field"] for p in procedures}
        return {
            "fields": [f for f in shipped["fields"] if f["code"] in used],
            "life_events": [],
            "procedures": procedures,
        }
    pool = [(field, name) for field, names in POOL.items() for name in names]
    if n - len(real) > len(pool):
        raise ValueError(f"at most {len(real) + len(pool)} procedures, not {n}")
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(pool)), n - len(real)))  # in the pool's order: grouped by field
    taken = {p["code"] for p in real}
    codes = [c for c in (f"2.00{i:04d}" for i in rng.sample(CODE_RANGE, len(chosen) + len(taken))) if c not in taken]
    names = {f["code"]: f["name"] for f in shipped["fields"]} | {code: name for code, name, _p in NEW_FIELDS}
    extra = [_procedure(codes[k], pool[i][1], pool[i][0], names[pool[i][0]], rng) for k, i in enumerate(chosen)]
    used = [f["code"] for f in shipped["fields"]] + [code for code, _n, _p in NEW_FIELDS]
    present = {p["field"] for p in real + extra}
    return {
        "fields": [{"code": code, "name": names[code]} for code in used if code in present],
        "life_events": [],
        "procedures": copy.deepcopy(real) + extra,
    }


HEADER = [
    "STT", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cơ quan công bố", "Loại TTHC", "Cấp thực hiện",
    "Cơ quan thực hiện", "Thời hạn giải quyết", "Phí, lệ phí", "Căn cứ pháp lý", "Cách thức thực hiện", "Mức độ DVC",
]  # fmt: skip
METHOD_NAMES = {"truc_tiep": "Trực tiếp", "buu_chinh": "Dịch vụ bưu chính", "truc_tuyen": "Trực tuyến"}
ONLINE_NAMES = {"toan_trinh": "Toàn trình", "mot_phan": "Một phần", "": "Chưa cung cấp DVC trực tuyến"}


def write_xlsx(catalogue: dict, path: str | Path) -> Path:
    """The catalogue as the national export lays a province's commune-level list out (docs/thu-tuc-quoc-gia.md)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách TTHC"
    sheet.append(["DANH SÁCH THỦ TỤC HÀNH CHÍNH CẤP XÃ"])
    sheet.append(["(Kết xuất từ Cơ sở dữ liệu quốc gia về thủ tục hành chính)"])
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADER))
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    sheet.cell(1, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append(HEADER)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    names = {f["code"]: f["name"] for f in catalogue.get("fields", [])}
    order = {code: i for i, code in enumerate(names)}
    procedures = sorted(catalogue["procedures"], key=lambda p: order.get(p["field"], len(order)))
    for number, p in enumerate(procedures, start=1):
        sheet.append([
            number, str(p["code"]), p["name"], names.get(p["field"], p["field"]), PUBLISHERS.get(p["field"], ""),
            "TTHC được luật giao quy định chi tiết", p.get("level") or "Cấp xã", p["agency"], p["processing_time"],
            p.get("fees") or "", "\n".join(p.get("legal_basis") or []),
            "; ".join(METHOD_NAMES[row["method"]] for row in p["submission"]),
            ONLINE_NAMES.get(p.get("online_level") or "", ""),
        ])  # fmt: skip
        sheet.cell(sheet.max_row, 2).number_format = "@"
    first = 5
    for row in range(5, sheet.max_row + 2):  # the field written once for each run of rows, merged down
        if row > sheet.max_row or sheet.cell(row, 4).value != sheet.cell(first, 4).value:
            if row - 1 > first:
                sheet.merge_cells(start_row=first, start_column=4, end_row=row - 1, end_column=4)
            first = row
    for letter, width in zip("ABCDEFGHIJKLM", (6, 12, 60, 24, 24, 20, 12, 28, 40, 30, 45, 24, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    path = Path(path)
    book.save(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "results" / "danh-muc-460.xlsx"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 460
    target.parent.mkdir(parents=True, exist_ok=True)
    print(write_xlsx(generate(count), target))
