"""/targets/: the year's targets, each indicator's page, and the forms of the catalogue, terms and targets."""

from django.urls import path

from . import views_indicators as views

urlpatterns = [
    path("", views.year_targets, name="year"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:code>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<slug:code>/targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/revise/", views.target_revise, name="target_revise"),
    path("terms/new/", views.term_create, name="term_create"),
    path("terms/<int:pk>/edit/", views.term_edit, name="term_edit"),
]
