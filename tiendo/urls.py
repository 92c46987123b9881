from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from tiendo.api.api import api
from tiendo.overview import views as overview_views
from tiendo.portal import pages_home as portal_home

urlpatterns = [
    path("", overview_views.home, name="home"),
    path("healthz", overview_views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html"),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change.html", extra_context={"done": True}
        ),
        name="password_change_done",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("agencies/", include("tiendo.agencies.urls")),
    path("enterprises/", include("tiendo.enterprises.urls")),
    path("projects/", include("tiendo.projects.urls")),
    path("reviews/", include("tiendo.reviews.urls")),
    path("plans/", include("tiendo.plans.urls")),
    path("targets/", include("tiendo.targets.urls")),
    path("petitions/", include("tiendo.petitions.urls")),
    path("workdays/", include("tiendo.workdays.urls")),
    path("jobs/", include("tiendo.jobs.urls")),
    path("portal/", include("tiendo.portal.urls")),
    path("open-data/", include("tiendo.portal.urls_files")),
    path("sitemap.xml", portal_home.sitemap_xml, name="sitemap"),
    path("", include("tiendo.directives.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]
# The public portal: Vietnamese without a prefix, English under /en/, Chinese under /zh-hans/. Listed last, so an
# internal page keeps its address; the site's root is the portal's home for a visitor who has not signed in.
urlpatterns += i18n_patterns(path("", include("tiendo.portal.urls_public")), prefix_default_language=False)

admin.site.site_header = admin.site.site_title = "tiendo"
