"""Routes of plans, versions, allocation, checks, comparison and exports."""

from django.urls import path

from . import views

urlpatterns: list = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/adjust/", views.plan_adjust, name="adjust"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("versions/<int:pk>/budgets/", views.version_budgets, name="budgets"),
    path("versions/<int:pk>/run/", views.version_run, name="run"),
    path("versions/<int:pk>/checks/", views.version_checks, name="checks"),
    path("versions/<int:pk>/compare/", views.version_compare, name="compare"),
    path("versions/<int:pk>/approve/", views.version_approve, name="approve"),
    path("versions/<int:pk>/discard/", views.version_discard, name="discard"),
    path("versions/<int:pk>/export.xlsx", views.export_xlsx, name="xlsx"),
    path("versions/<int:pk>/tables.pdf", views.tables_pdf, name="pdf"),
    path("items/<int:pk>/", views.item_detail, name="item"),
]
