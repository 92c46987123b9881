from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list, name="list"),
    path("tree/", views.agency_tree, name="tree"),
    path("units/", views.unit_list, name="units"),
    path("reorganisations/", views.reorganisation_list, name="reorganisations"),
    path("<str:code>/", views.agency_detail, name="detail"),
    path("<str:code>/edit/", views.agency_edit, name="edit"),
]
