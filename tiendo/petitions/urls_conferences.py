"""/petitions/conferences/…: the dialogue conferences, their questions, conclusion and follow-up."""

from django.urls import path
from django.utils.translation import gettext_noop

from . import views_conferences as views

urlpatterns = [
    path("conferences/", views.conference_list, name="conferences"),
    path("conferences/new/", views.conference_edit, name="conference_create"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference"),
    path("conferences/<int:pk>/edit/", views.conference_edit, name="conference_edit"),
    path("conferences/<int:pk>/questions/add/", views.question_add, name="conference_question_add"),
    path("conferences/<int:pk>/questions/link/", views.question_link, name="conference_question_link"),
    path(
        "conferences/<int:pk>/questions/<int:petition>/spot-answer/",
        views.spot_answer,
        name="conference_spot_answer",
    ),
    path("conferences/<int:pk>/conclusion/", views.conclusion, name="conference_conclusion"),
    path("conferences/<int:pk>/follow-up/", views.followup, name="conference_followup"),
]

NAV = [("conferences", gettext_noop("Dialogue conferences"), "conferences", "read_conferences")]
