"""Plans' pages; each part of the app keeps its own routes beside its views."""

from . import urls_disbursement, urls_plans

app_name = "plans"
urlpatterns = urls_plans.urlpatterns + urls_disbursement.urlpatterns
