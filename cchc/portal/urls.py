from django.urls import path

from . import feeds, sitemaps, views

app_name = "portal"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("rss.xml", feeds.NewsFeed(), name="rss"),
    path("atom.xml", feeds.AtomNewsFeed(), name="atom"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
]
