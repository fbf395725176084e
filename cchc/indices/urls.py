from django.urls import path

from . import views

app_name = "indices"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("<slug:kind>/", views.index_detail, name="detail"),
]
