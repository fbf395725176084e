"""Public radio pages: the archive (/truyen-thanh/), one broadcast with its feedback form, the podcast feed."""

from django.urls import path  # noqa: F401

app_name = "broadcasts"

urlpatterns: list = []
