from django.urls import path

from . import views, views_extract, views_notifications, views_reports

app_name = "directives"
urlpatterns = [
    # directives and the task board (views.py)
    path("directives/", views.directive_list, name="list"),
    path("directives/new/", views.directive_edit, name="create"),
    path("directives/<int:pk>/", views.directive_detail, name="detail"),
    path("directives/<int:pk>/edit/", views.directive_edit, name="edit"),
    path("directives/<int:pk>/delete/", views.directive_delete, name="delete"),
    path("tasks/", views.task_board, name="board"),
    path("tasks/mine/", views.my_tasks, name="mine"),
    path("tasks/new/", views.task_edit, name="task_create"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("tasks/<int:pk>/progress/", views.task_progress, name="task_progress"),
    path("tasks/<int:pk>/extend/", views.task_extend, name="task_extend"),
    path("tasks/<int:pk>/reopen/", views.task_reopen, name="task_reopen"),
    path("tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("tasks/<int:pk>/updates/<int:update_pk>/file/", views.update_attachment, name="update_attachment"),
    path("extensions/<int:pk>/decide/", views.extension_decide, name="extension_decide"),
    # meeting text -> proposed tasks (views_extract.py)
    path("directives/extract/", views_extract.extract, name="extract"),
    path("directives/<int:pk>/extract/", views_extract.extract, name="extract_into"),
    # summary table and traffic lights (views_reports.py)
    path("tasks/summary/", views_reports.summary, name="summary"),
    path("tasks/summary.xlsx", views_reports.summary_xlsx, name="summary_xlsx"),
    path("tasks/lights/", views_reports.lights, name="lights"),
    # notifications (views_notifications.py)
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path("notifications/read/", views_notifications.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", views_notifications.notification_read, name="notification_read"),
]
