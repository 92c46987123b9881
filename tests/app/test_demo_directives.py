"""The demo's directives and tasks: the seed meetings, statuses as of today, the agencies of their time."""

import random
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.agencies.models import Agency
from tiendo.demo import directives as demo_directives
from tiendo.demo import generate
from tiendo.directives import services
from tiendo.directives.access import get_task_for_user, tasks_for_user
from tiendo.directives.models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task
from tiendo.domain.tasks import TaskStatus, due_soon

pytestmark = pytest.mark.django_db

SEED_000 = "Thường trực Tỉnh ủy làm việc với Sở Kế hoạch và Đầu tư"
SEED_002 = "Ban Thường vụ Tỉnh ủy phiên họp cuối tháng 11/2020"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The small demo province, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        counts = generate.load("test", seed=7, progress=lambda _m: None)
        yield counts
        transaction.set_rollback(True)


def statuses(tasks) -> Counter:
    return Counter(tasks.with_status(timezone.localdate()).values_list("status", flat=True))


def validity(agency: Agency, day) -> bool:
    started = agency.valid_from is None or agency.valid_from <= day
    return started and (agency.valid_to is None or day <= agency.valid_to)


def test_demo_has_a_small_province_of_directives_and_tasks(demo):
    from tiendo.petitions.models import Conference
    from tiendo.reviews.models import ReviewRound

    # the dialogue conferences' and the review's (the petitions and reviews phases count them)
    conclusions = [*Conference.objects.values_list("conclusion", flat=True)]
    conclusions += ReviewRound.objects.exclude(conclusion=None).values_list("conclusion", flat=True)
    assert demo["directives"] == Directive.objects.exclude(pk__in=conclusions).count()
    assert demo["tasks"] == Task.objects.exclude(directive__in=conclusions).count()
    assert 30 <= demo["directives"] <= 70
    assert 150 <= demo["tasks"] <= 320
    kinds = set(Directive.objects.values_list("kind", flat=True))
    assert {"news", "conclusion"} <= kinds
    numbered = Directive.objects.exclude(kind="news")
    assert all("/" in number for number in numbered.values_list("number", flat=True))
    assert not Directive.objects.filter(tasks__isnull=True).exists()
    assert Task.objects.exclude(source_sentence="").count() == Task.objects.count()


def test_every_demo_record_passes_the_models_validation(demo):
    for directive in Directive.objects.all():
        directive.full_clean(exclude=["search_key"])
    for task in Task.objects.all():
        task.full_clean(exclude=["search_key"])
    for request in ExtensionRequest.objects.all():
        request.full_clean()


def test_seed_000_is_the_meeting_with_its_eight_tasks(demo):
    meeting = Directive.objects.get(title=SEED_000)
    assert meeting.kind == "news" and meeting.number == ""
    assert meeting.issued_on.isoformat() == "2024-02-21"
    assert meeting.text.startswith(SEED_000) and "Đăng nhập" not in meeting.text
    assert "Trần Đức Thắng" in meeting.text
    tasks = list(meeting.tasks.select_related("lead_agency").order_by("pk"))
    assert len(tasks) == 8
    assert [t.assignee_text for t in tasks].count("Sở Kế hoạch và Đầu tư") == 7
    assert all(t.source_sentence and t.source_sentence in meeting.text for t in tasks)
    staffing = tasks[7]
    assert staffing.assignee_text == "các cơ quan liên quan" and staffing.lead_agency.code == "HD-SNV"
    plan = next(t for t in tasks if "trung hạn 2021-2025" in t.title)
    assert plan.completed_on.isoformat() == "2024-06-28" and plan.lead_agency.code == "HD-SKHDT"
    # unfinished standing tasks of the Department of Planning and Investment followed it into Sở Tài chính
    follow_up = next(t for t in tasks if t.title.startswith("Quyết liệt tham mưu xử lý"))
    assert follow_up.standing and follow_up.completed_on is None
    assert follow_up.lead_agency.code == "HP-STC"
    leads = [row.lead_agency.code for row in follow_up.history.order_by("history_id")]
    assert [code for i, code in enumerate(leads) if not i or leads[i - 1] != code] == ["HD-SKHDT", "HD-STC", "HP-STC"]


def test_seed_002_gives_generic_bodies_one_task_per_agency(demo):
    meeting = Directive.objects.get(title=SEED_002)
    assert meeting.issued_on.isoformat() == "2020-11-26"
    generic = meeting.tasks.filter(assignee_text="các sở, ngành, địa phương")
    by_title = Counter(generic.values_list("title", flat=True))
    assert len(by_title) == 4 and all(count >= 3 for count in by_title.values())
    planning = meeting.tasks.filter(deadline__isnull=False)
    assert set(planning.values_list("deadline_text", flat=True)) == {"trong năm 2021"}
    assert planning.filter(lead_agency__code="HD-UB-TPHD").exists()  # a district of the time
    assert statuses(planning) == Counter({TaskStatus.DONE_ON_TIME: 4, TaskStatus.DONE_LATE: 2})
    committee = meeting.tasks.filter(assignee_text="Ủy ban nhân dân tỉnh")
    assert set(committee.values_list("lead_agency__code", flat=True)) == {"HD-UBND", "HP-UBND"}


def test_every_status_is_present_with_tasks_due_soon(demo):
    today = timezone.localdate()
    found = statuses(Task.objects.all())
    assert set(found) == set(TaskStatus)
    done = found[TaskStatus.DONE_ON_TIME] + found[TaskStatus.DONE_LATE]
    assert 0.05 <= found[TaskStatus.DONE_LATE] / done <= 0.35
    assert any(due_soon(task.facts, today) for task in Task.objects.open())


@pytest.mark.parametrize("username", ["canbo.xaydung", "canbo.phuong"])
def test_demo_officers_have_tasks_of_every_status(demo, username):
    today = timezone.localdate()
    officer = User.objects.get(username=username)
    theirs = tasks_for_user(officer)
    assert set(statuses(theirs)) == set(TaskStatus)
    assert any(due_soon(task.facts, today) for task in theirs.open())
    pending = ExtensionRequest.objects.filter(task__in=theirs, state="pending")
    assert pending.filter(requested_by=officer).exists()
    assert ProgressUpdate.objects.filter(author=officer).exists()


def test_specialist_can_decide_a_demo_extension_request_and_an_officer_cannot(demo):
    specialist = User.objects.get(username="chuyenvien")
    assert Notification.objects.filter(user=specialist, kind="extension_requested").exists()
    request = ExtensionRequest.objects.filter(state="pending").select_related("task").first()
    with pytest.raises(PermissionDenied):
        services.decide_extension(request, actor=User.objects.get(username="canbo.xaydung"), approve=True)
    first_deadline = request.task.original_deadline
    services.decide_extension(request, actor=specialist, approve=True)
    task = Task.objects.get(pk=request.task_id)
    assert task.deadline == request.requested_deadline
    assert task.original_deadline == first_deadline


def test_officers_see_only_their_agencies_tasks_and_investors_none(demo):
    builder = User.objects.get(username="canbo.xaydung")
    ward = User.objects.get(username="canbo.phuong")
    ward_only = tasks_for_user(ward).exclude(pk__in=tasks_for_user(builder).values("pk")).first()
    assert ward_only is not None
    with pytest.raises(Http404):
        get_task_for_user(builder, ward_only.pk)
    assert get_task_for_user(ward, ward_only.pk) == ward_only
    assert not tasks_for_user(User.objects.get(username="nhadautu")).exists()
    assert tasks_for_user(User.objects.get(username="lanhdao")).count() == Task.objects.count()


@pytest.mark.parametrize("username", ["lanhdao", "chuyenvien", "canbo.xaydung", "canbo.phuong"])
def test_demo_tasks_render_for_each_user(demo, client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    task = tasks_for_user(user).filter(extensions__state="pending").first() or tasks_for_user(user).first()
    for url in (reverse("directives:board"), reverse("directives:task", args=[task.pk])):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("directives:detail", args=[task.directive_id])).status_code == 200


def test_investor_cannot_open_a_demo_task(demo, client):
    client.force_login(User.objects.get(username="nhadautu"))
    assert client.get(reverse("directives:task", args=[Task.objects.first().pk])).status_code == 404


def test_tasks_were_given_to_the_agencies_of_their_time(demo):
    agencies = Agency.objects.in_bulk()
    first_leads = dict(Task.history.filter(history_type="+").values_list("id", "lead_agency_id"))
    for task in Task.objects.all():
        assert validity(agencies[first_leads[task.pk]], task.assigned_on), (task.pk, task.assigned_on)
    assert Task.objects.filter(assigned_on__year=2022, lead_agency__code="HD-SKHDT").exists()


def test_open_tasks_of_merged_agencies_point_to_the_successor(demo):
    today = timezone.localdate()
    open_tasks = Task.objects.open().select_related("lead_agency")
    assert all(validity(task.lead_agency, today) for task in open_tasks)
    moved = Task.history.filter(history_change_reason__contains="Nghị định 45/2025/NĐ-CP").values_list("id", flat=True)
    assert Task.objects.filter(pk__in=moved, lead_agency__code__startswith="HP-").exists()
    handed_over = Task.history.filter(history_change_reason__contains="1669/NQ-UBTVQH15")
    assert all(code.startswith("HP-UB-") for code in handed_over.values_list("lead_agency__code", flat=True))


def test_finished_tasks_stay_with_the_agency_that_did_them(demo):
    agencies = Agency.objects.in_bulk()
    done = Task.objects.filter(completed_on__isnull=False)
    for task in done:
        assert validity(agencies[task.lead_agency_id], task.completed_on), (task.pk, task.completed_on)
    before_reform = done.filter(completed_on__lt="2025-03-01")
    assert before_reform.filter(lead_agency__code="HD-SKHDT").exists()
    assert not before_reform.filter(lead_agency__code__startswith="HP-").exists()


def test_extension_requests_in_every_state(demo):
    requests = ExtensionRequest.objects.select_related("task")
    assert set(requests.values_list("state", flat=True)) == {"pending", "approved", "refused"}
    for request in requests:
        task = request.task
        assert request.requested_deadline > request.old_deadline
        assert request.requested_at.date() >= task.assigned_on
        if request.state == "approved":
            assert task.deadline == request.requested_deadline and task.original_deadline == request.old_deadline
            assert request.decided_by is not None and request.decided_at.date() >= request.requested_at.date()
        elif request.state == "refused":
            assert task.deadline == request.old_deadline and request.decision_note
        else:
            assert task.completed_on is None and request.decided_at is None


def test_history_rows_follow_the_services(demo):
    specialist = User.objects.get(username="chuyenvien")
    from tiendo.reviews.models import ReviewRound

    reviews = ReviewRound.objects.values("conclusion")  # the leader gives the review's follow-ups as he decides
    created = Task.history.filter(history_type="+").exclude(directive_id__in=reviews)
    assert created.count() == Task.objects.exclude(directive__in=reviews).count()
    assert set(created.values_list("history_user", flat=True)) == {specialist.pk}
    closing = Task.history.filter(history_type="~", completed_on__isnull=False, history_change_reason__startswith="Báo")
    assert closing.values("id").distinct().count() == Task.objects.filter(completed_on__isnull=False).count()
    assert ProgressUpdate.history.count() == ProgressUpdate.objects.count() > 0
    extended = Task.history.filter(history_change_reason__startswith="Gia hạn được chấp thuận")
    assert extended.count() == ExtensionRequest.objects.filter(state="approved").count()
    done_updates = ProgressUpdate.objects.filter(completed=True)
    assert done_updates.count() == Task.objects.filter(completed_on__isnull=False).count()


def test_directives_are_the_same_for_the_same_seed(demo):
    today = timezone.localdate()
    context = demo_directives.home_context()

    def made(seed):
        plans = demo_directives.Generator(context, random.Random(seed), today).plans(12)
        return [
            (p.directive.number, p.directive.title, [(t.task.title, t.task.deadline, t.agency) for t in p.tasks])
            for p in plans
        ]

    assert made("7-directives-HD") == made("7-directives-HD")
    assert made("7-directives-HD") != made("8-directives-HD")


def test_sizes_keep_the_national_demo_feasible():
    assert demo_directives.SIZES["national"].cap <= 60_000
    assert demo_directives.SIZES["test"].directives < demo_directives.SIZES["province"].directives
    with pytest.raises(KeyError):
        demo_directives.load("no-such-scale", 1)


def test_texts_after_the_merger_name_the_city_and_before_it_the_province(demo):
    """From 01/07/2025 the demo province is Hải Phòng, a centrally-run city: its bodies are "UBND/HĐND thành phố",
    "Thành ủy"; before, Hải Dương's are "tỉnh". A former place name ("tỉnh Hải Dương (cũ)") may appear after."""
    from tests.app.test_demo_plans import MERGER, PROVINCE_WORDING

    after = Directive.objects.filter(issued_on__gte=MERGER)
    before = Directive.objects.filter(issued_on__lt=MERGER)
    assert after.exists() and before.exists()
    for issuer, signer, title, text in after.values_list("issuer", "signer", "title", "text"):
        assert "tỉnh" not in issuer.lower() and "thành phố Hải Phòng" in issuer, issuer
        for words in (signer, title, text):
            assert not PROVINCE_WORDING.search(words), words
    assert all("thành phố Hải Phòng" not in issuer for issuer in before.values_list("issuer", flat=True))
    fields = ("title", "details", "assignee_text", "cooperating_text", "expected_result", "result")
    for row in Task.objects.filter(assigned_on__gte=MERGER).values_list(*fields):
        for words in row:
            assert not PROVINCE_WORDING.search(words or ""), words
    for words in ProgressUpdate.objects.filter(reported_on__gte=MERGER).values_list("text", flat=True):
        assert not PROVINCE_WORDING.search(words or ""), words


def test_no_directive_fact_is_dated_after_the_demo_s_day(demo):
    """Directives, tasks, progress reports, extension decisions, notifications (and their history): nothing happens
    after today; only what is due (deadlines, a requested deadline) may be later."""
    from tests.app.test_demo_plans import _after

    today = timezone.localdate()
    for model in (Directive, Task, ProgressUpdate, ExtensionRequest, Notification):
        assert _after(model, today) == [], model.__name__
    assert Task.objects.filter(completed_on__isnull=False).exists() and ProgressUpdate.objects.exists()
