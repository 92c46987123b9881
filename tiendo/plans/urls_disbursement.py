"""Routes of disbursement: import, S-curves, slow projects, transfers, dashboards."""

from django.urls import path

from . import views_disbursement as views

urlpatterns: list = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/card/", views.dashboard_card, name="dashboard_card"),
    path("<int:plan_id>/disbursement/", views.disbursement_plan, name="disbursement"),
    path("<int:plan_id>/disbursement/import/", views.disbursement_import, name="disbursement_import"),
    path("<int:plan_id>/disbursement/import/template.xlsx", views.disbursement_template, name="disbursement_template"),
    path("<int:plan_id>/disbursement/slow/", views.disbursement_slow, name="disbursement_slow"),
    path("<int:plan_id>/disbursement/transfer/", views.disbursement_transfer, name="disbursement_transfer"),
    path(
        "<int:plan_id>/disbursement/transfer/<int:version_id>/",
        views.disbursement_transfer_result,
        name="disbursement_transfer_result",
    ),
    # project codes last: "import", "slow" and "transfer" are not codes
    path("<int:plan_id>/disbursement/<str:code>/", views.disbursement_project, name="disbursement_project"),
]
