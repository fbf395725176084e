"""How villagers say what they need, by concept: their words mapped to the words procedures are written in.

A villager does not type «đăng ký khai tử»; they type «bố tôi vừa mất cần làm giấy gì». Each ``Concept``
below is one thing people need (a death, a wedding, a shop opening), with the everyday words for it,
Northern, Central and Southern, and the plain words of villagers for whom Vietnamese is a second language
(``says``), and the words of the procedure names it means (``means``). A word that means several things
says which only in company: «mất» is a death when a relative is named near it (``near``), not when a paper
follows it («mất giấy khai sinh» is a lost paper, ``not_before``).

Everything here is folded (no tones, đ→d, «ký»→«ki» as ``search.words`` spells it) and matched as whole
words. Officials add their commune's own words on the search screen (``learning.py``); those are kept in
the database, not here. This table was written from how people speak, never from an evaluation set:
``bench/search_eval/README.md`` says who wrote those and how they are kept apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


def company(text: str) -> frozenset[tuple[str, ...]]:
    """A set of company: words separated by spaces, or phrases separated by «;» when there is one."""
    parts = text.split(";") if ";" in text else text.split()
    return frozenset(tuple(p.split()) for p in parts if p.strip())


# People a villager names when the need is a relative's: father, mother, grandparents, spouse, children,
# siblings, uncles and aunts, in the words of the three regions («tía», «má», «bầm», «u», «bọ», «mạ», «mệ»)
# and as the South calls a third person («ổng», «bả», «ảnh», «chỉ», folded to «ong», «ba», «anh», «chi»).
# Not «cô», «dì», «cụ»: without tones they are «có» (have), «đi» (go), «cũ» (old).
FAMILY = company(
    "bo ba cha me ma u bam tia thay bu ong vo chong con anh chi em chau chu bac cau mo thim duong noi ngoai "
    "than nguoi nha gia dinh"
)
FAMILY_WORDS = frozenset(w for phrase in FAMILY for w in phrase)
# Words that deny what follows: «không tranh chấp với ai» is no dispute.
NEGATIONS = frozenset({"khong", "chua", "chang"})
# «để» that is not a purpose: «đẻ con» without tones, «để lại», «để trống»; nor after «làm sao», «thế nào».
NOT_PURPOSE = frozenset({"con", "be", "chau", "thang", "dua", "em", "roi", "xong", "lai", "trong", "o", "ra", "tai"})
HOW = frozenset({"sao", "nao", "the", "cach", "gi"})
PURPOSE = frozenset({"de"})
# What can be lost, torn or wrong: papers.
PAPERS = company("giay; so; the; bang; hoc ba; ho khau; can cuoc; cccd; cmnd; chung minh; trich luc; hop dong; ban sao")
# A house and its parts, for building and repairing.
HOUSE = company("nha; tang; mai; tuong; bep; chuong; cong trinh; phong; gac")
# A place of business.
SHOP = company("quan; tiem; cua hang; sap; kiot; quay hang; xuong")
# A village, as each region and people calls it.
VILLAGE = company("thon xom ap ban buon plei soc khom lang to")
# Civil-status papers, for copies of a lost one.
CIVIL = company("khai sinh; ket hon; khai tu; ho tich; chung tu")

BREAKS = frozenset({",", ".", ";", ":", "!", "?"})
WINDOW = 3  # how many words apart a word and its company may be («bố tôi vừa mất»: three)


@dataclass(frozen=True)
class Cue:
    """Words that say something (``says``: phrases separated by «;») in the company they need."""

    says: str
    near: frozenset[tuple[str, ...]] | None = None
    followed_by: frozenset[tuple[str, ...]] | None = None
    not_before: frozenset[tuple[str, ...]] | None = None
    not_near: frozenset[tuple[str, ...]] = frozenset()
    window: int = WINDOW
    clause: bool = True  # company within the clause (not over a comma), or anywhere in the window
    not_after: frozenset[tuple[str, ...]] | None = None


@dataclass(frozen=True)
class Concept:
    key: str
    label: str
    means: str
    says: str  # phrases separated by «;»
    near: frozenset[tuple[str, ...]] | None = None
    followed_by: frozenset[tuple[str, ...]] | None = None
    not_before: frozenset[tuple[str, ...]] | None = None
    not_near: frozenset[tuple[str, ...]] = frozenset()
    window: int = WINDOW
    clause: bool = True
    not_after: frozenset[tuple[str, ...]] | None = None
    done: str = ""  # words of a step this concept says is done («hòa giải» when it failed): read, not asked


CONCEPTS: tuple[Concept, ...] = (
    # Civil status
    Concept(
        "sinh",
        _("Sinh con"),
        "khai sinh",
        (
            "sanh; moi sinh; sinh con; sinh em be; sinh chau; chao doi; ra doi; em be; be moi; so sinh; "
            "con dau long; vua sinh; moi de; vua de; de con; de xong"
        ),
        not_near=company("con nuoi; nhan nuoi; xin nuoi; xin con"),
    ),
    Concept(
        "de",
        _("Sinh con"),
        "khai sinh",
        "de",
        followed_by=company("con be chau thang dua"),
    ),
    # «cưới» and «cuối» (the end of) are both «cuoi» without tones.
    Concept(
        "cuoi",
        _("Cưới, lấy vợ, lấy chồng"),
        "dang ki ket hon",
        (
            "lay nhau; cuoi nhau; thanh hon; thanh vo chong; se duyen; ruoc dau; an hoi; dam hoi; giay vo chong; "
            "song chung; o voi nhau; nen vo chong"
        ),
    ),
    Concept(
        "lay_vo_chong",
        _("Lấy vợ, lấy chồng"),
        "dang ki ket hon",
        "lay; cuoi; rude; ruoc",
        followed_by=company("vo chong nhau dau co ban"),
    ),
    # «cưới» and «cuối» (the end of) are both «cuoi» without tones.
    Concept(
        "cuoi",
        _("Cưới"),
        "dang ki ket hon",
        "cuoi",
        not_before=company("nam thang tuan cung ki doi ngay gio dot quy"),
    ),
    Concept(
        "nuoc_ngoai",
        _("Người nước ngoài, Việt kiều"),
        "yeu to nuoc ngoai",
        (
            "nuoc ngoai; nguoi ngoai quoc; ngoai quoc; viet kieu; chong tay; vo tay; lay tay; han quoc; "
            "trung quoc; dai loan; nhat ban; nguoi han; nguoi trung; nguoi nhat; nguoi my; nguoi lao; campuchia; "
            "nguoi hoa; quoc tich"
        ),
    ),
    Concept(
        "chet",
        _("Người nhà qua đời"),
        "khai tu",
        "mat; khuat",
        near=FAMILY,
        not_before=PAPERS | company("tich tien dat xe viec lien trom con het cap khong kem mo lac thay nhin"),
        not_near=company("chuc nuoi giam"),
    ),
    Concept(
        "qua_doi",
        _("Qua đời"),
        "khai tu",
        (
            "qua doi; chet; tu tran; ta the; tu vong; khuat nui; mat roi; vua mat; moi mat; da mat; "
            "ve voi to tien; ve tro; bao tu; giay bao tu; giay chung tu; giay chet; chung tu; bi tai nan chet"
        ),
        not_near=company("chuc tang chon mai"),
    ),
    # «ông cụ đi rồi»: an elder gone, said gently.
    Concept(
        "di_roi",
        _("Người nhà qua đời"),
        "khai tu",
        "di roi; di xa roi; ra di; da di xa; vua di; moi di",
        near=company("ong; ba; bo; me; cha; cu; u; bam; tia; ma; ong cu; ba cu; ong noi; ba noi; ong ngoai; ba ngoai"),
        not_before=company("lam hoc cho ve sang vao nuoc xuat ra dau kham bien thi o cong tu bo"),
    ),
    Concept(
        "mai_tang",
        _("Lo việc tang, chôn cất"),
        "ho tro chi phi mai tang",
        (
            "mai tang; chon cat; an tang; dam ma; dam tang; ma chay; lo tang; hau su; tien chon; tien tang; "
            "lam ma; tien ma; lo dam; tien lo dam; lo ma; lo hau su; tien lam dam; lam dam ma; lo dam ma"
        ),
    ),
    Concept(
        "sai_giay",
        _("Giấy tờ ghi sai, đổi tên, đổi họ"),
        "thay doi cai chinh bo sung thong tin ho tich",
        (
            "sai; nham; ghi nham; viet nham; ghi sai; viet sai; sua ten; doi ten; doi ho; sua ho; sua ngay sinh; "
            "sua nam sinh; thieu ten; bo sung; them ten; doi dan toc; sua dan toc; khac nhau; khong khop; lech; "
            "thieu dau; sai dau; sai chinh ta; ghi thieu; mat dau"
        ),
        not_near=HOUSE | SHOP | company("quan kinh doanh"),
    ),
    Concept(
        "mat_giay_ho_tich",
        _("Mất, hỏng giấy khai sinh, giấy kết hôn"),
        "cap ban sao trich luc ho tich",
        (
            "bi mat; lam mat; that lac; rach; hong; nat; uot; chay; lam lai; xin lai; cap lai; ban sao; them ban; "
            "nhieu ban; cu qua; mo het; phai mau; sao lai; ban chinh"
        ),
        near=CIVIL,
        window=5,
    ),
    # «mất» a civil-status paper, said before it: not «bố mất rồi làm khai tử», a death.
    Concept(
        "mat_giay_ho_tich_truoc",
        _("Mất giấy khai sinh, giấy kết hôn"),
        "cap ban sao trich luc ho tich",
        "mat",
        followed_by=CIVIL | company("giay khai sinh; giay ket hon; giay chung tu; giay khai tu; trich luc; hon thu"),
    ),
    Concept(
        "mat_giay",
        _("Mất giấy tờ"),
        "cap lai doi",
        "mat; that lac; danh mat; lam mat; bi mat",
        followed_by=PAPERS,
    ),
    Concept(
        "hong_giay",
        _("Giấy tờ hỏng, rách, cũ"),
        "cap lai doi",
        "that lac; rach; hong; nat; uot; chay; lam lai; xin lai; cu qua; bi mat; mat roi; hu; hu hong; ngam; lut; nhoe",
        near=PAPERS,
        not_near=FAMILY - company("con nha nguoi"),
        window=6,
    ),
    Concept(
        "so_goc",
        _("Sổ hộ tịch gốc không còn"),
        "dang ki lai",
        (
            "so goc; so bo; so ho tich; khong con so; mat so; chay so; ngay xua da dang ki; tu hoi xua; "
            "da dang ki roi; dang ki tu lau"
        ),
    ),
    # «sổ lưu ở xã cũng không còn»: the commune's own register is gone too.
    Concept(
        "so_xa_mat",
        _("Sổ hộ tịch gốc không còn"),
        "dang ki lai",
        "so luu; so o xa; so cua xa; so xa; so sach; so goc; so ho tich",
        near=company("khong con; mat; mat het; chay; cung mat; that lac; hong; khong tim thay; khong thay"),
        window=5,
    ),
    Concept(
        "doc_than",
        _("Xác nhận độc thân"),
        "xac nhan tinh trang hon nhan",
        (
            "doc than; chua vo; chua chong; chua lay vo; chua lay chong; chua ket hon; chua co gia dinh; "
            "chua lap gia dinh; con doc than; o ga; ly than; chua co vo; chua co chong; tinh trang hon nhan; "
            "khong co vo; khong co chong; khong vo; khong chong; khong co gia dinh; chua tung ket hon; "
            "dang mot minh; chua tung lay"
        ),
    ),
    Concept(
        "nhan_cha_con",
        _("Nhận cha, mẹ, con"),
        "nhan cha me con",
        (
            "nhan; mang ho; theo ho; ten cha; ten bo; khai ten cha; con rieng; con ngoai gia thu; "
            "chua co ten cha; xac nhan cha; nhan lai"
        ),
        followed_by=company("bo cha me ma tia con ba ho"),
        not_after=company("xac"),
        not_near=company("nuoi"),
    ),
    # «con có giấy khai sinh rồi nhưng để trống tên cha»: the birth is registered, the father comes to be named.
    Concept(
        "da_khai_sinh",
        _("Đã có khai sinh, nay nhận cha, mẹ"),
        "nhan cha me con",
        (
            "co khai sinh; co giay khai sinh; da khai sinh; da lam khai sinh; khai sinh roi; khai sinh khong co ten; "
            "khai sinh de trong; khai sinh chua co ten; khai sinh thieu ten; khai sinh bo trong"
        ),
        near=company("nhan; ten cha; ten bo; ten me; nhan con; nhan cha; nhan me"),
        window=10,
        clause=False,
        done="khai sinh",
    ),
    Concept(
        "giam_ho",
        _("Trông nom người không tự lo được"),
        "giam ho",
        ("trong coi; trong nom; trong nuoi; nuoi duong; do dau; mo coi; khong ai nuoi; thay bo me; nguoi giam ho"),
    ),
    # «đang làm giám hộ cho cháu, giờ muốn thôi», «cháu đủ 18 tuổi rồi»: the guardianship ends.
    Concept(
        "thoi_giam_ho",
        _("Thôi giám hộ"),
        "cham dut giam ho",
        "thoi; ngung; ket thuc; khong lam nua; tra lai; du 18; du tuoi; truong thanh; 18 tuoi; tu nuoi",
        near=company("giam ho"),
        window=8,
        clause=False,
    ),
    Concept(
        "con_nuoi",
        _("Nhận con nuôi"),
        "nuoi con nuoi",
        "xin con; con nuoi; nhan nuoi; xin ve nuoi; nhan ve nuoi; bat con; xin chau; lam con nuoi",
    ),
    # Certification
    Concept(
        "sao_giay",
        _("Sao, công chứng giấy tờ"),
        "chung thuc ban sao tu ban chinh giay to van ban",
        (
            "photo; pho to; sao y; ban sao; lam ban sao; sao giay; sao bang; sao lai; cong chung; thi thuc; "
            "sao van bang; mot trang; moi trang; tung trang"
        ),
    ),
    Concept(
        "ky_ten",
        _("Chứng thực chữ ký, điểm chỉ"),
        "chung thuc chu ki",
        "ki ten; chu ki; diem chi; lan tay; dau tay; ki giay; xac nhan chu ki; ki xac nhan",
    ),
    Concept(
        "giao_dich",
        _("Mua bán, tặng cho, cầm cố tài sản"),
        "chung thuc hop dong giao dich tai san dong san quyen su dung dat nha o",
        (
            "mua ban; mua; ban; chuyen nhuong; tang cho; cho tang; the chap; cam co; vay; cho thue; thue; doi dat; "
            "gop von; sang ten"
        ),
        near=company("dat nha xe so tai san ruong vuon manh lo ngan hang tien trau bo hop dong quyen"),
        # Not «bản sao», «bản chính»; nor selling at a stall («bán hàng ăn sáng»).
        not_before=company("sao chinh dich hang an rau"),
        not_near=SHOP | company("kinh doanh; buon; lan; chiem; ranh; ban sao; ban luu; lam mat; huy; sua; gia han"),
    ),
    Concept(
        "dong_san",
        _("Mua bán xe, máy móc"),
        "hop dong tai san dong san",
        "xe may; xe; o to; oto; may cay; may xuc; ghe; thuyen; xe cong nong",
        near=company("mua; ban; mua ban; tang; cho; the chap; cam"),
        window=4,
    ),
    Concept(
        "sua_hop_dong",
        _("Sửa, hủy hợp đồng đã làm"),
        "sua doi bo sung huy bo hop dong giao dich",
        (
            "sua; huy; thay doi; bo sung; them; bot; rut lai; khong ban nua; doi y; gia han; keo dai; dieu khoan; "
            "thoa thuan them; thoa thuan lai; phu luc"
        ),
        near=company("hop dong giao dich"),
        window=10,
        clause=False,
    ),
    Concept(
        "ban_sao_hop_dong",
        _("Xin bản sao hợp đồng đã chứng thực"),
        "cap ban sao co chung thuc tu ban chinh hop dong giao dich da duoc chung thuc",
        "ban sao; lam mat; bi mat; mat ban; xin lai ban; ban luu; them ban; sao lai",
        near=company("hop dong; giao dich"),
        window=10,
        clause=False,
    ),
    Concept(
        "di_chuc",
        _("Để lại tài sản khi mất"),
        "di chuc",
        (
            "di chuc; chuc thu; de lai; trang tri; chia tai san; chia dat; chia gia tai; khi chet; sau khi mat; "
            "truoc khi mat; truoc khi chet; chet thi; mat thi; sau nay chet; sau nay mat; mai mot"
        ),
    ),
    Concept(
        "dich",
        _("Dịch giấy tờ"),
        "nguoi dich cong tac vien dich thuat",
        "dich; phien dich; ban dich; dich thuat; tieng anh; tieng trung; tieng han; tieng nhat",
        not_before=company("vu benh te"),
    ),
    # Social protection, poverty, people with merit
    Concept(
        "tro_cap",
        _("Trợ cấp hằng tháng cho người khó khăn"),
        "tro cap xa hoi hang thang bao tro",
        (
            "tro cap; tien hang thang; tien tro cap; huong tro cap; tien chinh sach; don than; goa; goa bua; "
            "khong noi nuong tua; nuoi con mot minh; me don than; bo don than; tre mo coi; khong con ai; "
            "mot minh"
        ),
    ),
    Concept(
        "gia",
        _("Người cao tuổi không có lương hưu"),
        "tro cap huu tri xa hoi",
        (
            "nguoi gia; ong gia; ba gia; gia roi; cao tuoi; tuoi gia; lon tuoi; gia yeu; tren 75; 75 tuoi; "
            "80 tuoi; tren 80; khong co luong; khong co luong huu; tien gia; tien nguoi gia; khong dong bao hiem; "
            "chua dong bao hiem; chua tung dong bao hiem; khong co bao hiem; khong luong"
        ),
    ),
    Concept(
        "khuyet_tat",
        _("Người khuyết tật"),
        "khuyet tat",
        (
            "tan tat; tat nguyen; bai liet; liet; mu; mu loa; diec; cam diec; bi cam; ngong; bai nao; "
            "thieu nang; cham phat trien; tam than; thot; cut; tu ki; benh tat"
        ),
        not_near=company("si"),
    ),
    Concept(
        "ngheo",
        _("Hộ nghèo, cận nghèo"),
        "ho ngheo can ngheo",
        ("ngheo; can ngheo; kho khan; kho; thoat ngheo; so ngheo; the ngheo; ho kho; tung thieu; thieu an; doi kho"),
    ),
    Concept(
        "co_cong",
        _("Người có công với cách mạng"),
        "nguoi co cong",
        (
            "liet si; thuong binh; benh binh; co cong; me viet nam anh hung; chat doc da cam; da cam; hy sinh; "
            "khang chien; cach mang; bo doi cu"
        ),
    ),
    Concept(
        "tho_cung",
        _("Thờ cúng liệt sĩ"),
        "tro cap tho cung liet si",
        "tho cung; cung gio; huong khoi; tho; tien cung; nguoi tho",
        near=company("liet si bac chu ong anh"),
    ),
    # Land, building, farming
    Concept(
        "tranh_chap_dat",
        _("Tranh chấp, lấn chiếm đất"),
        "hoa giai tranh chap dat dai",
        (
            "lan chiem; lan sang; lan ranh; lan dat; bi lan; chiem; ranh; ranh gioi; bo rao; hang rao; moc gioi; "
            "coc moc; tranh chap; cai nhau; doi lai; xan; do ranh"
        ),
        near=company("dat ruong vuon thua ranh rao moc gioi nha"),
    ),
    Concept(
        "so_do",
        _("Sổ đỏ, sổ hồng (giấy chứng nhận quyền sử dụng đất)"),
        "dang ki dat dai cap giay chung nhan quyen su dung dat lan dau",
        (
            "so do; so hong; bia do; bia hong; giay do; so dat; giay dat; giay to dat; "
            "dat ong cha; dat khai hoang; dat cha ong"
        ),
        not_near=company("sao y; photo; ban sao; chung thuc; cong chung; the chap; vay; cam co; mat; rach; doi"),
    ),
    Concept(
        "dat_chua_so",
        _("Đất chưa có sổ"),
        "dang ki dat dai cap giay chung nhan quyen su dung dat lan dau",
        "chua co so; chua co giay; chua duoc cap; chua lam so; chua dang ki",
        near=company("dat thua ruong vuon nuong ray"),
    ),
    Concept(
        "xay_nha",
        _("Xây, sửa nhà"),
        "cap giay phep xay dung nha o",
        "xay; lam; cat; dung; sua; coi noi; noi; nang; do; lop; xay them; nang cap; lam them; noi them",
        followed_by=HOUSE,
        not_near=company("lan; lan sang; lan chiem; tranh chap; chiem"),
    ),
    Concept(
        "cay_trong",
        _("Đổi cây trồng trên ruộng lúa"),
        "chuyen doi co cau cay trong vat nuoi tren dat trong lua",
        (
            "ruong lua; dat lua; trong lua; cay an qua; trong mau; dao ao; nuoi ca; trong cay khac; bo lua; "
            "thoi cay lua; chuyen lua; len liep; trong ngo; trong rau"
        ),
    ),
    # Household business
    Concept(
        "mo_quan",
        _("Mở quán, cửa hàng"),
        "dang ki thanh lap ho kinh doanh",
        (
            "buon ban; mo quan; mo tiem; mo cua hang; mo sap; mo hang; mo tap hoa; ban tap hoa; tap hoa; "
            "quan an; quan nuoc; quan ca phe; ban ca phe; quan cafe; cat toc; uon toc; sua xe; may va; ban bun; "
            "ban pho; karaoke; "
            "quan nhau; xin giay phep kinh doanh; xin giay phep ban; lam giay phep kinh doanh; dinh mo; "
            "lam giay phep ban; giay phep ban hang; ban hang an; ban o cho; ban tai cho; "
            "sap mo; moi mo; muon mo; lam dich vu"
        ),
        not_near=company(
            "nghi; ngung; dong cua; thoi; them; doi; chuyen; sang ten; mat; rach; nat; hong; tang von; mo rong; "
            "ngheo; khong ban; giai the; don; cho moi; co giay; da dang ki; dang ki roi; huy; lam lai; cap lai; hu; "
            "lut; ngam; xin lai"
        ),
    ),
    # A shop, whatever is asked about it: a household business.
    Concept(
        "cua_hang",
        _("Quán, tiệm, cửa hàng"),
        "ho kinh doanh",
        (
            "quan an; quan nuoc; quan tap hoa; cua hang; kiot; tap hoa; tiem tap hoa; quan ca phe; quan com; "
            "quan nhau; tiem vang; tiem may; tiem toc; tiem sua xe; quay hang; buon ban"
        ),
    ),
    # A letter of authority («giấy ủy quyền», not a contract of agency) is signed before the commune.
    Concept(
        "uy_quyen",
        _("Giấy ủy quyền"),
        "chung thuc chu ki",
        "giay uy quyen; viet uy quyen; lam uy quyen; uy quyen cho",
        not_after=company("hop dong"),
    ),
    # What it costs, how long it takes, what to bring, whether it can be sent online: asked of any procedure, they
    # point to none («lệ phí» is not the «chi phí» of burial support).
    Concept(
        "hoi_thu_tuc",
        _("Hỏi lệ phí, thời hạn, hồ sơ"),
        "",
        (
            "le phi; bao nhieu tien; het bao nhieu; ton bao nhieu; ton tien; ton phi; bao lau; may ngay; nop online; "
            "lam online; truc tuyen; qua mang; can mang; mang theo; giay to gi; ho so gom; ho so can; nhung gi"
        ),
    ),
    # Abbreviations people type: «dkkd», «gpkd» (đăng ký / giấy phép kinh doanh), «gđvh».
    Concept("viet_tat_kd", _("Viết tắt: đăng ký kinh doanh"), "dang ki ho kinh doanh", "dkkd; gpkd; giay dkkd"),
    Concept("viet_tat_gdvh", _("Viết tắt: gia đình văn hóa"), "gia dinh van hoa", "gdvh; gd van hoa"),
    Concept(
        "doi_quan",
        _("Đổi chỗ, đổi tên, thêm mặt hàng của quán"),
        "thay doi noi dung dang ki ho kinh doanh",
        (
            "chuyen; doi; don; them; sang ten; doi chu; mat hang; nganh nghe; ban them; tang von; mo rong; "
            "doi sang ten; sua lai; khai lai; doi ten; dung ten; cho moi; dia diem moi; dia chi moi; doi cho; "
            "bo sung nganh; bo sung mat hang"
        ),
        near=SHOP | company("kinh doanh; dkkd; gpkd; giay phep; ban hang; tap hoa"),
        window=8,
        clause=False,
        not_near=company("nghi ngung dong mat dep thoi"),
    ),
    Concept(
        "nghi_tam",
        _("Tạm nghỉ bán"),
        "tam ngung kinh doanh tiep tuc kinh doanh",
        (
            "tam nghi; nghi tam; tam dong; tam ngung; tam dung; nghi mot thoi gian; nghi vai thang; "
            "nghi may thang; nghi it lau; mo lai; ban lai; kinh doanh lai; nghi di lam xa; nghi sinh"
        ),
    ),
    Concept(
        "tam_thoi",
        _("Tạm nghỉ bán"),
        "tam ngung kinh doanh",
        "tam thoi; mot thoi gian; it lau; mot it lau",
        near=company("dong cua; nghi; ngung; dung; quan; tiem; cua hang; kinh doanh; buon ban; ban hang"),
        window=6,
        clause=False,
    ),
    # The business's paper by its everyday names: «giấy đăng ký quán», «giấy phép kinh doanh».
    Concept(
        "giay_kinh_doanh",
        _("Giấy đăng ký hộ kinh doanh"),
        "giay chung nhan ho kinh doanh",
        (
            "giay dang ki quan; giay phep kinh doanh; giay phep quan; giay kinh doanh; giay dang ki kinh doanh; "
            "giay dang ki tiem; giay phep tiem; giay dang ki ho kinh doanh; giay phep buon ban"
        ),
    ),
    Concept(
        "nghi_mot_thoi_gian",
        _("Tạm nghỉ bán"),
        "tam ngung kinh doanh",
        "nghi; nghi ban; dong cua; ngung; dung ban; nghi buon ban",
        followed_by=company("1; 2; 3; 4; 5; 6; vai; may; mot; it; tam; den; toi; qua"),
    ),
    Concept(
        "dong_quan",
        _("Thôi buôn bán"),
        "cham dut hoat dong ho kinh doanh",
        (
            "dong cua han; nghi han; nghi luon; dep; dep quan; giai the; thoi; khong ban nua; thoi han; "
            "khong kinh doanh nua; ngung han; dong cua; bo nghe; khong ban hang nua; tra lai giay phep; thoi ban; "
            "dong han; nghi ban luon; nghi ban han; huy giay phep; huy dang ki; tra giay phep; nop lai giay phep; "
            "khong buon ban nua; khong lam nua"
        ),
        near=SHOP | company("ban; kinh doanh; hang; ho kinh doanh; giay phep"),
        window=6,
        not_near=company("tam thoi; tam; mot thoi gian; vai thang; may thang; it lau"),
    ),
    # Rewards, culture, mediation, complaints
    Concept(
        "khen",
        _("Khen thưởng"),
        "tang giay khen",
        "giay khen; bang khen; khen; khen thuong; tuyen duong; vinh danh",
    ),
    Concept(
        "lang_van_hoa",
        _("Thôn, xóm văn hóa"),
        "thon to dan pho van hoa",
        "; ".join(" ".join(v) for v in sorted(VILLAGE)),
        near=company("van hoa;"),
        not_after=company("nha van hoa; nha sinh hoat; hoi truong"),
    ),
    Concept(
        "hoa_giai",
        _("Xích mích, hòa giải"),
        "hoa giai",
        "cai nhau; mau thuan; xich mich; bat hoa; danh nhau; va cham; to tieng; gay gon; khong hoa; luc duc",
    ),
    Concept(
        "khieu_nai",
        _("Không đồng ý với quyết định"),
        "giai quyet khieu nai",
        (
            "khieu nai; kien cao; di kien; khoi kien; kien len; khieu kien; khong dong y; bat binh; khong phuc; "
            "thac mac; doi lai quyen loi; bi thiet"
        ),
        not_near=company("hoa giai"),
    ),
    Concept(
        "to_cao",
        _("Báo sai phạm của cán bộ"),
        "giai quyet to cao",
        (
            "to cao; to giac; bao sai pham; sai pham; tham nhung; an hoi lo; an tien; vi pham; lam sai; "
            "hach sach; voi tien; bao cong an; phong bi; doi tien; bao len tren; an chan"
        ),
    ),
    Concept(
        "than_nhan_co_cong",
        _("Thân nhân người có công"),
        "xac nhan than nhan nguoi co cong",
        (
            "con thuong binh; con liet si; con benh binh; vo liet si; vo thuong binh; cha me liet si; "
            "bo me liet si; than nhan liet si; than nhan thuong binh; gia dinh liet si; gia dinh thuong binh"
        ),
    ),
    Concept(
        "hoa_giai_khong_thanh",
        _("Hòa giải không thành, xin xã giải quyết"),
        "giai quyet tham quyen chu tich",
        (
            "khong thanh; khong xong; that bai; chu tich giai quyet; chu tich xa giai quyet; xa phan xu; "
            "chu tich quyet; chu tich xa quyet; chu tich xu; chu tich xa xu; khong thanh cong; van khong duoc; "
            "khong dong y; xa quyet dinh; ai dung ai sai; phan xu"
        ),
        near=company("hoa giai; tranh chap; dat"),
        done="hoa giai",
        window=10,
        clause=False,
    ),
    Concept(
        "hoa_giai_vien_tai_nan",
        _("Hòa giải viên gặp tai nạn"),
        "ho tro hoa giai vien gap tai nan rui ro suc khoe tinh mang",
        "tai nan; bi thuong; chan thuong; te xe; nga; bi danh; rui ro",
        near=company("hoa giai; to hoa giai; hoa giai vien"),
        window=20,
        clause=False,
    ),
    # Papers people bring to be copied or signed: what they are says nothing of the procedure.
    Concept(
        "van_bang",
        _("Văn bằng, giấy tờ cá nhân"),
        "giay to van ban",
        (
            "bang tot nghiep; hoc ba; van bang; chung chi; bang dai hoc; bang cap; giay to tuy than; bang lai; "
            "bang lai xe; giay phep lai xe; ca vet; cavet; giay dang ki xe"
        ),
    ),
    Concept(
        "ly_lich",
        _("Xác nhận sơ yếu lý lịch"),
        "chung thuc chu ki giay to van ban",
        "so yeu ly lich; ly lich xin viec; xac nhan ly lich",
    ),
    Concept(
        "sai_bo_sung",
        _("Ghi thêm thông tin còn thiếu"),
        "bo sung thong tin ho tich",
        "ghi them; bo trong; de trong; chua ghi; con thieu; thieu que; thieu que quan; thieu ten",
        not_near=company("ten cha; ten bo; nhan con"),
    ),
)


@dataclass(frozen=True)
class Said:
    """Where a query says a concept: the words it took (``start``..``end``)."""

    concept: Concept
    start: int
    end: int


_spelt: dict[str, tuple[tuple[str, ...], ...]] = {}


def _phrases(says: str) -> tuple[tuple[str, ...], ...]:
    """The phrases of ``says``, spelt as ``search.words`` spells queries (kept once read)."""
    if says not in _spelt:
        from .search import words

        _spelt[says] = tuple(t for t in (tuple(words(p)) for p in says.split(";")) if t)
    return _spelt[says]


def said(tokens: list[str], cue) -> tuple[int, int] | None:
    """Where ``tokens`` say ``cue`` (a ``Concept``, or anything with its ``says`` and company fields), in
    the company it asks for; None when they do not."""
    present = set(tokens)
    for phrase in _phrases(cue.says):
        if phrase[0] not in present:
            continue
        n = len(phrase)
        for start in range(len(tokens) - n + 1):
            if tuple(tokens[start : start + n]) == phrase and _in_company(tokens, start, start + n, cue):
                return start, start + n
    return None


def _holds(tokens: list[str], company) -> bool:
    return any(phrase_in(tokens, list(p)) for p in company)


def _in_company(tokens: list[str], start: int, end: int, cue) -> bool:
    """The words around ``tokens[start:end]`` are the company ``cue`` asks for. Company never reaches over a
    comma or a full stop: «em tôi bị tâm thần nặng, nhà tôi nuôi» is not «nâng nhà»."""
    left = start
    while left > max(0, start - cue.window) and (tokens[left - 1] not in BREAKS or not cue.clause):
        left -= 1
    right = end
    while right < min(len(tokens), end + cue.window) and (tokens[right] not in BREAKS or not cue.clause):
        right += 1
    if cue.near is not None and not (_holds(tokens[left:start], cue.near) or _holds(tokens[end:right], cue.near)):
        return False
    if cue.followed_by is not None and not any(tokens[end : end + len(p)] == list(p) for p in cue.followed_by):
        return False
    if cue.not_before is not None and any(tokens[end : end + len(p)] == list(p) for p in cue.not_before):
        return False
    if cue.not_after is not None and any(tokens[max(0, start - len(p)) : start] == list(p) for p in cue.not_after):
        return False
    return not (_holds(tokens[:start], cue.not_near) or _holds(tokens[end:], cue.not_near))


_first_words: dict[str, list[tuple[tuple[str, ...], Concept]]] = {}


def _concepts_by_first_word() -> dict[str, list[tuple[tuple[str, ...], Concept]]]:
    if not _first_words:
        for concept in CONCEPTS:
            for phrase in _phrases(concept.says):
                _first_words.setdefault(phrase[0], []).append((phrase, concept))
    return _first_words


def concepts_in(tokens: list[str]) -> list[Said]:
    """The concepts a query (its words as ``search.words`` spells them) speaks of, and the words that say
    each (the first place each is said, in the company it needs)."""
    found: dict[str, Said] = {}
    index = _concepts_by_first_word()
    for start, token in enumerate(tokens):
        for phrase, concept in index.get(token, ()):
            if concept.key in found:
                continue
            end = start + len(phrase)
            if tuple(tokens[start:end]) == phrase and _in_company(tokens, start, end, concept):
                found[concept.key] = Said(concept, start, end)
    order = {c.key: n for n, c in enumerate(CONCEPTS)}
    return sorted(found.values(), key=lambda s: order[s.concept.key])


def purpose_start(tokens: list[str]) -> tuple[int, int] | None:
    """Where a query says what its need is for («… để đi xuất khẩu lao động»), to the end of that clause: after
    a «để» that follows words of its need in the same clause."""
    from .search import FILLER

    clause_start = 0
    for i, token in enumerate(tokens):
        if token in BREAKS:
            clause_start = i + 1
            continue
        if token not in PURPOSE or i + 1 >= len(tokens) or tokens[i + 1] in NOT_PURPOSE or tokens[i - 1] in HOW:
            continue
        if any(t not in FILLER for t in tokens[clause_start:i]):
            end = next((j for j in range(i + 1, len(tokens)) if tokens[j] in BREAKS), len(tokens))
            return i + 1, end
    return None


def phrase_in(tokens: list[str], phrase: list[str]) -> bool:
    """``phrase`` appears in ``tokens`` as whole words, in order."""
    n = len(phrase)
    return n > 0 and any(tokens[i : i + n] == phrase for i in range(len(tokens) - n + 1))
