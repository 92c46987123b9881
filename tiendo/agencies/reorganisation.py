"""Merging agencies or administrative units: end the old ones, hand every open record to the successor.

Each app registers the records that stay "open" (a task not done, an active user, a unit still in force).
Closed records keep the agency of their time, so reports of past periods stay as they were.
"""

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from tiendo.audit.bulk_records import add_history, update_records
from tiendo.audit.models import acted_by
from tiendo.audit.versions import claim_version, with_versions_moved
from tiendo.domain import organisation

from .models import AdminUnit, Agency, Reorganisation
from .open_work import registered_open_work


def moves_of(label: str, after: date) -> list[organisation.Move]:
    """Every move of `label` records by reorganisations effective after `after`."""
    found = []
    for effective, moves in Reorganisation.objects.filter(effective__gt=after).values_list("effective", "moves"):
        found += [organisation.Move(effective, record, previous) for record, previous in moves.get(label, [])]
    return found


class ReorganisationError(ValueError):
    def __init__(self, problems: Sequence[organisation.MergeProblem]):
        self.problems = list(problems)
        super().__init__(" ".join(problem_message(p) for p in self.problems))


def problem_message(problem: organisation.MergeProblem) -> str:
    messages = {
        "no_sources": _("Choose at least one agency to merge."),
        "no_decision": _("Give the deciding document (number and date)."),
        "target_not_valid": _("The successor %(code)s does not exist on the effective date."),
        "target_is_source": _("%(code)s cannot be merged into itself."),
        "source_already_ended": _("%(code)s has already ended or been merged."),
        "source_starts_after_merge": _("%(code)s starts on or after the effective date."),
    }
    return messages[problem.code] % {"code": problem.agency_code}


def merge_agencies(
    sources: Sequence[Agency], target: Agency, effective: date, decision: str, *, actor, note: str = ""
) -> Reorganisation:
    return _merge(Agency, sources, target, effective, decision, actor, note)


def merge_units(
    sources: Sequence[AdminUnit], target: AdminUnit, effective: date, decision: str, *, actor, note: str = ""
) -> Reorganisation:
    return _merge(AdminUnit, sources, target, effective, decision, actor, note)


@transaction.atomic
def _merge(model, sources, target, effective: date, decision: str, actor, note: str) -> Reorganisation:
    """End `sources` the day before `effective` and move their open records to `target`."""
    sources = list(model.objects.select_for_update().filter(pk__in=[s.pk for s in sources]).order_by("code"))
    target = model.objects.get(pk=target.pk)
    problems = organisation.merge_problems([s.facts for s in sources], target.facts, effective, decision)
    if problems:
        raise ReorganisationError(problems)

    reason = _("Merged into %(target)s under %(decision)s") % {
        "target": target.name,
        "decision": decision.strip(),
    }
    for source in sources:
        source.valid_to = organisation.last_day_before(effective)
        source.successor = target
        claim_version(source, None)
        acted_by(source, actor, reason).save()

    source_ids = [s.pk for s in sources]
    moved: dict[str, int] = {}
    moves: dict[str, list[list[int | None]]] = {}
    for work in registered_open_work():
        if work.points_to is not model:
            continue
        queryset = work.model._default_manager.filter(work.open_filter, **{f"{work.field}__in": source_ids})
        if work.model is model:
            queryset = queryset.exclude(pk=target.pk)
        records = list(queryset.select_for_update())
        moves[work.label] = [[record.pk, getattr(record, f"{work.field}_id")] for record in records]
        for record in records:
            setattr(record, work.field, target)
        fields = with_versions_moved(records, work.model, [work.field])  # a form read before is stale after
        if records:  # one UPDATE a record and COPY'd history rows: a CASE over thousands of rows took seconds
            update_records(work.model, records, fields)
            add_history(work.model, records, history_type="~", actor=actor, reason=reason)
        moved[work.label] = len(records)

    is_agency = model is Agency
    reorganisation = Reorganisation.objects.create(
        subject=Reorganisation.Subject.AGENCY if is_agency else Reorganisation.Subject.UNIT,
        effective=effective,
        decision=decision.strip(),
        note=note,
        moved=moved,
        moves=moves,
        performed_by=actor,
        target_agency=target if is_agency else None,
        target_unit=None if is_agency else target,
    )
    reorganisation.sources.set(sources)
    return reorganisation
