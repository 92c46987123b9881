"""/targets/alerts/…: the proposed alerts, sending and dismissing them, the components' agencies, and the
projects an indicator depends on (the links panel's forms)."""

from django.urls import path

from . import views_alerts as views

urlpatterns = [
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/check/", views.alert_check, name="alert_check"),
    path("alerts/agencies/", views.component_agencies, name="alert_agencies"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert"),
    path("alerts/<int:pk>/send/", views.alert_send, name="alert_send"),
    path("alerts/<int:pk>/dismiss/", views.alert_dismiss, name="alert_dismiss"),
    path("indicators/<slug:code>/projects/add/", views.link_add, name="link_add"),
    path("indicator-projects/<int:pk>/remove/", views.link_remove, name="link_remove"),
]
