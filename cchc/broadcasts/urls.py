"""Public radio pages: the archive (/truyen-thanh/), one broadcast with its feedback form, the podcast feed."""

from django.urls import path

from . import public_views as views
from .feeds import PodcastFeed

app_name = "broadcasts"

urlpatterns = [
    path("", views.index, name="index"),
    path("podcast.xml", PodcastFeed(), name="podcast"),
    path("<int:script_id>/", views.detail, name="detail"),
    path("<int:script_id>/am-thanh.<str:extension>", views.audio, name="audio"),
    path("<int:script_id>/da-nhan/<str:ticket>/", views.receipt, name="receipt"),
]
