"""Demo: a handful of articles for Định Biên, written for the demo and marked as such, one of them the
evidence of a portal task of the plan under way; and the «Liên hệ» page every commune site has.

Pages are written the way the admin writes them: a child page saved, then its revision published."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from cchc.communes.models import Commune
from cchc.communes.scoping import commune_scope

from .bulletins import BulletinArticle, BulletinPage, ensure_bulletin_index
from .models import ArticleCategory, ArticlePage, ArticleTask, StandardPage
from .news import ensure_news_index

ILLUSTRATIVE = "<p><em>Bài viết minh họa cho bản trình diễn.</em></p>"

# (title, category, tags, summary, body paragraphs, days ago, linked to the plan's portal task)
ARTICLES = [
    (
        "Xã Định Biên đưa vào sử dụng Trung tâm Phục vụ hành chính công",
        ArticleCategory.CCHC,
        ["một cửa", "hành chính công"],
        "Từ đầu tháng, người dân đến làm thủ tục được tiếp nhận tại một nơi, tra cứu hồ sơ và nhận kết quả đúng hẹn.",
        [
            "Trung tâm Phục vụ hành chính công xã được bố trí tại tầng một trụ sở UBND xã, có khu chờ, máy tra "
            "cứu hồ sơ và bàn hướng dẫn kê khai.",
            "Công chức tiếp nhận hướng dẫn người dân chuẩn bị đủ giấy tờ ngay từ lần đầu, hạn chế phải đi lại "
            "nhiều lần.",
        ],
        3,
        True,
    ),
    (
        "Mô hình «Tổ công nghệ số cộng đồng» ở xóm Đồng Đau",
        ArticleCategory.MODEL,
        ["chuyển đổi số", "dịch vụ công trực tuyến"],
        "Các đoàn viên thanh niên giúp bà con cài ứng dụng VNeID và nộp hồ sơ trực tuyến ngay tại nhà văn hóa xóm.",
        [
            "Mỗi tối thứ Bảy, tổ công nghệ số cộng đồng có mặt tại nhà văn hóa xóm Đồng Đau để hướng dẫn người "
            "dân sử dụng điện thoại thông minh.",
            "Nhiều hộ đã tự đăng ký khai sinh, đăng ký thường trú qua Cổng Dịch vụ công quốc gia mà không phải lên xã.",
        ],
        8,
        False,
    ),
    (
        "Chỉ số PAR INDEX, PCI, PAPI là gì và vì sao người dân nên quan tâm",
        ArticleCategory.INDICES,
        ["PAPI", "PCI", "PAR INDEX"],
        "Ba chỉ số đo mức độ cải cách hành chính, năng lực cạnh tranh và hiệu quả quản trị của chính quyền, "
        "dựa một phần vào ý kiến của người dân và doanh nghiệp.",
        [
            "PAR INDEX đánh giá kết quả cải cách hành chính của các cơ quan nhà nước; PCI đo năng lực cạnh tranh "
            "cấp tỉnh qua ý kiến doanh nghiệp; PAPI đo hiệu quả quản trị và hành chính công qua khảo sát người dân.",
            "Khi được mời trả lời khảo sát, mỗi ý kiến trung thực của bà con góp phần giúp chính quyền phục vụ "
            "tốt hơn.",
        ],
        15,
        False,
    ),
    (
        "Thông báo lịch tiếp công dân của Chủ tịch UBND xã",
        ArticleCategory.NOTICE,
        ["tiếp công dân"],
        "Chủ tịch UBND xã tiếp công dân định kỳ vào ngày thứ Năm của tuần thứ hai hằng tháng tại trụ sở UBND xã.",
        [
            "Công dân có kiến nghị, phản ánh liên quan đến thủ tục hành chính đề nghị mang theo giấy tờ tùy thân "
            "và các tài liệu liên quan.",
            "Trường hợp lịch tiếp trùng ngày nghỉ lễ, UBND xã sẽ thông báo lịch bù trên hệ thống truyền thanh.",
        ],
        20,
        False,
    ),
    (
        "Hội nghị tuyên truyền cải cách hành chính tại xóm Khau Lầu",
        ArticleCategory.ACTIVITY,
        ["hội nghị", "tuyên truyền"],
        "Hơn 60 đại biểu là người dân trong xóm được phổ biến quy trình giải quyết thủ tục theo cơ chế một cửa.",
        [
            "Tại hội nghị, cán bộ Văn phòng HĐND - UBND xã giới thiệu các thủ tục thường gặp như chứng thực, "
            "đăng ký hộ tịch, xác nhận tình trạng hôn nhân.",
            "Nhiều ý kiến của bà con về thời gian trả kết quả đã được giải đáp ngay tại hội nghị.",
        ],
        27,
        False,
    ),
    (
        "Hướng dẫn thanh toán lệ phí hành chính không dùng tiền mặt",
        ArticleCategory.CCHC,
        ["dịch vụ công trực tuyến"],
        "Người dân có thể nộp lệ phí bằng chuyển khoản hoặc ví điện tử khi làm thủ tục tại xã hoặc trực tuyến.",
        [
            "Mã QR thanh toán được niêm yết tại quầy tiếp nhận; biên lai điện tử được gửi về số điện thoại người nộp.",
            "Cách làm này giúp rút ngắn thời gian chờ và công khai, minh bạch các khoản lệ phí.",
        ],
        34,
        False,
    ),
]

CONTACT_BODY = (
    "<p>Mọi thắc mắc về thủ tục hành chính, xin liên hệ Trung tâm Phục vụ hành chính công xã trong giờ hành "
    "chính, hoặc gọi số điện thoại ở cuối trang.</p>" + ILLUSTRATIVE
)


def _portal_task(commune: Commune):
    from cchc.plans.home import current_plan
    from cchc.plans.structure import Channel

    plan = current_plan(commune=commune)
    if plan is None:
        return None
    return plan.tasks.filter(channel=Channel.PORTAL).order_by("quarter", "position").first()


@transaction.atomic
def load_demo_news(commune: Commune, *, today: dt.date | None = None) -> None:
    """Add the demo articles and the «Liên hệ» page once; running it again changes nothing."""
    home = commune.root_page.specific
    with commune_scope(commune):
        news = ensure_news_index(home)
        if news is None:
            return
        if not Page.objects.child_of(home).filter(slug="lien-he").exists():
            contact = StandardPage(title="Liên hệ", slug="lien-he", summary="Địa chỉ, điện thoại, giờ làm việc.",
                                   body=CONTACT_BODY)  # fmt: skip
            home.add_child(instance=contact)
            contact.save_revision().publish()
        if not ArticlePage.objects.child_of(news).exists():
            _write_articles(commune, news, today)
        _write_bulletin(home, news, today)


def _write_articles(commune: Commune, news, today: dt.date | None) -> None:
    task = _portal_task(commune)
    for title, category, tags, summary, paragraphs, days_ago, linked in reversed(ARTICLES):
        body = "".join(f"<p>{text}</p>" for text in paragraphs) + ILLUSTRATIVE
        # Written over the past weeks, not all this minute: publishing keeps a first publication date.
        article = ArticlePage(
                title=title, summary=summary, body=body, category=category, live=False,
                first_published_at=_days_ago(days_ago, today),
            )  # fmt: skip
        if linked and task is not None:
            article.task_links.add(ArticleTask(commune=commune, task=task))
        news.add_child(instance=article)
        article.tags.add(*tags)
        article.save_revision().publish()


BULLETIN_INTRO = (
    "<p>Số này điểm lại những việc xã đã làm trong quý để người dân làm thủ tục nhanh hơn, công khai hơn: "
    "Trung tâm Phục vụ hành chính công, nộp hồ sơ trực tuyến, thanh toán không dùng tiền mặt; và giải thích "
    "các chỉ số đo sự hài lòng của người dân.</p>" + ILLUSTRATIVE
)


def _write_bulletin(home, news, today: dt.date | None) -> None:
    """One issue gathering the quarter's articles, the first time only."""
    bulletins = ensure_bulletin_index(home)
    if bulletins is None or BulletinPage.objects.child_of(bulletins).exists():
        return
    day = today or timezone.localdate()
    quarter = (day.month - 1) // 3 + 1
    issue = BulletinPage(
        title=f"Bản tin cải cách hành chính quý {['I', 'II', 'III', 'IV'][quarter - 1]} năm {day.year}",
        slug=f"so-1-{day.year}", number=1, year=day.year, quarter=str(quarter), introduction=BULLETIN_INTRO,
        live=False,
    )  # fmt: skip
    for article in ArticlePage.objects.child_of(news).live().order_by("-first_published_at")[:4]:
        issue.gathered_articles.add(BulletinArticle(article=article))
    bulletins.add_child(instance=issue)
    issue.save_revision().publish()


def _days_ago(days: int, today: dt.date | None):
    now = timezone.now() if today is None else timezone.make_aware(dt.datetime.combine(today, dt.time(9)))
    return now - dt.timedelta(days=days)
