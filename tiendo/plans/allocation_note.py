"""The sentence under a version's budget table about its last allocation, right for every record: a run on the
web or the command line (who, when, how many projects, how long), lines written by the demo or an import (no run:
no actor, count or duration to print), or an older record missing some of these."""

from datetime import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tiendo.accounts.models import User
from tiendo.core.templatetags.tiendo import number


def _when(summary: dict) -> str:
    try:
        moment = datetime.fromisoformat(summary["run_at"])
    except (KeyError, TypeError, ValueError):
        return ""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment, "SHORT_DATETIME_FORMAT")


def _who(summary: dict) -> str:
    username = summary.get("by") or ""
    if not username:
        return ""
    user = User.objects.filter(username=username).only("full_name", "username").first()
    return (user.full_name or user.username) if user else username


def allocation_note(summary: dict | None) -> str:
    """ "" when the version was never allocated."""
    if not summary:
        return ""
    when, who = _when(summary), _who(summary)
    if not who and summary.get("generated_by"):
        return _("The lines of this version come with the demo data: no allocation has been run on it yet.")
    parts = []
    if who and when:
        parts.append(_("Last allocation by %(who)s on %(when)s.") % {"who": who, "when": when})
    elif who:
        parts.append(_("Last allocation by %(who)s.") % {"who": who})
    elif when:
        parts.append(_("Last allocation on %(when)s.") % {"when": when})
    else:
        parts.append(_("This version was allocated by a run that recorded no details."))
    if summary.get("projects") is not None and summary.get("seconds") is not None:
        parts.append(
            _("%(n)s projects in %(seconds)s s.")
            % {"n": number(summary["projects"]), "seconds": number(Decimal(str(summary["seconds"])), 1)}
        )
    elif summary.get("projects") is not None:
        parts.append(_("%(n)s projects.") % {"n": number(summary["projects"])})
    if summary.get("manual_lines"):
        parts.append(_("%(n)s lines set by hand kept.") % {"n": number(summary["manual_lines"])})
    return " ".join(parts)
