"""Login throttling with django-axes: what the login page says when a user name or an address is locked, and the
administrator's unlock. Axes counts the failures and decides; tiendo only words the answer and keeps the form."""

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def lockout_message() -> str:
    minutes = cool_off_minutes()
    if minutes:
        return ngettext(
            "Too many failed logins: signing in with this user name or from this computer is locked for %(minutes)d "
            "minute. Try again later, or ask an administrator to unlock it.",
            "Too many failed logins: signing in with this user name or from this computer is locked for %(minutes)d "
            "minutes. Try again later, or ask an administrator to unlock it.",
            minutes,
        ) % {"minutes": minutes}
    return _(
        "Too many failed logins: signing in with this user name or from this computer is locked until an "
        "administrator unlocks it."
    )


def cool_off_minutes() -> int:
    cool_off = settings.AXES_COOLOFF_TIME
    return int(cool_off.total_seconds() // 60) if cool_off else 0


def lockout_response(request, original_response=None, credentials=None):
    """The login page again, with the lockout said in the page's language and the user name kept (status 429)."""
    form = AuthenticationForm(request, initial={"username": (credentials or {}).get("username", "")})
    context = {"form": form, "lockout_message": lockout_message(), "next": request.POST.get("next", "")}
    return render(request, "registration/login.html", context, status=429)


def failures() -> list[dict]:
    """The failures that still count (within the cool-off), summed by user name and by address, as axes sums them."""
    from axes.models import AccessAttempt
    from django.db.models import Max, Sum
    from django.utils import timezone

    attempts = AccessAttempt.objects.all()
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    rows = []
    for field in ("username", "ip_address"):
        grouped = attempts.exclude(**{f"{field}__isnull": True}).values(field)
        for row in grouped.annotate(n=Sum("failures_since_start"), last=Max("attempt_time")).order_by("-last"):
            rows.append(
                {
                    "by": field,
                    "value": row[field],
                    "failures": row["n"],
                    "last_attempt": row["last"],
                    "locked": field in settings.AXES_LOCKOUT_PARAMETERS and row["n"] >= settings.AXES_FAILURE_LIMIT,
                }
            )
    return rows


def unlock(*, username: str | None = None, ip_address: str | None = None) -> int:
    """Forget the failures of a user name or of an address (axes' own reset); the number of records removed."""
    from axes.utils import reset

    return reset(ip=ip_address, username=username)
