"""Citizens' contest pages, under ``/cuoc-thi/`` of the commune's own site."""

from django.urls import path

from . import public_results
from . import public_views as views

app_name = "contests"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.contest_page, name="contest"),
    path("<slug:slug>/bai/<str:token>/", views.paper, name="paper"),
    path("<slug:slug>/dot-<int:number>/ket-qua/", public_results.winners, name="results"),
]
