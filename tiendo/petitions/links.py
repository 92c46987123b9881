"""Where a petition's page is, for notifications and the panels of other pages: the desk's page (an investor who
opens it is sent on to its own page of the petition)."""

from django.urls import reverse


def petition_path(petition) -> str:
    return reverse("petitions:detail", args=[petition.pk])
