from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.round_list, name="list"),
    path("new/", views.round_open, name="open"),
    path("scan/", views.scan_now, name="scan"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/confirm-all/", views.round_confirm_all, name="confirm_all"),
    path("<int:pk>/submit/", views.round_submit, name="submit"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="xlsx"),
    path("<int:pk>/brief.pdf", views.brief_pdf, name="pdf"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/decide/", views.item_decide, name="item_decide"),
]
