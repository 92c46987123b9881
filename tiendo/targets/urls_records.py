"""/targets/records/…: the statistics release import (upload, preview, confirm), its template, hand entry."""

from django.urls import path

from . import views_records as views

urlpatterns: list = [
    path("records/", views.records, name="records"),
    path("records/template.xlsx", views.records_template, name="records_template"),
    path("records/import/<int:job_id>/", views.records_preview, name="records_preview"),
    path("records/quarter/", views.records_quarter, name="records_quarter"),
    path("records/value/", views.records_value, name="records_value"),
]
