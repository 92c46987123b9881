"""The demo's petitions: every state present, consistent in time (nothing before receipt, nothing after today),
agencies of their day, the conferences' commitments in their conclusion directives, the calendar loaded, and the
same data twice."""

from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from tiendo.demo import generate
from tiendo.demo.petitions import conferences as demo_conferences
from tiendo.directives.models import Directive, Task
from tiendo.petitions.models import Conference, Petition, State, StateChange
from tiendo.workdays.loading import read_rows
from tiendo.workdays.models import DeclaredDay

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo province, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = generate.load("test", seed=7, progress=lambda _m: None)
        yield counts
        transaction.set_rollback(True)


def test_counts_name_what_the_phase_wrote(demo):
    counts = demo["petitions"]
    assert counts["petitions"] == Petition.objects.count() >= 100
    assert counts["declared_days"] == DeclaredDay.objects.count() == len(read_rows())
    assert counts["conferences"] == Conference.objects.count() == 2
    assert "petitions" in demo["phases"]


def test_every_state_is_present(demo):
    states = Counter(Petition.objects.values_list("state", flat=True))
    assert set(states) == set(State.values), set(State.values) - set(states)
    assert states[State.CLOSED] > states[State.IN_PROGRESS]
    assert Petition.objects.filter(reopen_count=1).exists()
    assert Petition.objects.filter(rating="not_satisfied").exists()
    assert Petition.objects.filter(is_complaint=True, state=State.REJECTED).exclude(redirect_note="").exists()
    for merged in Petition.objects.filter(state=State.MERGED).select_related("merged_into"):
        assert merged.merged_into.state != State.MERGED
        if merged.merged_into.answer:
            assert merged.answer == merged.merged_into.answer


def test_dates_are_consistent(demo):
    today = timezone.localdate()
    for petition in Petition.objects.prefetch_related("changes", "pauses"):
        assert petition.received_on <= today
        if petition.answered_on:
            assert petition.received_on <= petition.answered_on <= today
        if petition.published_on and not petition.reopen_count:  # the first answer was published
            assert petition.answered_on <= petition.published_on <= today
        if petition.rated_on and not petition.reopen_count:  # a reopened one keeps its first rating
            assert petition.answered_on <= petition.rated_on
        if petition.closed_on:
            assert petition.received_on <= petition.closed_on <= today
        days = [change.day for change in petition.changes.all()]
        assert days == sorted(days) and days[0] == petition.received_on and days[-1] <= today
        assert petition.changes.last().to_state == petition.state
        for pause in petition.pauses.all():
            assert petition.received_on <= pause.started_on <= (pause.ended_on or today)
    # the history is dated on the day of each move, not the day the demo ran
    change = StateChange.objects.order_by("day").first()
    assert timezone.localtime(change.at).date() == change.day


def test_some_are_late_and_some_still_open_past_their_deadline(demo):
    today = timezone.localdate()
    late = [p for p in Petition.objects.exclude(answered_on=None) if p.due_on and p.answered_on > p.due_on]
    assert late
    overdue = Petition.objects.open().filter(due_on__lt=today)
    assert overdue.count() >= 5
    assert overdue.filter(escalation_task__isnull=True).exists()  # left for the escalation run


def test_agencies_are_those_of_their_day(demo):
    for petition in Petition.objects.exclude(agency=None).select_related("agency"):
        agency = petition.agency
        last = petition.closed_on or petition.answered_on or petition.received_on
        assert agency.valid_to is None or last <= agency.valid_to, (petition.number, agency.code)


def test_foreign_enterprises_petitions_carry_translations(demo):
    foreign = Petition.objects.exclude(enterprise__country="VN").exclude(enterprise=None)
    assert foreign.exclude(text_en="").exists()
    assert foreign.exclude(text_zh="").exists()
    assert foreign.exclude(answer_en="").exists()


def test_conferences_have_questions_and_their_commitments(demo):
    for conference in Conference.objects.select_related("conclusion"):
        questions = Petition.objects.filter(conference=conference)
        assert questions.filter(channel="conference").count() == questions.count() >= 5
        assert questions.filter(raised_on_the_day=True).exclude(spot_answer="").exists()
        directive = conference.conclusion
        assert directive.kind == Directive.Kind.CONCLUSION and directive.issued_on > conference.held_on
        tasks = Task.objects.filter(directive=directive)
        spec = next(s for s in demo_conferences.CONFERENCES if s.title == conference.title)
        assert tasks.count() == len(spec.commitments)
    tasks = Task.objects.filter(directive__in=Conference.objects.values("conclusion"))
    assert tasks.filter(completed_on__isnull=False).exists()
    assert tasks.filter(completed_on__isnull=True).exists()
    assert any(t.completed_on and t.completed_on > t.deadline for t in tasks)


def test_the_same_seed_gives_the_same_petitions(demo):
    first = list(Petition.objects.order_by("number").values_list("number", "state", "received_on", "title"))
    with transaction.atomic():
        Petition.objects.update(merged_into=None, conference=None, state=State.RECEIVED)
        for model in (Petition, Conference):
            model.objects.all().delete()
        DeclaredDay.objects.all().delete()
        from tiendo.accounts.models import User
        from tiendo.demo import petitions

        User.objects.filter(username__startswith="dn", role="investor").delete()
        for directive in Directive.objects.filter(
            kind=Directive.Kind.CONCLUSION, number__in=["412/TB-UBND", "287/TB-UBND"]
        ):
            Task.objects.filter(directive=directive).delete()
        petitions.load(7, old=60, password=generate.DEMO_PASSWORD)
        again = list(Petition.objects.order_by("number").values_list("number", "state", "received_on", "title"))
        transaction.set_rollback(True)
    assert first == again


def test_tax_customs_and_forwarded_petitions_leave_the_receiving_department(demo):
    """A tax petition is answered by the tax office, never by a Department of Finance (the receiving desk); a
    petition classified outside the receiver's competence is forwarded to another agency than the receiving one."""
    classified = Petition.objects.filter(agency__isnull=False).select_related("agency")
    tax = classified.filter(topic="tax")
    assert tax.exists()
    assert not tax.filter(agency__name__startswith="Sở Tài chính").exists()
    assert {p.agency.code for p in tax} <= {"HD-CT", "HP-THUE"}
    assert {p.agency.code for p in classified.filter(topic="customs")} <= {"HD-HQ", "HP-HQ"}
    outside = classified.filter(kind="outside_competence")
    assert outside.exists()
    receiving = {"HD-SKHDT", "HD-STC", "HP-STC"}
    assert not outside.filter(agency__code__in=receiving).exists()
    assert not outside.filter(agency__name__startswith="Sở Tài chính").exists()
