"""/workdays/: a year's working-day calendar — the statutory holidays (the `holidays` library, named in Vietnamese)
and the days the Government declared, with their documents — for everyone signed in (deadlines count on it); an
administrator declares a day and removes one with a reason. Thin views over listing.py and services.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tiendo.audit.versions import StaleVersion
from tiendo.core import access

from .forms import DeclaredDayForm, RemoveDayForm
from .listing import year_days
from .models import DeclaredDay
from .services import delete_declared_day, save_declared_day

YEARS = range(2000, 2101)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year
    return year if year in YEARS else timezone.localdate().year


def _page(request, year: int, form=None, status: int = 200):
    can_manage = access.can(request.user, "manage_calendar")
    days = year_days(year)
    context = {
        "year": year,
        "days": days,
        "previous": year - 1 if year - 1 in YEARS else None,
        "next": year + 1 if year + 1 in YEARS else None,
        "holidays": sum(d.kind == "holiday" for d in days),
        "declared": sum(d.kind != "holiday" for d in days),
        "can_manage": can_manage,
        "form": form or (DeclaredDayForm() if can_manage else None),
    }
    return render(request, "workdays/calendar.html", context, status=status)


@require_GET
def calendar(request):
    access.require(request.user, "signed_in")
    return _page(request, _year(request))


@require_POST
def add(request):
    access.require(request.user, "manage_calendar")
    year = _year(request)
    form = DeclaredDayForm(request.POST)
    if not form.is_valid():
        return _page(request, year, form, status=400)
    data = form.cleaned_data
    record = DeclaredDay(
        day=data["day"], kind=data["kind"], name=data["name"], document=data["document"], note=data["note"]
    )
    try:
        save_declared_day(record, actor=request.user, reason=data["note"])
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, year, form, status=400)
    messages.success(request, _("Added %(day)s: %(name)s.") % {"day": f"{record.day:%d/%m/%Y}", "name": record.name})
    return redirect(f"{reverse('workdays:calendar')}?year={record.day.year}")


@require_POST
def remove(request, pk: int):
    access.require(request.user, "manage_calendar")
    record = access.get_or_404(request.user, DeclaredDay, pk=pk)
    form = RemoveDayForm(request.POST)
    target = f"{reverse('workdays:calendar')}?year={record.day.year}"
    if not form.is_valid():
        messages.error(request, _("Say why the day is removed."))
        return redirect(target)
    version = form.cleaned_data["version"]
    try:
        if version is not None and version != record.version:
            raise StaleVersion(record, version, record.version, [])
        delete_declared_day(record, actor=request.user, reason=form.cleaned_data["reason"])
    except StaleVersion:
        messages.error(request, _("Someone changed this day after you opened the page: check it and try again."))
        return redirect(target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(target)
    messages.success(request, _("Removed %(day)s from the calendar.") % {"day": f"{record.day:%d/%m/%Y}"})
    return redirect(target)
