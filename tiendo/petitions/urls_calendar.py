"""The working-day calendar (tiendo.workdays, /workdays/) in the petitions' section navigation: the deadlines are
counted on it. No page of its own here."""

from django.utils.translation import gettext_noop

urlpatterns: list = []

NAV = [("calendar", gettext_noop("Working-day calendar"), "workdays:calendar", "read_petitions")]
