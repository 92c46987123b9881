"""The countries an enquirer chooses from: Vietnam and the economies that invest most in it (by registered foreign
direct investment), then "another country". Kept here rather than a full ISO 3166 list: no
package in tiendo's environment carries country names in Vietnamese and Chinese, and an agency only needs to know
where an investor comes from. Values are ISO 3166-1 alpha-2 codes; "other" for any other country."""

from django.utils.translation import gettext_lazy as _

OTHER = "other"

COUNTRIES = (
    ("VN", _("Vietnam")),
    ("KR", _("South Korea")),
    ("SG", _("Singapore")),
    ("JP", _("Japan")),
    ("TW", _("Taiwan (China)")),
    ("HK", _("Hong Kong (China)")),
    ("CN", _("China")),
    ("NL", _("Netherlands")),
    ("US", _("United States")),
    ("TH", _("Thailand")),
    ("MY", _("Malaysia")),
    ("DE", _("Germany")),
    ("FR", _("France")),
    ("GB", _("United Kingdom")),
    ("AU", _("Australia")),
    ("IN", _("India")),
    ("CA", _("Canada")),
    ("ID", _("Indonesia")),
    ("CH", _("Switzerland")),
    ("DK", _("Denmark")),
    (OTHER, _("Another country")),
)


def name_of(code: str) -> str:
    return str(dict(COUNTRIES).get(code, code))
