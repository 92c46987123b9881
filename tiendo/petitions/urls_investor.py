"""The enterprise's petitions (/petitions/mine/…) and the translator's page (/petitions/<pk>/translate/). No
section-navigation entry: the investor reaches its petitions from the menu, its home and its enterprise's page."""

from django.urls import path

from . import views_investor, views_translation

urlpatterns = [
    path("mine/", views_investor.mine, name="mine"),
    path("mine/new/", views_investor.submit, name="submit"),
    path("mine/<int:pk>/", views_investor.my_petition, name="my_petition"),
    path("mine/<int:pk>/reply/", views_investor.my_reply, name="my_reply"),
    path("mine/<int:pk>/rate/", views_investor.my_rate, name="my_rate"),
    path("mine/<int:pk>/reopen/", views_investor.my_reopen, name="my_reopen"),
    path("mine/<int:pk>/withdraw/", views_investor.my_withdraw, name="my_withdraw"),
    path("mine/<int:pk>/files/<int:attachment_pk>/", views_investor.my_attachment, name="my_attachment"),
    path("<int:pk>/translate/", views_translation.translate, name="translate"),
]
