"""Overdue petitions in the agencies' traffic lights (tiendo.directives.reports.EXTRA_COUNTS): a petition counts
for its responsible agency in a period when it was received by the period's end and was still owed an answer in
it; it is overdue at the end of the judged day when its answer deadline had passed without an answer (the clock
paused while the enterprise owes information is not the agency's delay)."""

from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tiendo.directives.reports import ExtraCount
from tiendo.domain.petitions.states import ANSWERED, CLOCK_PAUSED, OPEN

from .models import Petition

_OPEN = [state.value for state in OPEN]
_RUNNING = [state.value for state in OPEN - CLOCK_PAUSED]
_ANSWERED = [state.value for state in ANSWERED]


def count_by_agency(period, day: date, agency_ids=None) -> dict[int, tuple[int, int]]:
    """{agency_id: (counted, overdue)} in one grouped query."""
    petitions = Petition.objects.filter(agency__isnull=False, received_on__lte=period.end).filter(
        Q(state__in=_OPEN) | Q(state__in=_ANSWERED, answered_on__gte=period.start)
    )
    if agency_ids is not None:
        petitions = petitions.filter(agency_id__in=agency_ids)
    late = Q(due_on__lt=day) & (
        Q(state__in=_RUNNING, received_on__lte=day) | Q(state__in=_ANSWERED, answered_on__gt=day)
    )
    rows = petitions.order_by().values("agency").annotate(counted=Count("pk"), overdue=Count("pk", filter=late))
    return {row["agency"]: (row["counted"], row["overdue"]) for row in rows}


OVERDUE_PETITIONS = ExtraCount(
    name="petitions",
    label=_("Overdue petitions"),
    label_vi="Kiến nghị quá hạn",
    count=count_by_agency,
)
