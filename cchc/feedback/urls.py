"""Citizens' questions, feedback and complaints, under ``/phan-anh-kien-nghi/`` of the commune's site."""

from django.urls import path

from . import public_views as views

app_name = "feedback"

urlpatterns = [
    path("", views.send, name="send"),
    path("tra-cuu/", views.look_up, name="look_up"),
    path("ma/<str:code>/", views.track, name="track"),
    path("hoi-dap/", views.answers, name="answers"),
    path("hoi-dap/<int:pk>/", views.answer, name="answer"),
]
