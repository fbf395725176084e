from __future__ import annotations

from cchc.communes.scoping import commune_scope
from cchc.communes.testing import make_instance
from cchc.plans.models import Plan, PlanStatus, Task
from cchc.plans.structure import Channel
from cchc.portal.demo import load_demo_news
from cchc.portal.models import ArticleCategory, ArticlePage, ArticleTask

from .news_helpers import news_of


def test_the_demo_news_are_illustrative_across_categories_and_one_is_a_tasks_evidence(client, commune_a):
    plan = make_instance(Plan, commune_a, status=PlanStatus.IN_PROGRESS, year=2026)
    task = make_instance(Task, commune_a, plan=plan, channel=Channel.PORTAL, title="Đăng tin CCHC")
    load_demo_news(commune_a)
    load_demo_news(commune_a)  # twice changes nothing
    articles = list(ArticlePage.objects.child_of(news_of(commune_a)).live())
    assert 5 <= len(articles) <= 6
    assert all("Bài viết minh họa cho bản trình diễn." in a.body for a in articles)
    assert {a.category for a in articles} >= {c.value for c in ArticleCategory if c != ArticleCategory.ACTIVITY}
    with commune_scope(commune_a):
        assert list(ArticleTask.objects.values_list("task", flat=True)) == [task.pk]
    page = client.get("/tin-tuc/", HTTP_HOST="dinh-bien.localhost").content.decode()
    assert page.index("Trung tâm Phục vụ hành chính công") < page.index("không dùng tiền mặt")
    assert client.get("/lien-he/", HTTP_HOST="dinh-bien.localhost").status_code == 200
