"""/petitions/agencies/ and /petitions/report/: the per-agency table for any period and Decree 20's six-monthly
report, each with its workbook."""

from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("agencies/", views.agencies, name="agencies"),
    path("agencies/xlsx/", views.agencies_xlsx, name="agencies_xlsx"),
    path("report/", views.half_year, name="report"),
    path("report/xlsx/", views.half_year_xlsx, name="report_xlsx"),
]

NAV = [
    ("agencies", "By agency", "agencies", "read_petition_reports"),
    ("report", "Six-monthly report", "report", "read_petition_reports"),
]
