"""Needs villagers bring to the commune that the commune does not handle, and where to go instead.

Since the 2025 reorganisation (district police and district courts abolished, driving licences moved
to the police, criminal-record certificates moved from the justice department to the police), a
villager asking the commune's site about a divorce or an identity card should be told plainly, first,
which body handles it and what to bring, and then shown any related procedure the commune does handle.

Each entry names its legal basis and date (``source``): the body changes with the law, and an official
reading the page must be able to check it. A need is recognised by what the villager asks for
(``asks``: cues, read as the concepts of ``understanding.py`` are, words in the company they need), unless
the query also names something the commune does for that same thing (``unless``): «chứng thực bản sao sổ
đỏ» is a certified copy, done at the commune; «sang tên sổ đỏ» is not.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .understanding import BREAKS, Cue, company, concepts_in, purpose_start, said


@dataclass(frozen=True)
class Elsewhere:
    key: str
    body_key: str  # the kind of body: cong_an_xa, cong_an_tinh, toa_an, van_phong_dang_ky_dat_dai, cong_chung, bhxh
    need: str
    body: str
    note: str
    source: str
    asks: tuple[Cue, ...]
    unless: tuple[Cue, ...] = ()
    named: tuple[Cue, ...] = ()  # names that are the need when the query is little more than them («cccd»)


# A plot of land and its certificate.
LAND = company("so do; so hong; bia do; giay chung nhan quyen; thua; dat; so dat; manh dat; lo dat")
# What the commune certifies or records about anything: a query naming one of these is the commune's.
# … unless it is done already («hợp đồng chứng thực xong rồi, giờ sang tên ở đâu»).
VEHICLE = company("xe; xe may; oto; o to")
# An identity paper, and what is asked of it when it is the need.
CARD = "can cuoc; cccd; cmnd; chung minh nhan dan; chung minh thu; the can cuoc; can cuoc cong dan; cancuoc"
CARD_ACTS = company(
    "lam; cap; doi; mat; het han; xin; cap lai; lam lai; hong; gan chip; tich hop; bi mat; lam moi; dang ki; thu tuc; "
    "o dau; chua co; chua lam; 14 tuoi; 16 tuoi; du tuoi; that lac; gia han; sai; in sai; nop"
)
# A body or a need refused in the query («chứ không muốn ra tòa», «không lên văn phòng công chứng»).
REFUSED = company("khong muon; chu khong; khong len; khong ra; khong di; khong can; khoi phai; khoi")
# … and what the commune does, refused by whoever asks for the paper («ngân hàng không nhận giấy chứng thực»).
REFUSED_ACTS = REFUSED | company("khong chiu; khong nhan; khong chap nhan; khong phai; khong nhan giay")
COMMUNE_ACTS = Cue(
    "chung thuc; sao y; ban sao; photo; pho to; xac nhan tinh trang hon nhan; trich luc; chung ban sao",
    not_before=company("xong; roi; o xa xong; o xa roi"),
    # … or that it is refused («ngân hàng không nhận xã chứng thực», «chứ không chịu chứng thực ở xã»).
    not_after=company("khong nhan; khong chiu; khong nhan xa; khong chiu xa; chu khong; khong chap nhan; khong phai"),
)
# «Công chứng» of a paper is what villagers call the commune's certified copy («công chứng bằng lái», «công
# chứng mấy tờ giấy khai sinh»).
PAPER_COPY = Cue(
    "cong chung; photo cong chung",
    near=company(
        "bang; giay; can cuoc; cccd; hoc ba; the; cmnd; chung minh; ban; so ho khau; giay to; van bang; chung chi; "
        "khai sinh; bang cap; to"
    ),
    window=4,
    # … not of a contract or a sale, which is the notary's («công chứng giấy tờ mua bán đất»).
    not_near=company(
        "van phong cong chung; phong cong chung; cong chung vien; mua ban; mua; ban nha; ban dat; hop dong; di chuc; "
        "nha dat; chuyen nhuong; tang cho; the chap; ngan hang"
    ),
)

NEEDS: tuple[Elsewhere, ...] = (
    Elsewhere(
        key="cu_tru",
        body_key="cong_an_xa",
        need=_("Đăng ký thường trú, tạm trú, tạm vắng, tách hộ"),
        body=_("Công an xã nơi bạn cư trú"),
        note=_(
            "Mang căn cước; giấy tờ chứng minh chỗ ở hợp pháp (sổ đỏ, hợp đồng thuê, giấy cho ở nhờ). Có thể "
            "nộp trực tuyến trên ứng dụng VNeID hoặc Cổng dịch vụ công quốc gia."
        ),
        source=_("Luật Cư trú 2020, Điều 2 khoản 4; Công an cấp huyện kết thúc hoạt động từ 01/3/2025."),
        asks=(
            Cue(
                "thuong tru; tam tru; tam vang; ho khau; nhap khau; tach khau; chuyen khau; cat khau; tach ho; "
                "nhap ho; cu tru; khai bao luu tru; luu tru; so ho khau"
            ),
        ),
    ),
    Elsewhere(
        key="dang_ky_xe",
        body_key="cong_an_xa",
        need=_("Đăng ký xe máy, biển số xe"),
        body=_("Công an xã (xe mô tô, xe gắn máy); ô tô: Phòng Cảnh sát giao thông Công an tỉnh"),
        note=_("Mang căn cước, giấy tờ mua bán hoặc cho tặng xe, chứng từ lệ phí trước bạ."),
        source=_("Thông tư 79/2024/TT-BCA, áp dụng từ 01/01/2025."),
        asks=(
            Cue("bien so; bien kiem soat; cavet; ca vet; bam bien; boc bien; giay dang ki xe; dang ki xe"),
            Cue("sang ten; doi chu; ten chu; chuyen ten", near=company("xe; xe may; o to; oto; xe tai"), window=4),
            Cue("dang ki; sang ten; cap; doi; mat; lam", followed_by=company("xe; bien; cavet; ca vet; giay xe")),
        ),
    ),
    Elsewhere(
        key="can_cuoc",
        body_key="cong_an_tinh",
        need=_("Làm, đổi, cấp lại căn cước"),
        body=_("Công an tỉnh (Phòng Cảnh sát quản lý hành chính về trật tự xã hội), hoặc Công an xã nơi được giao"),
        note=_(
            "Mang căn cước hoặc chứng minh nhân dân cũ (nếu có); trẻ em dưới 14 tuổi đi cùng cha, mẹ hoặc "
            "người giám hộ. Có thể đặt lịch trên VNeID."
        ),
        source=_("Luật Căn cước 2023; Hướng dẫn 08/BCA ngày 17/2/2025."),
        # A card named as what to bring or to match («cần cccd với gì nữa», «khớp với cccd») is not the need.
        asks=(Cue(CARD, near=CARD_ACTS, window=4, clause=False),),
        named=(Cue(CARD),),
    ),
    Elsewhere(
        key="ho_chieu",
        body_key="cong_an_tinh",
        need=_("Làm hộ chiếu"),
        body=_("Phòng Quản lý xuất nhập cảnh, Công an tỉnh (bất kỳ tỉnh nào, mang căn cước)"),
        note=_("Mang căn cước; trẻ em dưới 14 tuổi cần giấy khai sinh và cha, mẹ đi cùng. Có thể nộp trực tuyến."),
        source=_("Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019, Điều 15."),
        asks=(Cue("ho chieu; passport; xuat canh; visa", near=CARD_ACTS, window=4, clause=False),),
        named=(Cue("ho chieu; passport; visa"),),
    ),
    Elsewhere(
        key="ly_lich_tu_phap",
        body_key="cong_an_tinh",
        need=_("Phiếu lý lịch tư pháp"),
        body=_("Công an tỉnh (chuyển từ Sở Tư pháp từ 01/3/2025), hoặc nộp trên ứng dụng VNeID"),
        note=_("Mang căn cước; nộp trên VNeID không cần đến trụ sở."),
        source=_("Từ 01/3/2025, việc cấp phiếu lý lịch tư pháp chuyển từ Sở Tư pháp sang Công an tỉnh."),
        asks=(
            Cue(
                "ly lich tu phap; lich tu phap; phieu tu phap; giay khong tien an; tien an tien su; khong tien an; lltp"
            ),
        ),
    ),
    Elsewhere(
        key="bang_lai",
        body_key="cong_an_tinh",
        need=_("Cấp, đổi, cấp lại giấy phép lái xe"),
        body=_("Phòng Cảnh sát giao thông, Công an tỉnh"),
        note=_("Mang căn cước, giấy khám sức khỏe người lái xe; đổi bằng lái cũ thì mang bằng lái đó."),
        source=_("Nghị định 02/2025/NĐ-CP; Thông tư 12/2025/TT-BCA (chuyển từ ngành giao thông từ 01/3/2025)."),
        asks=(
            Cue("bang lai; giay phep lai xe; gplx; thi lai xe; bang xe may; thi bang; hoc lai xe"),
            Cue("doi; cap lai; mat; thi", followed_by=company("bang; bang lai")),
        ),
    ),
    Elsewhere(
        key="ly_hon",
        body_key="toa_an",
        need=_("Ly hôn"),
        body=_("Tòa án nhân dân khu vực nơi vợ hoặc chồng cư trú"),
        note=_(
            "Mang đơn xin ly hôn, giấy chứng nhận kết hôn (bản chính), căn cước của hai vợ chồng, giấy khai "
            "sinh của các con. Xã có thể hòa giải ở cơ sở trước, nếu hai bên muốn."
        ),
        source=_("Luật Tổ chức Tòa án nhân dân (sửa đổi 2025): tòa án cấp huyện kết thúc hoạt động từ 01/7/2025."),
        asks=(
            Cue("ly hon; ly di; don ly hon; thuan tinh ly hon; ra toa"),
            Cue("chia tay; khong song chung; khong song voi nhau; bo nhau", near=company("vo chong; vo; chong")),
            # «bỏ chồng» is «bố chồng» (the husband's father) without tones: only as a wish or a deed
            Cue("muon bo chong; muon bo vo; doi bo chong; doi bo vo; bo chong roi; bo vo roi; muon ly"),
        ),
        unless=(
            Cue(
                "xac nhan tinh trang hon nhan; ghi chu ly hon; ket hon lai; tai hon; doc than; ly hon roi; "
                "da ly hon; ly di roi; da ly di; chua co vo; chua co chong; giay chung minh chua"
            ),
            Cue("ly hon; ly di", followed_by=company("roi; lau roi; xong; may nam; nhieu nam; tu lau")),
        ),
    ),
    Elsewhere(
        key="nuoi_con",
        body_key="toa_an",
        need=_("Giành quyền nuôi con, tiền cấp dưỡng sau ly hôn"),
        body=_("Tòa án nhân dân khu vực nơi người bị yêu cầu cư trú"),
        note=_(
            "Mang đơn yêu cầu, bản án hoặc quyết định ly hôn, giấy khai sinh của con, giấy tờ về thu nhập, chỗ ở. "
            "Xã có thể hòa giải ở cơ sở trước, nếu hai bên muốn."
        ),
        source=_("Luật Hôn nhân và gia đình 2014, Điều 81, 84; Bộ luật Tố tụng dân sự 2015, Điều 28."),
        asks=(
            Cue(
                "quyen nuoi con; gianh nuoi con; gianh con; gianh lai con; cap duong; tien nuoi con; doi nguoi nuoi; "
                "doi quyen nuoi; thay doi nguoi nuoi; nguoi truc tiep nuoi"
            ),
        ),
    ),
    Elsewhere(
        key="thua_ke",
        body_key="toa_an",
        need=_("Tranh chấp thừa kế, chia di sản khi không thỏa thuận được"),
        body=_("Tòa án nhân dân khu vực nơi có tài sản hoặc nơi người để lại di sản cư trú"),
        note=_(
            "Mang đơn khởi kiện, giấy chứng tử của người để lại di sản, giấy tờ về tài sản (sổ đỏ, …), giấy tờ "
            "chứng minh quan hệ thân nhân. Nếu các bên thỏa thuận được, xã chứng thực văn bản thỏa thuận phân "
            "chia di sản; xã cũng hòa giải ở cơ sở nếu các bên muốn."
        ),
        source=_("Bộ luật Tố tụng dân sự 2015, Điều 26 khoản 5 và Điều 35; tòa án khu vực từ 01/7/2025."),
        asks=(
            Cue("tranh chap thua ke; kien chia; chia di san; kien doi chia"),
            Cue("kien; tranh chap; gianh; khong chia", near=company("thua ke; di san; de lai; gia tai; tai san")),
            # Heirs who cannot agree, said anywhere near the inheritance.
            Cue(
                "khong thoa thuan; khong dong y; khong chiu; gianh nhau; tranh nhau; doi chia; chiem het; kien o dau; "
                "cai nhau; phan xu; khoi kien; khong chia duoc; kien; kien nhau",
                near=company("thua ke; di san; gia tai; huong hoa; de lai"),
                window=10,
                clause=False,
            ),
        ),
    ),
    Elsewhere(
        key="dat_dai",
        body_key="van_phong_dang_ky_dat_dai",
        need=_("Sang tên, tách thửa, cấp đổi, cấp lại sổ đỏ (đăng ký biến động đất đai)"),
        body=_("Văn phòng đăng ký đất đai (chi nhánh nơi có đất)"),
        note=_(
            "Mang sổ đỏ, căn cước, hợp đồng chuyển nhượng hoặc tặng cho đã công chứng, chứng thực. Xã cấp sổ đỏ lần "
            "đầu cho hộ gia đình, cá nhân, hòa giải tranh chấp đất đai và chứng thực hợp đồng về đất."
        ),
        source=_("Nghị định 49/2026/NĐ-CP, Điều 14 khoản 2."),
        # Not «sổ đỏ» alone: the commune registers land and issues the first certificate to a household.
        asks=(
            Cue(
                "tach thua; gop thua; hop thua; tach so; gop so; chuyen muc dich su dung dat; len tho cu; "
                "chuyen len dat o; dang ki bien dong; dinh chinh so; dinh chinh giay chung nhan; "
                "dang ki the chap; xoa the chap; mat so do; mat so hong; mat bia do; sang ten so; sang ten dat; "
                "sang ten nha"
            ),
            Cue("dang ki sang ten; lam sang ten; thu tuc sang ten", not_near=VEHICLE),
            Cue("sang ten", near=company("so; lam so; cho con; ten con"), window=3, not_near=VEHICLE),
            Cue(
                "sang ten; cap lai; cap doi; doi so; doi bia; that lac; sai; dinh chinh; tach; gop; thua ke; "
                "chuyen ten; dung ten; rach; nat; hong; cu nat; lam mat; bi mat; mat so; mat giay; mat bia; "
                "nhau nat; doi sang so moi; doi so moi; so moi; lam so moi; ghi sai",
                near=LAND,
                window=5,
            ),
        ),
        unless=(
            COMMUNE_ACTS,
            Cue(
                "lam hop dong; viet hop dong; uy quyen; lan dau; chua co so; chua co giay; chua duoc cap; "
                "hoa giai; tranh chap; lan chiem; di chuc"
            ),
        ),
    ),
    Elsewhere(
        key="cong_chung",
        body_key="cong_chung",
        need=_("Công chứng hợp đồng, di chúc"),
        body=_("Phòng công chứng hoặc văn phòng công chứng"),
        note=_(
            "Xã chứng thực bản sao, chữ ký và một số hợp đồng, giao dịch; việc công chứng do tổ chức hành nghề "
            "công chứng làm."
        ),
        source=_("Luật Công chứng 2024, có hiệu lực từ 01/7/2025."),
        asks=(
            Cue("phai cong chung; bat cong chung; yeu cau cong chung; doi cong chung; doi phai cong chung"),
            Cue(
                "cong chung vien; van phong cong chung; phong cong chung; cong chung hop dong; "
                "cong chung di chuc; cong chung mua ban; cong chung nha dat; di cong chung"
            ),
            Cue(
                "cong chung", near=company("hop dong; mua nha; mua dat; ban nha; ban dat; di chuc; ngan hang"), window=6
            ),
        ),
    ),
    Elsewhere(
        key="bhxh",
        body_key="bhxh",
        need=_("Bảo hiểm xã hội, bảo hiểm y tế, lương hưu, thai sản"),
        body=_("Cơ quan bảo hiểm xã hội nơi bạn cư trú"),
        note=_("Mang căn cước hoặc mã số bảo hiểm xã hội; nhiều việc làm được trên ứng dụng VssID."),
        source=_("Cơ quan bảo hiểm xã hội giải quyết; bộ máy sau năm 2025 chưa được đối chiếu."),
        asks=(
            Cue(
                "bao hiem xa hoi; bhxh; bao hiem y te; bhyt; the bao hiem; luong huu; huu tri; thai san; "
                "tro cap that nghiep; vssid; so bao hiem; rut bao hiem; bao hiem mot lan; dong bao hiem; "
                "tien bao hiem; lay bao hiem; chot so"
            ),
        ),
        unless=(
            Cue(
                "mien phi khai sinh; huu tri xa hoi; khong co luong huu; chua co luong huu; khong co luong; "
                "khong luong huu; muc song trung binh; hong co luong; hong co luong huu; hong co bao hiem; "
                "tro cap tuoi gia; tien tuoi gia"
            ),
            # Never paid in: the commune's social pension, not the insurance agency.
            Cue(
                "khong dong; chua dong; chua tung dong; khong tham gia; chua tham gia; khong co; chua co",
                followed_by=company("bao hiem; bhxh; luong; luong huu"),
            ),
        ),
    ),
)


def find_elsewhere(query: str, *, corrected: list[str] | None = None) -> Elsewhere | None:
    """The need ``query`` is about, when the commune does not handle it; None when it is the commune's, or about
    nothing listed. Of two needs, the one said in more words wins («đổi bằng lái» over «đổi»). A query naming
    what the commune certifies or confirms («chứng thực bản sao bằng lái») is the commune's, read in the words
    as typed or as the search ``corrected`` them («coong chuwngs bằng lái»)."""
    from .search import FILLER, words

    typed = words(query, breaks=True)
    asked, readings = _asked(typed), (typed, corrected or [])
    matter = [t for t in typed if t not in FILLER and t not in BREAKS]
    best, longest = None, 0
    for entry in NEEDS:
        spans = [span for cue in entry.asks if (span := said(asked, cue)) and not _refused(asked, span[0])]
        # A name alone, or nearly («cccd», «làm hộ chiếu»), is the need.
        spans += [span for cue in entry.named if (span := said(asked, cue)) and len(matter) <= span[1] - span[0] + 1]
        if not spans or any(
            (span := said(t, cue)) and not _refused(t, span[0], REFUSED_ACTS)
            for t in readings
            for cue in (*entry.unless, COMMUNE_ACTS, PAPER_COPY)
        ):
            continue
        length = max(end - start for start, end in spans)
        if length > longest:
            best, longest = entry, length
    return best


def _refused(tokens: list[str], start: int, refusals=REFUSED) -> bool:
    """What ``tokens`` say at ``start`` is refused just before («chứ không muốn ra tòa»)."""
    before = tokens[max(0, start - 3) : start]
    return any(before[i : i + len(p)] == list(p) for p in refusals for i in range(len(before) - len(p) + 1))


def _asked(tokens: list[str]) -> list[str]:
    """``tokens`` without a need said as the purpose of a paper the commune gives, named in a phrase («giấy độc
    thân để đi xuất khẩu lao động»): that need is not what is asked."""
    purpose = purpose_start(tokens)
    if purpose and any(s.end - s.start > 1 for s in concepts_in(tokens[: purpose[0]])):
        return tokens[: purpose[0]] + tokens[purpose[1] :]
    return tokens
