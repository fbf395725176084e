"""Citizens' survey pages, under ``/khao-sat/`` of the commune's own site."""

from django.urls import path

from . import public_views as views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("phieu-qr.pdf", views.qr_slips, name="slips"),
    path("<int:campaign_id>/", views.campaign_form, name="form"),
    path("<int:campaign_id>/cam-on/<str:ticket>/", views.receipt, name="receipt"),
    path("quay/<str:kiosk_token>/", views.kiosk, name="kiosk"),
    path("quay/<str:kiosk_token>/cam-on/<str:ticket>/", views.kiosk_receipt, name="kiosk_receipt"),
]
