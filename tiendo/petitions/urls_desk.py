"""/petitions/…: the desk's and the agencies' pages — the queue, the intake form, a petition's page with each
action posting to its own URL, and the attachments' downloads."""

from django.urls import path

from . import views_desk, views_petition

urlpatterns = [
    path("", views_desk.home, name="home"),
    path("queue/", views_desk.queue, name="queue"),
    path("new/", views_desk.create, name="create"),
    path("<int:pk>/", views_petition.detail, name="detail"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views_desk.attachment, name="attachment"),
    *[
        path(f"<int:pk>/{action}/", views_petition.act, {"action": action}, name=f"act_{action}")
        for action in views_petition.ACTIONS
    ],
]

NAV = [("queue", "Queue", "queue", "read_petitions")]
