"""/workdays/: the working-day calendar and the administrator's changes to it."""

from django.urls import path

from . import views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("add/", views.add, name="add"),
    path("<int:pk>/remove/", views.remove, name="remove"),
]
