"""A world holding everything a public page could wrongly show, each piece carrying a marker, for the portal's
quality gates (the sitemap leak test, the browser's accessibility walk, the cache tests).

SHOWN markers are what the public visitor is meant to read (a test that finds none of them would prove nothing);
HIDDEN markers must never reach a public page, in any language. Each says where it is planted and why it is not
public. The officers' e-mails and phones are real-looking (a page printing them would not print "MQ-…").
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from tiendo.accounts.models import User
from tiendo.directives.models import Directive
from tiendo.domain import money
from tiendo.domain.access import Role
from tiendo.domain.portal.translation import fingerprint
from tiendo.petitions.models import Petition
from tiendo.plans.models import Plan, PlanItem, PlanLine, PlanVersion, ProjectFunding, Source, SourceBudget
from tiendo.portal.models import Opportunity, OpportunityDocument, ProcedureStep, Translation
from tiendo.projects.models import CapitalSource, Document, LegalDocument, Milestone, ProgressReport, Project, Sector
from tiendo.reviews.models import Finding, ReviewItem, ReviewRound, ScanRun

BASE_URL = "https://dautu.example.gov.vn"  # TIENDO_BASE_URL while the tests run: the sitemap's addresses start so

SHOWN = {
    "MQ-PUB-OPPORTUNITY": "the Vietnamese title of a published opportunity",
    "MQ-PUB-TRANSLATION-EN": "its English title, reviewed against the current Vietnamese",
    "MQ-PUB-PROJECT": "the name of a public-investment project (what the Law on Public Investment makes public)",
    "MQ-DECIDED-HANDLING": "the conclusion notice that decided a late public project's handling, once the round is "
    "closed (its number and date; the page gives the measure in words)",
}

OFFICER_EMAIL = "tran.thi.binh@skhdt.haiduong.gov.vn"
OFFICER_PHONE = "0912 345 678"
SPECIALIST_EMAIL = "le.van.cuong@skhdt.haiduong.gov.vn"
SPECIALIST_PHONE = "0987 654 321"
LEADER_EMAIL = "pham.minh.duc@haiduong.gov.vn"
LEADER_PHONE = "0913 222 444"
ENQUIRER_CONTACT = "wang.lei@example.cn"
DRAFT_PLAN_AMOUNT = 73_819_000_000  # a draft adjustment's line: no other figure of the world comes near it
# the draft's figure as a page would print it, in each language, in tỷ and in triệu
DRAFT_PLAN_FIGURES = {
    money.format_vnd_in(DRAFT_PLAN_AMOUNT, language, unit)
    for language in ("vi", "en", "zh-hans")
    for unit in ("tỷ", "triệu")
}

HIDDEN = {
    # opportunities: only published ones, and only reviewed translations of their current Vietnamese
    "MQ-DRAFT-OPPORTUNITY": "the title of an opportunity still being written (state draft)",
    "MQ-DRAFT-SUMMARY": "the description of that draft",
    "MQ-DRAFT-DOCUMENT": "a document attached to the draft",
    "MQ-DRAFT-OPP-TRANSLATION": "a reviewed English title of the draft (reviewed does not make a draft public)",
    "MQ-CLOSED-OPPORTUNITY": "an opportunity no longer offered (state closed)",
    "MQ-UNREVIEWED-TRANSLATION": "a Chinese title of the published opportunity nobody has reviewed yet",
    "MQ-STALE-TRANSLATION": "an English description reviewed against an older Vietnamese text: a draft again",
    # projects: only the public-investment ones, and only their whitelisted fields
    "MQ-DOMESTIC-PROJECT": "a domestic investor's project (the investor's business, not public investment)",
    "MQ-FDI-PROJECT": "a foreign-invested project",
    "MQ-DELETED-PROJECT": "a public project deleted from the registry (kept for history only)",
    "MQ-MILESTONE-NOTE": "the officer's note on the public project's late milestone",
    "MQ-REPORT-PROBLEMS": "the problems and proposals the owner wrote in a progress report",
    "MQ-INTERNAL-DOCUMENT": "a scan uploaded to the project's file (not a published decision)",
    # the engine and the reviews: never the unconfirmed findings or proposals, nor the specialists' notes
    "MQRULELATE": "the rule id of the engine's finding on the late public project",
    "MQ-FINDING-EXPLANATION": "the engine's reasoning for that finding",
    "MQ-OPEN-ROUND": "the title of a review round in progress",
    "MQ-PROPOSAL": "the handling a specialist proposes in that round, not yet decided",
    "MQ-REVIEW-NOTE": "the specialist's note on the item",
    "MQ-CLOSED-PROPOSAL": "the proposal of a closed round (its decision is public, the proposal is not)",
    "MQ-CLOSED-NOTE": "the specialist's note of the closed round",
    "MQ-DECISION-TEXT": "the leader's own words on the decision (they may name officers): the measure is given in "
    "words instead",
    "MQ-NOTICE-SIGNER": "who signed the conclusion notice",
    "MQ-NOTICE-TEXT": "the conclusion notice's full text",
    # people: officers' names, e-mails and phones; an enquirer's identity
    "MQ-OFFICER-NAME": "the full name of the officer who follows the project",
    OFFICER_EMAIL: "that officer's e-mail",
    OFFICER_PHONE: "that officer's mobile phone",
    "MQ-SPECIALIST-NAME": "the specialist who translated and reviewed the texts",
    SPECIALIST_EMAIL: "the specialist's e-mail",
    SPECIALIST_PHONE: "the specialist's phone",
    LEADER_EMAIL: "the e-mail of the leader who decided the closed round",
    LEADER_PHONE: "the leader's phone",
    # petitions and enquiries: the department's queue, not the portal
    "MQ-PETITION": "an enterprise's petition in progress (title)",
    "MQ-PETITION-TEXT": "its text",
    "MQ-ENQUIRER-NAME": "the name of an investor who sent an enquiry (personal data)",
    ENQUIRER_CONTACT: "that investor's contact",
    # plans: only the approved version's figures
    "MQ-PLAN-DRAFT": "the title of a plan adjustment still in draft",
    **{figure: "the draft's allocation to the public project" for figure in DRAFT_PLAN_FIGURES},
}


def _user(username: str, role: Role, **extra) -> User:
    user = User(username=username, role=role.value, **extra)
    user.set_password("q-world-password")
    user.save()
    return user


def _project(code: str, name: str, kind: str, agency, commune, investor=None, **extra) -> Project:
    project = Project.objects.create(
        code=code, name=name, kind=kind, group="C" if kind == "public" else "", status="implementing",
        agency=agency, investor=investor, commune=commune, total_investment=50_000_000_000,
        policy_decision_number="12/NQ-HĐND" if kind == "public" else "", policy_decision_date=date(2021, 6, 1),
        certificate_number="" if kind == "public" else f"GCN-{code}", **extra,
    )  # fmt: skip
    ProjectFunding.objects.create(project=project, first_allocation_year=2024)
    return project


def build(*, agency_x, agency_y, commune, enterprise_a, people_committee) -> dict:
    """Every record of the module docstring; returns what the tests need by name and `planted`: the markers put
    in the database (the test checks that it planted every one it looks for)."""
    w: dict = {}
    officer = _user("q_officer", Role.OFFICER, agency=agency_x, full_name="Trần Thị Bình MQ-OFFICER-NAME",
                    email=OFFICER_EMAIL, phone=OFFICER_PHONE)  # fmt: skip
    specialist = _user("q_specialist", Role.SPECIALIST, agency=agency_x, full_name="Lê Văn Cường MQ-SPECIALIST-NAME",
                       email=SPECIALIST_EMAIL, phone=SPECIALIST_PHONE)  # fmt: skip
    leader = _user("q_leader", Role.LEADER, agency=people_committee, full_name="Phạm Minh Đức",
                   email=LEADER_EMAIL, phone=LEADER_PHONE)  # fmt: skip
    w["users"] = {"officer": officer, "specialist": specialist, "leader": leader}
    _opportunities(w, agency_x, commune, specialist)
    _projects(w, agency_x, commune, enterprise_a, officer, specialist, leader)
    _petitions(w, agency_x, enterprise_a, officer)
    _plan_draft(w)
    return w


def _opportunities(w, agency_x, commune, specialist) -> None:
    sector = Sector.objects.create(code="QCB", name="Công nghiệp chế biến", name_en="Processing industry")
    w["sector"] = sector
    made = {}
    for key, title, summary, state in (
        ("published", "MQ-PUB-OPPORTUNITY Nhà máy chế biến nông sản", "Khu đất sạch 12 ha, gần quốc lộ 5.",
         Opportunity.State.PUBLISHED),
        ("draft", "MQ-DRAFT-OPPORTUNITY Trung tâm kho vận", "MQ-DRAFT-SUMMARY chưa hoàn thiện",
         Opportunity.State.DRAFT),
        ("closed", "MQ-CLOSED-OPPORTUNITY Khu nhà ở xã hội", "Đã chọn được nhà đầu tư.", Opportunity.State.CLOSED),
    ):  # fmt: skip
        made[key] = Opportunity.objects.create(
            code=f"MQO-{key.upper()}", origin="province_decision", origin_document="QĐ 100/QĐ-UBND",
            origin_date=date(2025, 3, 1), title=title, summary=summary, sector=sector, commune=commune,
            selection_form="investor_bidding", land_status="cleared", agency=agency_x, state=state, area_ha=12,
            capital=500_000_000_000, contact_name="Phòng Xúc tiến đầu tư", contact_phone="0220 3850 123",
            contact_email="xuctien@skhdt.haiduong.gov.vn",
            published_on=date(2025, 4, 1) if state != Opportunity.State.DRAFT else None,
        )  # fmt: skip
    published, draft = made["published"], made["draft"]
    w["opportunity"] = made
    now = timezone.now()
    reviewed = {"reviewed": True, "translated_by": specialist, "reviewed_by": specialist, "reviewed_at": now}
    Translation.objects.create(
        opportunity=published, field="title", language="en", text="MQ-PUB-TRANSLATION-EN Farm produce plant",
        made_from=fingerprint(published.title), **reviewed,
    )  # fmt: skip
    Translation.objects.create(
        opportunity=published, field="title", language="zh", text="MQ-UNREVIEWED-TRANSLATION 农产品加工厂",
        made_from=fingerprint(published.title), translated_by=specialist, translated_at=now,
    )  # fmt: skip
    Translation.objects.create(
        opportunity=published, field="summary", language="en", text="MQ-STALE-TRANSLATION A 10 ha site.",
        made_from=fingerprint("Khu đất 10 ha."), **reviewed,
    )  # fmt: skip
    Translation.objects.create(
        opportunity=draft, field="title", language="en", text="MQ-DRAFT-OPP-TRANSLATION Logistics hub",
        made_from=fingerprint(draft.title), **reviewed,
    )  # fmt: skip
    for opportunity in (published, draft):
        ProcedureStep.objects.create(
            opportunity=opportunity, order=1, step="policy_approval", agency=agency_x, working_days=35,
            legal_basis="Luật Đầu tư 2020, Điều 33",
        )  # fmt: skip
    OpportunityDocument.objects.create(
        opportunity=published, kind="site_plan", title="Sơ đồ vị trí khu đất", file=ContentFile(b"map", "site.pdf")
    )
    OpportunityDocument.objects.create(
        opportunity=draft, kind="site_plan", title="MQ-DRAFT-DOCUMENT sơ đồ", file=ContentFile(b"map", "draft.pdf")
    )


def _projects(w, agency_x, commune, enterprise_a, officer, specialist, leader) -> None:
    public = _project("MQP-PUB", "MQ-PUB-PROJECT Đường trục xã Thái Tân", "public", agency_x, commune)
    w["public"] = public
    w["private"] = (
        _project("MQP-DOM", "MQ-DOMESTIC-PROJECT Nhà máy may", "private", agency_x, commune, enterprise_a),
        _project("MQP-FDI", "MQ-FDI-PROJECT Nhà máy linh kiện", "fdi", agency_x, commune, enterprise_a),
    )
    deleted = _project("MQP-DEL", "MQ-DELETED-PROJECT Trường tiểu học", "public", agency_x, commune)
    deleted.soft_delete(officer, "nhập trùng")  # kept for history, gone from the registry
    CapitalSource.objects.create(project=public, source="local_budget", amount=50_000_000_000)
    LegalDocument.objects.create(
        project=public, kind="policy", number="12/NQ-HĐND", date=date(2021, 6, 1), issuer="HĐND tỉnh"
    )
    Milestone.objects.create(
        project=public, kind="construction_start", first_due=date(2022, 12, 31), current_due=date(2022, 12, 31),
        note="MQ-MILESTONE-NOTE chờ giải phóng mặt bằng",
    )  # fmt: skip
    ProgressReport.objects.create(
        project=public, period_end=date(2024, 3, 31), physical_progress=10, disbursed_to_date=1_000_000_000,
        problems="MQ-REPORT-PROBLEMS vướng mặt bằng", submitted_at=datetime(2024, 4, 5, tzinfo=UTC),
        submitted_by=officer,
    )  # fmt: skip
    Document.objects.create(
        project=public, title="MQ-INTERNAL-DOCUMENT biên bản", file=ContentFile(b"scan", "bb.pdf"), uploaded_by=officer
    )
    run = ScanRun.objects.create(as_of=date(2024, 6, 1), finished_at=timezone.now())
    Finding.objects.create(
        run=run, project=public, rule="MQRULELATE", severity="high", citation="Điều 48 Luật Đầu tư",
        proposal="terminate", explanation="MQ-FINDING-EXPLANATION chậm 18 tháng",
    )  # fmt: skip
    open_round = ReviewRound.objects.create(title="MQ-OPEN-ROUND quý II", as_of=date(2024, 6, 1), opened_by=specialist)
    ReviewItem.objects.create(
        round=open_round, project=public, proposal="suspend", proposal_text="MQ-PROPOSAL tạm dừng",
        legal_ground="Điều 47", note="MQ-REVIEW-NOTE hỏi lại chủ đầu tư", days_behind=150,
        findings=[{"rule": "MQRULELATE", "explanation": "MQ-FINDING-EXPLANATION"}],
    )  # fmt: skip
    notice = Directive.objects.create(
        number="MQ-DECIDED-HANDLING/TB-UBND", issued_on=date(2024, 4, 2), issuer="UBND tỉnh",
        signer="MQ-NOTICE-SIGNER Phó Chủ tịch", title="Thông báo kết luận rà soát quý I",
        text="MQ-NOTICE-TEXT giao Sở Kế hoạch và Đầu tư theo dõi",
    )  # fmt: skip
    closed_round = ReviewRound.objects.create(
        title="Rà soát quý I", as_of=date(2024, 3, 1), opened_by=specialist, state="closed", conclusion=notice
    )
    ReviewItem.objects.create(
        round=closed_round, project=public, proposal="extend", proposal_text="MQ-CLOSED-PROPOSAL",
        legal_ground="Điều 46", note="MQ-CLOSED-NOTE", confirmed=True, decision="other",
        decision_text="MQ-DECISION-TEXT gia hạn, đồng chí Bình theo dõi", decided_by=leader, decided_at=timezone.now(),
    )  # fmt: skip


def _petitions(w, agency_x, enterprise_a, officer) -> None:
    today = timezone.localdate()
    Petition.objects.create(
        number="KN-MQ-1", channel="letter", received_on=today, enterprise=enterprise_a, agency=agency_x,
        officer=officer, title="MQ-PETITION chậm cấp phép", text="MQ-PETITION-TEXT đề nghị xem xét",
        state="in_progress", due_on=today,
    )  # fmt: skip
    Petition.objects.create(
        number="KN-MQ-2", channel="public_portal", topic="investment_enquiry", received_on=today,
        petitioner_name="MQ-ENQUIRER-NAME Wang Lei", petitioner_contact=ENQUIRER_CONTACT, agency=agency_x,
        title="Investment enquiry", text="We would like to visit the site.", state="received", due_on=today,
    )  # fmt: skip


def _plan_draft(w) -> None:
    """This year's plan: the approved version, and an adjustment in draft moving the public project's line."""
    year = timezone.localdate().year
    source = Source.objects.create(code="QNSDP", name="Ngân sách địa phương", level="local", order=1)
    plan = Plan.objects.create(kind="annual", first_year=year, last_year=year, title=f"Kế hoạch năm {year}")
    for number, state, title, amount in (
        (1, "approved", f"Giao kế hoạch năm {year}", 15_000_000_000),
        (2, "draft", "MQ-PLAN-DRAFT điều chỉnh", DRAFT_PLAN_AMOUNT),
    ):
        version = PlanVersion.objects.create(
            plan=plan, number=number, purpose="initial" if number == 1 else "adjustment", state=state, title=title,
            decision_number="01/NQ-HĐND" if state == "approved" else "", decision_body="provincial_council",
            decision_date=date(year - 1, 12, 10) if state == "approved" else None,
        )  # fmt: skip
        SourceBudget.objects.create(version=version, source=source, available=100_000_000_000)
        item = PlanItem.objects.create(
            version=version, project=w["public"], tier="transitional_on_schedule", need=80_000_000_000,
            eligible_sources=["QNSDP"],
        )  # fmt: skip
        PlanLine.objects.create(version=version, item=item, source=source, amount=amount)
    w["plan"] = plan
