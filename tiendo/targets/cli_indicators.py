"""`tiendo targets standing | save-indicator | save-term | set-target`: the year's targets page and the catalogue's,
terms' and targets' forms from the command line. The writes go through the pages' own forms (the same checks, the
same Vietnamese errors) and services (history, stale edits refused with --expect-version); the standing is the
page's (tiendo.targets.standing)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.management.base import CommandError
from django.http import Http404
from django.utils import timezone, translation

from tiendo.core import access

from . import services, standing
from .forms_indicators import IndicatorForm, TargetForm, TermForm
from .models import Indicator, Target, Term


def add_arguments(sub) -> None:
    shown = sub.add_parser("standing", help="the year's targets page: each indicator's target, latest value, status")
    shown.add_argument("--year", type=int, default=None, help="default: this year")
    shown.set_defaults(handler=do_standing)

    indicator = sub.add_parser("save-indicator", help="add an indicator to the catalogue, or change one")
    indicator.add_argument("code")
    indicator.add_argument("--name", help="its Vietnamese name (required for a new indicator)")
    indicator.add_argument("--name-en")
    indicator.add_argument("--name-zh")
    indicator.add_argument("--unit", choices=Indicator.Unit.values)
    indicator.add_argument("--direction", choices=Indicator.Direction.values)
    indicator.add_argument("--accumulates", choices=("yes", "no"), help="the year's value is the sum of its months")
    indicator.add_argument("--agency", help="the responsible agency's code ('' for none)")
    indicator.add_argument("--position", type=int)
    indicator.add_argument("--active", choices=("yes", "no"))
    indicator.add_argument("--description")
    indicator.set_defaults(handler=do_save_indicator)

    term = sub.add_parser("save-term", help="add a term (e.g. 2026 2030), or change its document")
    term.add_argument("first_year", type=int)
    term.add_argument("last_year", type=int)
    term.add_argument("--document", default=None, help="the deciding document")
    term.set_defaults(handler=do_save_term)

    target = sub.add_parser("set-target", help="set an indicator's target, or revise it (--reason)")
    target.add_argument("code", help="the indicator's code")
    target.add_argument("--kind", choices=Target.Kind.values, default=Target.Kind.YEAR)
    target.add_argument("--year", type=int, help="the year (year targets and term plans' years)")
    target.add_argument("--term", type=int, metavar="FIRST_YEAR", help="the term, by its first year")
    target.add_argument("--low", required=True, help="the target, or the lower end of a range (13,5 or 13.5)")
    target.add_argument("--high", default="", help="the upper end of a range")
    target.add_argument("--document", required=True, help="the deciding (or revising) document")
    target.add_argument("--decided-on", default="", help="dd/mm/yyyy")
    target.add_argument("--note", default="")
    target.add_argument("--reason", default="", help="why the target is revised (required for a revision)")
    target.set_defaults(handler=do_set_target)

    for parser in (shown, indicator, term, target):
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument("--as", dest="actor", default=None, help="the user who reads or changes")
        if parser is not shown:
            parser.add_argument("--expect-version", type=int, help="refuse if the record is no longer at this version")


def _refused(form) -> CommandError:
    lines = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        lines += [f"{label}: {error}" if label else str(error) for error in errors]
    return CommandError(" ".join(lines))


def _saved(command, options, form, service, **extra):
    """The form's record through its service, as the pages save it; a refusal in Vietnamese."""
    with translation.override("vi"):
        if not form.is_valid():
            raise _refused(form)
        try:
            record = form.save_with(service, actor=extra.pop("actor"), **extra)
        except PermissionDenied:
            raise CommandError("Không có quyền thay đổi chỉ tiêu, nhiệm kỳ, mục tiêu.") from None
        if record is None:
            raise _refused(form)
    return record


def _data_of(instance, fields) -> dict:
    """A form's data from the record as stored, the options then overriding it (an edit changes only what it names)."""
    data = {}
    for name in fields:
        value = getattr(instance, f"{name}_id" if name in ("responsible_agency", "term") else name, None)
        if isinstance(value, bool):
            value = "on" if value else ""
        data[name] = "" if value is None else str(value)
    return data


def do_standing(command, options) -> None:
    user = command.actor(options)
    year = options.get("year") or timezone.localdate().year
    if not access.can(user, "read_targets"):
        raise CommandError(f"Không có quyền xem chỉ tiêu: {user.username}.")
    with translation.override("vi"):
        rows = [
            {
                "code": row.indicator.code,
                "name": row.indicator.name,
                "target": row.target_shown,
                "target_low": None if row.target is None else float(row.target.low),
                "target_high": None if row.target is None or row.target.high is None else float(row.target.high),
                "term_target": row.term_target_shown,
                "latest_value": row.value_shown or None,
                "months": row.months or None,
                "estimate": row.estimate_shown or None,
                "status": row.status.value,
                "status_shown": f"{row.mark.shape} {row.mark.word}",
            }
            for row in standing.year_rows(year, user)
        ]
    text = "\n".join(
        f"{r['status_shown']:<24} {r['name']}: {r['target']}; {r['latest_value'] or '—'}"
        + (f" ({standing.months_text(r['months'])})" if r["months"] else "")
        for r in rows
    )
    command.emit(options, {"year": year, "indicators": rows}, text or f"Chưa có chỉ tiêu nào cho năm {year}.")


def do_save_indicator(command, options) -> None:
    user = command.actor(options)
    try:
        indicator = access.get_or_404(user, Indicator, code=options["code"])
    except Http404:
        indicator = Indicator()
    fields = IndicatorForm._meta.fields
    data = _data_of(indicator, fields) | {"code": options["code"]}
    for option, name in (("name", "name"), ("name_en", "name_en"), ("name_zh", "name_zh"), ("unit", "unit")):
        if options.get(option) is not None:
            data[name] = options[option]
    for option in ("direction", "description"):
        if options.get(option) is not None:
            data[option] = options[option]
    for option in ("accumulates", "active"):
        if options.get(option) is not None:
            data[option] = "on" if options[option] == "yes" else ""
    if options.get("position") is not None:
        data["position"] = str(options["position"])
    if options.get("agency") is not None:
        data["responsible_agency"] = _agency_pk(user, options["agency"])
    data["version"] = "" if options.get("expect_version") is None else str(options["expect_version"])
    form = IndicatorForm(data, instance=indicator if indicator.pk else None, user=user)
    saved = _saved(command, options, form, services.save_indicator, actor=user)
    command.emit(
        options,
        {"code": saved.code, "name": saved.name, "version": saved.version},
        f"Đã lưu chỉ tiêu {saved.code} (phiên bản {saved.version}).",
    )


def _agency_pk(user, code: str) -> str:
    if not code:
        return ""
    from tiendo.agencies.models import Agency

    agency = access.visible(user, Agency).filter(code=code).first()
    if agency is None:
        raise CommandError(f"Không có cơ quan mã '{code}'.")
    return str(agency.pk)


def do_save_term(command, options) -> None:
    user = command.actor(options)
    term = access.visible(user, Term).filter(first_year=options["first_year"]).first()
    data = {
        "first_year": str(options["first_year"]),
        "last_year": str(options["last_year"]),
        "document": options["document"] if options["document"] is not None else (term.document if term else ""),
        "version": "" if options.get("expect_version") is None else str(options["expect_version"]),
    }
    saved = _saved(command, options, TermForm(data, instance=term), services.save_term, actor=user)
    command.emit(
        options,
        {"term": str(saved), "first_year": saved.first_year, "last_year": saved.last_year, "version": saved.version},
        f"Đã lưu nhiệm kỳ {saved} (phiên bản {saved.version}).",
    )


def do_set_target(command, options) -> None:
    user = command.actor(options)
    try:
        indicator = access.get_or_404(user, Indicator, code=options["code"])
    except Http404:
        raise CommandError(f"Không có chỉ tiêu mã '{options['code']}'.") from None
    term = None
    if options.get("term") is not None:
        term = access.visible(user, Term).filter(first_year=options["term"]).first()
        if term is None:
            raise CommandError(f"Không có nhiệm kỳ bắt đầu năm {options['term']}.")
    kind = options["kind"]
    existing = Target.objects.filter(indicator=indicator, kind=kind)
    existing = existing.filter(term=term) if kind == Target.Kind.TERM else existing.filter(year=options.get("year"))
    target = existing.first() if (kind == Target.Kind.TERM and term) or options.get("year") else None
    data = {
        "kind": kind,
        "term": "" if term is None else str(term.pk),
        "year": "" if options.get("year") is None else str(options["year"]),
        "low": options["low"],
        "high": options["high"],
        "document": options["document"],
        "decided_on": options["decided_on"],
        "note": options["note"],
        "reason": options["reason"],
        "version": "" if options.get("expect_version") is None else str(options["expect_version"]),
    }
    if target is None:
        form = TargetForm(data, instance=Target(indicator=indicator))
        saved = _saved(command, options, form, services.save_target, actor=user)
    else:
        form = TargetForm(data, instance=target, revising=True)
        saved = _saved(command, options, form, services.save_target, actor=user, reason=options["reason"])
    command.emit(
        options,
        {
            "indicator": indicator.code,
            "kind": saved.kind,
            "year": saved.year,
            "term": str(saved.term) if saved.term else None,
            "target": standing.target_text(saved),
            "low": float(saved.low),
            "high": None if saved.high is None else float(saved.high),
            "document": saved.document,
            "revised": target is not None,
            "version": saved.version,
        },
        f"Đã {'điều chỉnh' if target is not None else 'đặt'} mục tiêu {indicator.code}: {standing.target_text(saved)}.",
    )
