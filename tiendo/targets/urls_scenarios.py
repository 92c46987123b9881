"""Routes of the GRDP scenario: a year's versions and table, the summary paragraph, editing, adoption, revision and
the Excel export."""

from django.urls import path

from . import views_scenarios as views

urlpatterns = [
    path("scenarios/", views.scenario_list, name="scenarios"),
    path("scenarios/new/", views.scenario_new, name="scenario_new"),
    path("scenarios/<int:year>/", views.scenario_year, name="scenario_year"),
    path("scenarios/<int:year>/summary/<int:months>/", views.scenario_summary, name="scenario_summary"),
    path("scenarios/version/<int:pk>/edit/", views.scenario_edit, name="scenario_edit"),
    path("scenarios/version/<int:pk>/adopt/", views.scenario_adopt, name="scenario_adopt"),
    path("scenarios/version/<int:pk>/revise/", views.scenario_revise, name="scenario_revise"),
    path("scenarios/version/<int:pk>/scenario.xlsx", views.scenario_export, name="scenario_export"),
]
