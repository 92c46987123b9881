from django.urls import path

from . import views, views_import

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.project_create, name="create"),
    path("export/", views_import.export_download, name="export"),
    path("import/", views_import.import_upload, name="import"),
    path("import/template/", views_import.import_template, name="import_template"),
    path("import/<int:pk>/", views_import.import_status, name="import_status"),
    path("import/<int:pk>/rejected/", views_import.import_rejected, name="import_rejected"),
    path("<str:code>/", views.project_detail, name="detail"),
    path("<str:code>/edit/", views.project_edit, name="edit"),
    path("<str:code>/delete/", views.project_delete, name="delete"),
    path("<str:code>/milestones/new/", views.milestone_edit, name="milestone_create"),
    path("<str:code>/milestones/<int:pk>/", views.milestone_edit, name="milestone_edit"),
    path("<str:code>/milestones/<int:pk>/adjust/", views.milestone_adjust, name="milestone_adjust"),
    path("<str:code>/report/", views.progress_report, name="report"),
    path("<str:code>/documents/new/", views.document_upload, name="document_upload"),
    path("<str:code>/documents/<int:pk>/", views.document_download, name="document"),
]
