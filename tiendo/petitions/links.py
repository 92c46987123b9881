"""Where a petition's page is, for notifications and the panels of other pages. The desk's page names it; until a
page module of PARTS serves one, a petition has no link (the panels show its number without one)."""

from django.urls import NoReverseMatch, reverse

# (url name, which field of the petition fills its one argument), tried in order
PAGE_NAMES: tuple[tuple[str, str], ...] = (
    ("petitions:detail", "pk"),
    ("petitions:petition", "pk"),
    ("petitions:detail", "number"),
    ("petitions:petition", "number"),
)


def petition_path(petition) -> str:
    for name, attribute in PAGE_NAMES:
        try:
            return reverse(name, args=[getattr(petition, attribute)])
        except NoReverseMatch:
            continue
    return ""
