"""The access matrix: every URL of tiendo.urls and every GET operation of the API, for every role and an anonymous
visitor, over a small world where each kind of record exists twice (the persona's own agency or enterprise, and
another's), each with a marker string. No answer is a 500; an anonymous visitor is sent to the login (pages) or
gets 401 (API) except on the public URLs; and no answer names a record the persona may not see, whether as a
record, an option of a choice list or a line of an export.

A new URL with path parameters that nobody filled here, or put in SKIPPED with a reason, fails the test.
"""

import io
import re
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfReader

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency
from tiendo.directives.models import Directive, ExtensionRequest, Notification, ProgressUpdate, Task
from tiendo.domain.access import Role
from tiendo.enterprises.models import Enterprise
from tiendo.jobs.models import Job
from tiendo.petitions.models import Attachment as PetitionAttachment
from tiendo.petitions.models import Conference, Petition, StateChange
from tiendo.petitions.models import Pause as PetitionPause
from tiendo.plans.models import (
    Disbursement,
    Plan,
    PlanItem,
    PlanLine,
    PlanVersion,
    ProjectFunding,
    Source,
    SourceBudget,
)
from tiendo.portal.models import CommuneShape, Opportunity, OpportunityDocument, ProcedureStep, Translation
from tiendo.portal.models import Publication as OpenDataPublication
from tiendo.projects.models import Document, ImportJob, Milestone, ProgressReport, Project, Sector
from tiendo.reviews.models import Finding, ReviewItem, ReviewRound, ScanRun
from tiendo.targets.models import (
    Alert,
    Component,
    ComponentAgency,
    EconomicSector,
    GrowthFigure,
    Indicator,
    IndicatorProject,
    IndicatorValue,
    Publication,
    Scenario,
    ScenarioCell,
    Summary,
    Target,
    Term,
)
from tiendo.workdays.models import DeclaredDay

pytestmark = pytest.mark.django_db

PERSONAS = ("leader", "specialist", "officer", "investor", "admin", "anonymous")
STAFF = {"leader", "specialist", "admin"}

# marker -> the personas that may see it (own = agency X / enterprise A, other = agency Y / enterprise B)
MARKERS: dict[str, set[str]] = {
    "MX-OWN-PROJECT": STAFF | {"officer", "investor"},
    "MX-OTHER-PROJECT": STAFF,
    # public-investment projects' names are published on the portal (/public-investment/, tiendo.portal.public):
    # every persona, signed in or not, reads them there and in the open data; their milestones' notes, reports'
    # problems, proposals, notes and findings stay internal
    "MX-OWN-PUBLIC": STAFF | {"officer", "investor", "anonymous"},
    "MX-OTHER-PUBLIC": STAFF | {"officer", "investor", "anonymous"},
    "MX-OWN-MILESTONE": STAFF | {"officer", "investor"},
    "MX-OTHER-MILESTONE": STAFF,
    "MX-OWN-REPORT": STAFF | {"officer", "investor"},
    "MX-OTHER-REPORT": STAFF,
    "MX-OWN-DOC": STAFF | {"officer", "investor"},
    "MX-OTHER-DOC": STAFF,
    "MX-OWN-ENTERPRISE": STAFF | {"officer", "investor"},  # officers read it as their projects' investor
    "MX-OTHER-ENTERPRISE": STAFF,
    "MX-OWN-STAFF": STAFF | {"officer"},
    "MX-OTHER-STAFF": STAFF,
    "MX-OWN-DIRECTIVE": STAFF | {"officer"},
    "MX-OTHER-DIRECTIVE": STAFF,
    "MX-OWN-TASK": STAFF | {"officer"},
    "MX-OTHER-TASK": STAFF,
    "MX-OWN-UPDATE": STAFF | {"officer"},
    "MX-OTHER-UPDATE": STAFF,
    "MX-OWN-EXTENSION": STAFF | {"officer"},
    "MX-OTHER-EXTENSION": STAFF,
    "MX-OWN-NOTIFICATION": {"officer"},
    "MX-OTHER-NOTIFICATION": set(),
    "MX-OPEN-ROUND": STAFF,
    "MX-PROPOSAL-OWN": STAFF,
    "MX-NOTE-OWN": STAFF,
    "MX-PROPOSAL-OTHER": STAFF,
    "MX-CLOSED-PROPOSAL": STAFF,
    "MX-NOTE-CLOSED": STAFF,
    "MX-CLOSED-ROUND": STAFF | {"investor"},  # the decisions taken about the investor's own project
    "MX-DECISION-OWN": STAFF | {"investor"},
    "MXRULEOWN": STAFF | {"officer"},
    "MXRULEOTHER": STAFF,
    "MX-PLAN": STAFF | {"officer"},
    "MX-IMPORT-JOB": {"specialist", "admin"},
    "MX-JOB-SPECIALIST": {"specialist", "admin"},  # a background job: its starter's, and the administrator's
    "MX-JOB-OFFICER": {"officer", "admin"},
    # targets: staff and every agency's officers read the province's path; investors and the public only what a
    # statistics office published; an alert is its agency's
    "MX-RETIRED-INDICATOR": STAFF | {"officer"},
    "MX-RETIRED-TARGET": STAFF | {"officer"},
    "MX-SCENARIO": STAFF | {"officer"},
    "MX-OWN-ALERT": STAFF | {"officer"},
    "MX-OTHER-ALERT": STAFF,
    "MX-DEPT-REPORT": STAFF | {"officer"},
    "MX-STATS-RELEASE": STAFF | {"officer", "investor", "anonymous"},
    "MX-INDICATOR-LINK": STAFF | {"officer"},
    "MX-SUMMARY": STAFF | {"officer"},  # the monthly paragraph on growth, not published
    # petitions: staff all; an officer its agency's (as responsible or concerned); an investor its enterprise's
    "MX-OWN-PETITION": STAFF | {"officer", "investor"},
    "MX-OTHER-PETITION": STAFF,
    "MX-OWN-PAUSE": STAFF | {"officer", "investor"},
    "MX-OTHER-PAUSE": STAFF,
    "MX-OWN-ATTACHMENT": STAFF | {"officer", "investor"},
    "MX-OTHER-ATTACHMENT": STAFF,
    "MX-CONFERENCE": STAFF | {"officer"},
    # the portal: a published opportunity is everyone's; a draft, and a translation not yet reviewed, the staff's
    "MX-PUBLISHED-OPPORTUNITY": STAFF | {"officer", "investor", "anonymous"},
    "MX-DRAFT-OPPORTUNITY": STAFF,
    "MX-DRAFT-TRANSLATION": STAFF,
}

# The API's own pages (its operations are walked from the OpenAPI document).
API_PAGES = {"api:openapi-json", "api:openapi-view"}

# Pages that answer without a session: the site's root is the portal's home for a visitor who has not signed in,
# and the portal's pages and files (namespaces PUBLIC_NAMESPACES) are public by design.
PUBLIC = {"healthz", "login", "logout", "set_language", "home", "sitemap"}
PUBLIC_NAMESPACES = ("portal:", "opendata:")
# API operations that answer without a session: the Open311-like read of published petitions
PUBLIC_API = {
    "/api/open311/v2/services.json",
    "/api/open311/v2/requests.json",
    "/api/open311/v2/requests/{service_request_id}.json",
}

# Patterns walked by other means or not at all, with the reason.
SKIPPED_NAMESPACES = {
    "admin": "the Django admin is the administrators' own tool over every record; its index and lists are walked, "
    "its object pages (path parameters, regular expressions) are not",
    "api": "the API is walked operation by operation from its OpenAPI document below",
}


# The world ---------------------------------------------------------------------------------------------------------


def _user(username, role, **extra):
    user = User(username=username, role=role.value, full_name=extra.pop("full_name", username), **extra)
    user.set_password("x-matrix-password")
    user.save()
    return user


def _project(code, name, *, kind, agency, investor=None, commune=None):
    project = Project.objects.create(
        code=code,
        name=name,
        kind=kind,
        group="C" if kind == "public" else "",
        status="implementing",
        agency=agency,
        investor=investor,
        commune=commune,
        total_investment=50_000_000_000,
        certificate_number="" if kind == "public" else f"GCN-{code}",
        certificate_date=None if kind == "public" else date(2022, 1, 10),
        policy_decision_date=date(2021, 6, 1),
    )
    ProjectFunding.objects.create(project=project, first_allocation_year=2024)
    return project


@pytest.fixture
def world(settings, tmp_path, province, people_committee, agency_x, agency_y, commune, enterprise_a, enterprise_b):
    settings.MEDIA_ROOT = tmp_path
    Enterprise.objects.filter(pk=enterprise_a.pk).update(name="MX-OWN-ENTERPRISE Công ty A")
    Enterprise.objects.filter(pk=enterprise_b.pk).update(name="MX-OTHER-ENTERPRISE Công ty B")
    w = {"agency": (agency_x, agency_y), "enterprise": (enterprise_a, enterprise_b)}
    w["users"] = {
        "leader": _user("m_leader", Role.LEADER, agency=people_committee),
        "specialist": _user("m_specialist", Role.SPECIALIST, agency=agency_x),
        "officer": _user("m_officer", Role.OFFICER, agency=agency_x),
        "investor": _user("m_investor", Role.INVESTOR, enterprise=enterprise_a),
        "admin": _user("m_admin", Role.ADMIN, is_superuser=True),
    }
    _user("m_staff_x", Role.OFFICER, agency=agency_x, full_name="MX-OWN-STAFF")
    staff_y = _user("m_staff_y", Role.OFFICER, agency=agency_y, full_name="MX-OTHER-STAFF")
    officer, specialist = w["users"]["officer"], w["users"]["specialist"]

    own = _project("MXP-OWN", "MX-OWN-PROJECT nhà máy", kind="private", agency=agency_x, investor=enterprise_a)
    other = _project("MXP-OTHER", "MX-OTHER-PROJECT nhà máy", kind="private", agency=agency_y, investor=enterprise_b)
    own_public = _project("MXP-OWNPUB", "MX-OWN-PUBLIC đường", kind="public", agency=agency_x, commune=commune)
    other_public = _project("MXP-OTHERPUB", "MX-OTHER-PUBLIC trường", kind="public", agency=agency_y, commune=commune)
    w["project"] = (own, other)
    w["public"] = (own_public, other_public)
    w["milestone"] = tuple(
        Milestone.objects.create(
            project=p, kind="construction_start", first_due=date(2022, 12, 31), current_due=date(2022, 12, 31),
            note=f"MX-{side}-MILESTONE",
        )
        for p, side in ((own, "OWN"), (other, "OTHER"))
    )  # fmt: skip
    for p, side in ((own, "OWN"), (other, "OTHER")):
        ProgressReport.objects.create(
            project=p, period_end=date(2024, 3, 31), physical_progress=10, disbursed_to_date=1_000_000,
            problems=f"MX-{side}-REPORT", submitted_at=datetime(2024, 4, 5, tzinfo=UTC),
        )  # fmt: skip
    w["document"] = tuple(
        Document.objects.create(project=p, title=f"MX-{side}-DOC", file=ContentFile(b"scan", name=f"{side}.txt"))
        for p, side in ((own, "OWN"), (other, "OTHER"))
    )

    # directives and tasks: one given to agency X, one to agency Y
    w["directive"], w["task"], w["update"], w["extension"] = [], [], [], []
    for agency, side, author in ((agency_x, "OWN", officer), (agency_y, "OTHER", staff_y)):
        directive = Directive.objects.create(
            number=f"{side}/TB-UBND", issued_on=date(2024, 5, 2), issuer="UBND tỉnh", title=f"MX-{side}-DIRECTIVE"
        )
        task = Task.objects.create(
            directive=directive, title=f"MX-{side}-TASK", lead_agency=agency, assigned_on=date(2024, 5, 2),
            deadline=date(2024, 9, 30),
        )  # fmt: skip
        update = ProgressUpdate.objects.create(
            task=task, reported_on=date(2024, 6, 1), text=f"MX-{side}-UPDATE", percent=20, author=author,
            attachment=ContentFile(b"minutes", name=f"{side}.txt"), attachment_name=f"{side}.txt",
        )  # fmt: skip
        extension = ExtensionRequest.objects.create(
            task=task, requested_deadline=date(2024, 12, 31), reason=f"MX-{side}-EXTENSION", requested_by=author
        )
        w["directive"].append(directive), w["task"].append(task), w["update"].append(update)
        w["extension"].append(extension)
    w["notification"] = (
        Notification.objects.create(
            user=officer, task=w["task"][0], kind="assigned", day=date(2024, 5, 2), message="MX-OWN-NOTIFICATION"
        ),
        Notification.objects.create(
            user=staff_y, task=w["task"][1], kind="assigned", day=date(2024, 5, 2), message="MX-OTHER-NOTIFICATION"
        ),
    )

    # reviews: a round in progress (proposals, notes) and a concluded one whose decision the investor may read
    open_round = ReviewRound.objects.create(title="MX-OPEN-ROUND", as_of=date(2024, 6, 1), opened_by=specialist)
    closed_round = ReviewRound.objects.create(
        title="MX-CLOSED-ROUND", as_of=date(2024, 3, 1), opened_by=specialist, state="closed"
    )
    item_own = ReviewItem.objects.create(
        round=open_round, project=own, proposal="suspend", proposal_text="MX-PROPOSAL-OWN", legal_ground="Điều 47",
        note="MX-NOTE-OWN", days_behind=150,
    )  # fmt: skip
    item_other = ReviewItem.objects.create(
        round=open_round, project=other, proposal="terminate", proposal_text="MX-PROPOSAL-OTHER",
        legal_ground="Điều 48", days_behind=400,
    )  # fmt: skip
    ReviewItem.objects.create(
        round=closed_round, project=own, proposal="terminate", proposal_text="MX-CLOSED-PROPOSAL",
        legal_ground="Điều 48", note="MX-NOTE-CLOSED", confirmed=True, decision="other",
        decision_text="MX-DECISION-OWN", decided_by=w["users"]["leader"], decided_at=timezone.now(),
    )  # fmt: skip
    w["round"], w["item"] = (open_round, closed_round), (item_own, item_other)
    run = ScanRun.objects.create(as_of=date(2024, 6, 1), finished_at=timezone.now())
    for p, rule in ((own, "MXRULEOWN"), (other, "MXRULEOTHER")):
        Finding.objects.create(
            run=run, project=p, rule=rule, severity="high", citation="Điều 48", proposal="terminate",
            explanation=rule,
        )  # fmt: skip

    # an annual plan with a line for each public project, and their disbursement
    source = Source.objects.create(code="NSDP", name="Ngân sách địa phương", level="local", order=1)
    plan = Plan.objects.create(kind="annual", first_year=2024, last_year=2024, title="MX-PLAN năm 2024")
    version = PlanVersion.objects.create(
        plan=plan, number=1, purpose="initial", state="approved", title="MX-PLAN-VERSION",
        decision_number="01/NQ-HĐND", decision_date=date(2023, 12, 10), decision_body="provincial_council",
    )  # fmt: skip
    SourceBudget.objects.create(version=version, source=source, available=40_000_000_000)
    w["plan_item"] = []
    for p in (own_public, other_public):
        item = PlanItem.objects.create(
            version=version, project=p, tier="transitional_on_schedule", need=20_000_000_000, eligible_sources=["NSDP"]
        )
        PlanLine.objects.create(version=version, item=item, source=source, amount=15_000_000_000)
        Disbursement.objects.create(plan=plan, project=p, source=source, month=date(2024, 3, 1), amount=1_000_000_000)
        w["plan_item"].append(item)
    w["plan"], w["version"] = plan, version
    w["job"] = ImportJob.objects.create(
        uploaded_by=specialist, file=ContentFile(b"x", name="job.xlsx"), original_name="MX-IMPORT-JOB.xlsx",
        status="done", result={"created": 0},
    )  # fmt: skip
    w["background_job"] = [
        Job.objects.create(kind="projects.export", subject=f"MX-JOB-{who.upper()}.xlsx", started_by=w["users"][who],
                           status="done", progress=100)
        for who in ("specialist", "officer")
    ]  # fmt: skip
    _targets_world(w, agency_x, agency_y)
    _petitions_world(w, agency_x, agency_y)
    _portal_world(w, agency_x, commune)
    return w


def _petitions_world(w, agency_x, agency_y):
    """A petition of enterprise A answered by agency X and one of enterprise B answered by agency Y, each paused
    once and with an attachment; a dialogue conference; a declared make-up working day (a directory)."""
    today = timezone.localdate()
    conference = Conference.objects.create(
        title="MX-CONFERENCE đối thoại doanh nghiệp", held_on=today, chair="Chủ tịch"
    )
    w["conference"] = conference
    w["petition"] = []
    for number, (enterprise, agency, side) in enumerate(
        ((w["enterprise"][0], agency_x, "OWN"), (w["enterprise"][1], agency_y, "OTHER")), start=1
    ):
        petition = Petition.objects.create(
            number=f"KN-MX-{number}", channel="letter", received_on=today, enterprise=enterprise, agency=agency,
            title=f"MX-{side}-PETITION", text="Nội dung kiến nghị", state="in_progress", due_on=today,
            conference=conference if side == "OWN" else None,
        )  # fmt: skip
        petition.projects.add(w["project"][0 if side == "OWN" else 1])
        PetitionPause.objects.create(petition=petition, started_on=today, ended_on=today, request=f"MX-{side}-PAUSE")
        PetitionAttachment.objects.create(
            petition=petition, title=f"MX-{side}-ATTACHMENT", file=ContentFile(b"scan", name=f"p{side}.txt")
        )
        StateChange.objects.create(petition=petition, to_state="received", day=today, at=timezone.now())
        w["petition"].append(petition)
    w["declared_day"] = DeclaredDay.objects.create(
        day=date(2026, 1, 3), kind="working_day", name="Làm bù", document="Thông báo"
    )


def _portal_world(w, agency_x, commune):
    """A published opportunity (with a step, a document and an English title not yet reviewed) and a draft one."""
    sector = Sector.objects.create(code="MXCB", name="Công nghiệp chế biến")
    w["opportunity"] = []
    for code, title, state in (
        ("MXO-PUB", "MX-PUBLISHED-OPPORTUNITY nhà máy", Opportunity.State.PUBLISHED),
        ("MXO-DRAFT", "MX-DRAFT-OPPORTUNITY kho vận", Opportunity.State.DRAFT),
    ):
        w["opportunity"].append(
            Opportunity.objects.create(
                code=code, origin="province_decision", origin_document="QĐ 100/QĐ-UBND", title=title, sector=sector,
                commune=commune, selection_form="investor_bidding", land_status="cleared", agency=agency_x,
                state=state, area_ha=12, capital=500_000_000_000,
            )
        )  # fmt: skip
    published = w["opportunity"][0]
    Translation.objects.create(opportunity=published, field="title", language="en", text="MX-DRAFT-TRANSLATION")
    ProcedureStep.objects.create(
        opportunity=published, step="policy_approval", agency=agency_x, working_days=35, legal_basis="Luật Đầu tư"
    )
    OpportunityDocument.objects.create(
        opportunity=published, kind="site_plan", title="Sơ đồ vị trí", file=ContentFile(b"map", name="site.pdf")
    )
    OpportunityDocument.objects.create(
        opportunity=w["opportunity"][1], kind="site_plan", title="MX-DRAFT-OPPORTUNITY bản vẽ",
        file=ContentFile(b"MX-DRAFT-OPPORTUNITY", name="draft.pdf"),
    )  # fmt: skip


def _targets_world(w, agency_x, agency_y):
    """The year's targets: an indicator followed (agency X answers for it) and one no longer followed, each with a
    target; a scenario; a statistics release (public) and a department's report (not); an alert of each agency."""
    year = timezone.localdate().year
    term = Term.objects.create(first_year=year - 1, last_year=year + 3, document="NQ Đại hội")
    followed = Indicator.objects.create(
        code="grdp_growth", name="Tăng trưởng GRDP", unit="percent", responsible_agency=agency_x, position=1
    )
    retired = Indicator.objects.create(
        code="mx_retired", name="MX-RETIRED-INDICATOR chỉ tiêu cũ", unit="count", active=False
    )
    w["indicator"] = (followed, retired)
    w["target"] = tuple(
        Target.objects.create(indicator=indicator, year=year, low=13, high=13.5, term=term, document=document)
        for indicator, document in ((followed, "NQ 01/NQ-HĐND"), (retired, "MX-RETIRED-TARGET"))
    )
    w["term"] = term
    scenario = Scenario.objects.create(year=year, name="MX-SCENARIO tháng 2", target_growth=0.13)
    for component in Component.values:
        for quarter in (1, 2, 3, 4):
            ScenarioCell.objects.create(scenario=scenario, component=component, quarter=quarter, base=1000, growth=0.1)
    release = Publication.objects.create(number="MX-STATS-RELEASE", published_on=date(year, 4, 5), issuer="Thống kê")
    for component in Component.values:
        GrowthFigure.objects.create(publication=release, year=year, quarter=1, component=component, growth=0.09)
    report = Publication.objects.create(
        number="MX-DEPT-REPORT", source="department", published_on=date(year, 7, 3), issuer="Sở Tài chính"
    )
    IndicatorValue.objects.create(indicator=followed, publication=report, year=year, months=6, value=12)
    EconomicSector.objects.create(code="C", component=Component.INDUSTRY_CONSTRUCTION, name="Công nghiệp chế biến")
    w["alert"] = [
        Alert.objects.create(
            kind="quarter_shortfall", indicator=followed, year=year, quarter=1, agency=agency,
            component=Component.SERVICES if side == "OWN" else Component.AGRICULTURE, text=f"MX-{side}-ALERT",
        )
        for agency, side in ((agency_x, "OWN"), (agency_y, "OTHER"))
    ]  # fmt: skip
    w["indicator_project"] = [
        IndicatorProject.objects.create(
            indicator=followed, project=w["project"][0], year=year, note="MX-INDICATOR-LINK"
        ),
        IndicatorProject.objects.create(indicator=followed, project=w["project"][1], year=year),
    ]
    ComponentAgency.objects.create(component="services", agency=agency_x)
    w["scenario"] = scenario
    Summary.objects.create(year=year, months=0, text="MX-SUMMARY")


# Filling the URLs --------------------------------------------------------------------------------------------------


def _both(kind, field="pk"):
    return lambda w, side: {field: getattr(w[kind][side], "code" if field == "code" else "pk")}


def _same(getter, field="pk"):
    return lambda w, side: {field: getter(w).pk}


_agency = _both("agency", "code")
_enterprise = _both("enterprise")
_project_code = _both("project", "code")
_directive = _both("directive")
_task = _both("task")
_round = _both("round")
_review_item = _both("item")
_plan = _same(lambda w: w["plan"])
_version = _same(lambda w: w["version"])


def _milestone(w, side):
    return {"code": w["project"][side].code, "pk": w["milestone"][side].pk}


def _document(w, side):
    return {"code": w["project"][side].code, "pk": w["document"][side].pk}


def _update(w, side):
    return {"pk": w["task"][side].pk, "update_pk": w["update"][side].pk}


def _opportunity(w, side):
    return {"code": w["opportunity"][side].code}


def _opportunity_part(model):
    """A step or document of the published opportunity, asked for under each opportunity's code."""
    return lambda w, side: {
        "code": w["opportunity"][side].code,
        "pk": model.objects.get(opportunity=w["opportunity"][0]).pk,
    }


_PETITION_ACTIONS = (
    "classify",
    "assign",
    "start",
    "ask",
    "reply",
    "wait",
    "answer",
    "publish",
    "close",
    "withdraw",
    "merge",
)

FILL = {
    "agencies:detail": _agency,
    "agencies:edit": _agency,
    **{f"enterprises:{name}": _enterprise for name in ("detail", "edit", "delete", "restore")},
    **{f"projects:{n}": _project_code for n in ("detail", "edit", "delete", "milestone_create", "report")},
    "projects:document_upload": _project_code,
    "projects:milestone_edit": _milestone,
    "projects:milestone_adjust": _milestone,
    "projects:document": _document,
    "projects:import_status": _same(lambda w: w["job"]),
    "projects:import_rejected": _same(lambda w: w["job"]),
    **{f"reviews:{n}": _round for n in ("detail", "confirm_all", "submit", "xlsx", "pdf")},
    **{f"reviews:{n}": _review_item for n in ("item", "item_edit", "item_decide")},
    "plans:plan": _plan,
    "plans:adjust": _plan,
    **{f"plans:{n}": _version for n in ("version", "budgets", "run", "checks", "compare", "approve", "discard")},
    "plans:xlsx": _version,
    "plans:pdf": _version,
    "plans:item": _both("plan_item"),
    **{f"plans:{n}": _same(lambda w: w["plan"], "plan_id") for n in ("disbursement", "disbursement_import")},
    **{
        f"plans:{n}": _same(lambda w: w["plan"], "plan_id")
        for n in ("disbursement_template", "disbursement_slow", "disbursement_transfer")
    },
    "plans:disbursement_transfer_result": lambda w, side: {"plan_id": w["plan"].pk, "version_id": w["version"].pk},
    "plans:disbursement_project": lambda w, side: {"plan_id": w["plan"].pk, "code": w["public"][side].code},
    **{f"directives:{n}": _directive for n in ("detail", "edit", "delete", "extract_into")},
    **{f"directives:{n}": _task for n in ("task", "task_edit", "task_progress", "task_extend", "task_reopen")},
    "directives:task_delete": _task,
    "directives:update_attachment": _update,
    "directives:extension_decide": _both("extension"),
    "directives:notification_read": _both("notification"),
    "jobs:detail": _both("background_job"),
    "jobs:file": _both("background_job"),
    **{f"targets:{n}": _both("alert") for n in ("alert", "alert_send", "alert_dismiss")},
    "targets:link_add": lambda w, side: {"code": w["indicator"][0].code},
    "targets:link_remove": _both("indicator_project"),
    **{f"targets:{n}": _both("indicator", "code") for n in ("indicator", "indicator_edit", "target_create")},
    "targets:target_revise": _both("target"),
    "targets:term_edit": _same(lambda w: w["term"]),
    "workdays:remove": _same(lambda w: w["declared_day"]),
    "targets:records_preview": lambda w, side: {"job_id": w["background_job"][side].pk},
    # the GRDP scenario pages: the world's year and a year without a scenario
    "targets:scenario_year": lambda w, side: {"year": w["scenario"].year + side},
    "targets:scenario_summary": lambda w, side: {"year": w["scenario"].year + side, "months": 0},
    **{
        f"targets:{n}": _same(lambda w: w["scenario"])
        for n in ("scenario_edit", "scenario_adopt", "scenario_revise", "scenario_export")
    },
    # the petition desk: a petition's page, its actions (POST only) and its files, own and other
    "petitions:detail": _both("petition"),
    **{f"petitions:act_{n}": _both("petition") for n in _PETITION_ACTIONS},
    "petitions:attachment": lambda w, side: {
        "pk": w["petition"][side].pk,
        "attachment_pk": PetitionAttachment.objects.get(petition=w["petition"][side]).pk,
    },
    # petitions: the enterprise's own pages and the translations entry, on its petition and another's
    **{
        f"petitions:{n}": _both("petition")
        for n in ("my_petition", "my_reply", "my_rate", "my_reopen", "my_withdraw", "translate")
    },
    "petitions:my_attachment": lambda w, side: {
        "pk": w["petition"][side].pk,
        "attachment_pk": w["petition"][side].attachments.get().pk,
    },
    # dialogue conferences: the world's one, and its question's spot answer with the own and the other petition
    **{
        f"petitions:{n}": _same(lambda w: w["conference"])
        for n in (
            "conference",
            "conference_edit",
            "conference_question_add",
            "conference_question_link",
            "conference_conclusion",
            "conference_followup",
        )
    },  # fmt: skip
    # the portal's public-investment project pages: the two public projects (a private one is a 404 there)
    "portal:investment_detail": lambda w, side: {"code": w["public"][side].code},
    "petitions:conference_spot_answer": lambda w, side: {"pk": w["conference"].pk, "petition": w["petition"][side].pk},
    # the portal's opportunities: the published one, and the draft (a 404 for everyone on the public pages)
    **{f"portal:{n}": _both("opportunity", "code") for n in ("opportunity", "enquiry", "enquiry_sent")},
    "portal:opportunity_document": lambda w, side: {
        "code": w["opportunity"][side].code,
        "pk": OpportunityDocument.objects.get(opportunity=w["opportunity"][side]).pk,
    },
    # the portal's desk: the published and the draft opportunity, the published one's step and document
    **{
        f"portal_desk:{n}": _opportunity
        for n in (
            "opportunity",
            "opportunity_edit",
            "opportunity_publish",
            "opportunity_close",
            "step_create",
            "document_upload",
        )
    },  # fmt: skip
    **{f"portal_desk:{n}": _opportunity_part(ProcedureStep) for n in ("step_edit", "step_remove")},
    **{f"portal_desk:{n}": _opportunity_part(OpportunityDocument) for n in ("document", "document_remove")},
    "portal_desk:translate": lambda w, side: {"code": w["opportunity"][side].code, "field": "title", "language": "en"},
}

API_FILL = {
    "code": {"/api/agencies/": "agency", "/api/projects/": "project", "/api/targets/indicators/": "indicator"},
    "pk": {},
}
API_PK = {
    "/api/enterprises/": "enterprise",
    "/api/directives/": "directive",
    "/api/tasks/": "task",
    "/api/petitions/": "petition",
}
# path parameters filled with a record's number (Open311's service_request_id)
API_NUMBER = {"/api/open311/v2/requests/": "petition"}


def _patterns(resolver=None, prefix="", namespace=""):
    """(full name or None, route, namespace) of every URL pattern, through the includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _patterns(entry, route, ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, route, namespace


def _has_parameters(route: str) -> bool:
    return any(sign in route for sign in "<([\\")


def page_urls(w) -> list[tuple[str, str, int | None]]:
    """(pattern name, URL, side) of every page to walk; unfilled patterns fail here."""
    urls, unfilled = [], []
    for name, route, namespace in _patterns():
        if namespace in SKIPPED_NAMESPACES:
            if namespace == "admin" and name and not _has_parameters(route.removeprefix("^")):
                urls.append((name, reverse(name), None))
            if name in API_PAGES:
                urls.append((name, reverse(name), None))
            continue
        if name is None:
            unfilled.append(route)
        elif not _has_parameters(route):
            urls.append((name, reverse(name), None))
        elif name in FILL:
            urls += [(name, reverse(name, kwargs=FILL[name](w, side)), side) for side in (0, 1)]
        else:
            unfilled.append(f"{name} ({route})")
    assert not unfilled, f"URL patterns nobody considered (fill them in FILL or skip them with a reason): {unfilled}"
    return urls


def api_urls(client, w) -> list[tuple[str, str]]:
    """(operation, URL) of every GET operation of the OpenAPI document, path parameters filled own and other."""
    spec = client.get("/api/openapi.json").json()
    urls = []
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        params = re.findall(r"{(\w+)}", path)
        if not params:
            urls.append((path, path))
            continue
        base = path.split("{", 1)[0]
        for side in (0, 1):
            url = path
            for param in params:
                if base in API_NUMBER:
                    url = url.replace(f"{{{param}}}", w[API_NUMBER[base]][side].number)
                    continue
                kind = (API_FILL["code"] if param == "code" else API_PK).get(base)
                assert kind, f"API operation nobody considered: GET {path}"
                record = w[kind][side]
                url = url.replace(f"{{{param}}}", str(record.code if param == "code" else record.pk))
            urls.append((path, url))
    return urls


def body_text(response) -> str:
    """What a reader sees: HTML or JSON as text, an .xlsx's cells, a PDF's text, a file's bytes."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content[:2] == b"PK":  # .xlsx (or any zip): every XML part
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            return "".join(book.read(n).decode("utf-8", "replace") for n in book.namelist() if n.endswith(".xml"))
    if content[:4] == b"%PDF":
        return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8", "replace")


# The walk ----------------------------------------------------------------------------------------------------------


def walk(client, persona, w) -> tuple[int, list[str]]:
    forbidden = sorted(marker for marker, allowed in MARKERS.items() if persona not in allowed)
    failures = []
    urls = [(name, url, False) for name, url, _side in page_urls(w)]
    urls += [(name, url, True) for name, url in api_urls(_spec_client(w), w)]
    for name, url, is_api in urls:
        response = client.get(url)
        status = response.status_code
        if status >= 500:
            failures.append(f"{persona} GET {url} ({name}): {status}")
            continue
        if persona == "anonymous":
            public = name in PUBLIC or (name or "").startswith(("admin:", *PUBLIC_NAMESPACES))
            if is_api and name in PUBLIC_API:
                pass
            elif is_api and status != 401:
                failures.append(f"anonymous GET {url}: {status}, expected 401")
            elif not is_api and not public and not (status == 302 and "/login/" in response["Location"]):
                failures.append(f"anonymous GET {url} ({name}): {status}, expected a redirect to the login")
            elif (name or "").startswith("admin:") and status == 200 and name != "admin:login":
                failures.append(f"anonymous GET {url}: the admin answered 200")
        if persona == "admin" and (name or "").startswith("admin:"):
            continue  # the administrators' own tool shows every record by design
        if status == 200:
            text = body_text(response)
            failures += [f"{persona} GET {url} ({name}) shows {m}" for m in forbidden if m in text]
    return len(urls), failures


def _spec_client(w):
    from django.test import Client

    client = Client()
    client.force_login(w["users"]["admin"])
    return client


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_persona_sees_what_it_may_not(persona, world, client):
    if persona != "anonymous":
        client.force_login(world["users"][persona])
    count, failures = walk(client, persona, world)
    print(f"access matrix, {persona}: {count} GETs x {len(MARKERS)} marked records")  # the size, with -s
    assert not failures, "\n".join(failures)
    assert count > 100  # every page (own and other record) and every API read


def test_the_matrix_covers_every_kind_of_record(world):
    """Each kind of record the layer registers has a marker here (or is a directory every user reads)."""
    from tiendo.core import access

    # the communes' shapes are a directory (the public map draws them); an open-data publication holds only what the
    # public may read, and its report is the staff's page (tests/app/portal)
    directory = {AdminUnit, Agency, Source, Term, EconomicSector, DeclaredDay, CommuneShape, OpenDataPublication}
    covered = {
        Project, Milestone, ProgressReport, Document, Enterprise, Directive, Task, ProgressUpdate, ExtensionRequest,
        Notification, ReviewRound, ReviewItem, Finding, Plan, PlanVersion, PlanItem, PlanLine, SourceBudget,
        Disbursement, ImportJob, Job, Indicator, Target, Scenario, ScenarioCell, Alert, Publication, GrowthFigure,
        IndicatorValue, IndicatorProject, ComponentAgency, Summary, Petition, StateChange, PetitionPause,
        PetitionAttachment, Conference, Opportunity, Translation, ProcedureStep, OpportunityDocument,
    }  # fmt: skip
    registered = set(access.registered())
    assert covered <= registered
    missing = {m.__name__ for m in registered - covered - directory}
    # kinds read only through their project (its page shows them), or the engine's scan bookkeeping
    assert missing <= {"CapitalSource", "LegalDocument", "Sector", "Zone", "ScanRun", "Reorganisation"}, missing


def test_choice_lists_offer_only_visible_directives(world, client):
    """The task board's directive filter listed the 300 newest directives to every role (issue 11)."""
    client.force_login(world["users"]["officer"])
    body = client.get(reverse("directives:board")).content.decode()
    assert "MX-OWN-DIRECTIVE" in body and "MX-OTHER-DIRECTIVE" not in body
    client.force_login(world["users"]["investor"])
    assert client.get(reverse("directives:board")).status_code in (302, 403) or "MX-OWN-DIRECTIVE" not in (
        client.get(reverse("directives:board")).content.decode()
    )


def test_counts_are_the_personas_own(world, client):
    client.force_login(world["users"]["officer"])
    assert client.get("/api/tasks").json()["count"] == 1
    assert client.get("/api/directives").json()["count"] == 1
    assert len(client.get("/api/projects").json()["items"]) == 2  # its private and its public project
    client.force_login(world["users"]["investor"])
    assert client.get("/api/tasks").json()["count"] == 0
    assert [p["code"] for p in client.get("/api/projects").json()["items"]] == ["MXP-OWN"]


def test_the_investor_sees_what_it_must_do_not_what_the_authority_deliberates(world, client):
    client.force_login(world["users"]["investor"])
    body = client.get(reverse("projects:detail", args=["MXP-OWN"])).content.decode()
    assert "MX-OWN-MILESTONE" in body  # its late milestone
    assert 'id="owed-reports"' in body  # its missing quarterly reports and their deadlines
    assert "MX-DECISION-OWN" in body and "MX-CLOSED-ROUND" in body  # the decision taken
    for hidden in ('id="schedule-review"', 'id="reviews"', "MX-PROPOSAL-OWN", "MX-NOTE-OWN", "MX-CLOSED-PROPOSAL"):
        assert hidden not in body
    # the staff see the engine's proposals on the same page
    client.force_login(world["users"]["specialist"])
    body = client.get(reverse("projects:detail", args=["MXP-OWN"])).content.decode()
    assert 'id="schedule-review"' in body and "MX-PROPOSAL-OWN" in body
