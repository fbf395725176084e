from django.urls import path

from . import views

app_name = "procedures"

urlpatterns = [
    path("", views.index, name="index"),
    path("niem-yet.pdf", views.all_posting_sheets, name="all_sheets"),
    path("linh-vuc/<slug:slug>/", views.field_list, name="field"),
    path("linh-vuc/<slug:slug>/niem-yet.pdf", views.field_posting_sheets, name="field_sheets"),
    path("linh-vuc/<slug:slug>/to-gap.pdf", views.field_leaflet, name="field_leaflet"),
    path("su-kien/<slug:slug>/", views.life_event_list, name="life_event"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/niem-yet.pdf", views.posting_sheet, name="sheet"),
    path("<slug:slug>/mau/<slug:form_slug>.docx", views.form_download, name="form"),
]
