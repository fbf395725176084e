"""Articles built the way the admin and the demo build them: a page under the commune's news list,
published through a revision."""

from __future__ import annotations

from cchc.communes.scoping import commune_scope
from cchc.portal.models import ArticleCategory, ArticlePage, ArticleTask, NewsIndexPage


def news_of(commune) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(commune.root_page).get()


def publish_article(
    commune, title, *, category=ArticleCategory.CCHC, tags=(), task=None, image=None, audio=None,
    summary="Tóm tắt của bài.", body="<p>Nội dung bài viết.</p>", publish=True,
) -> ArticlePage:  # fmt: skip
    with commune_scope(commune):
        article = ArticlePage(
            title=title, summary=summary, body=body, category=category, image=image, audio=audio, live=False
        )
        if task is not None:
            article.task_links.add(ArticleTask(commune=commune, task=task))
        news_of(commune).add_child(instance=article)
        for tag in tags:
            article.tags.add(tag)
        revision = article.save_revision()
        if publish:
            revision.publish()
        article.refresh_from_db()
        return article
