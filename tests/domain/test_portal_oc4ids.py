"""OC4IDS from tiendo's facts (tiendo.domain.portal.oc4ids): the status rule, ids, amounts with their currency, no
empty value, every organisation named among the parties; the lib-cove-oc4ids checks; the CoST IDS coverage."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tiendo.domain.portal import oc4ids
from tiendo.domain.portal import oc4ids_checks as checks
from tiendo.domain.portal.oc4ids_coverage import NOT_KEPT, Element, Stage, coverage
from tiendo.domain.portal.oc4ids_facts import (
    DocumentFact,
    Extension,
    Funding,
    MilestoneFact,
    Organisation,
    Payment,
    Place,
    Progress,
    ProjectFacts,
)

TODAY = date(2025, 6, 15)
OWNER = Organisation("HD-BQLDA", "Ban Quản lý dự án", "Số 1 đường Thanh Niên", "tỉnh Hải Dương", "0220 3850 000")
COMMITTEE = Organisation("HD-UBND", "Ủy ban nhân dân tỉnh Hải Dương")
MINISTRY = Organisation("central-budget", "Bộ Tài chính (ngân sách trung ương)")


def road(**changes) -> ProjectFacts:
    """A district road under construction: decided, funded by two budgets, reported on, paid monthly."""
    facts = ProjectFacts(
        code="HD-2021-0001",
        title="Cải tạo, nâng cấp đường tỉnh 391",
        status="implementing",
        description="Dự án đầu tư công (Nhóm B).",
        sector="GT",
        place=Place("xã Thái Tân", "11311", "tỉnh Hải Dương", 20.95, 106.33),
        owner=OWNER,
        total_investment=120_000_000_000,
        policy_date=date(2021, 3, 1),
        decision_date=date(2021, 9, 10),
        start_year=2021,
        finish_year=2024,
        fundings=(
            Funding("central_budget", "Ngân sách trung ương", 70_000_000_000, MINISTRY),
            Funding("local_budget", "Ngân sách địa phương", 50_000_000_000, COMMITTEE),
            Funding("equity", "Vốn khác", 0),
        ),
        milestones=(
            MilestoneFact(
                "site_clearance", "Giải phóng mặt bằng", date(2022, 6, 30), date(2022, 6, 30), date(2022, 9, 1)
            ),
            MilestoneFact("construction_start", "Khởi công", date(2022, 10, 1), date(2022, 10, 1), date(2022, 10, 5)),
            MilestoneFact("completion", "Hoàn thành", date(2023, 12, 31), date(2024, 12, 31)),
        ),  # fmt: skip
        progress=(
            Progress(date(2023, 3, 31), Decimal("20.00"), 10_000_000_000),
            Progress(date(2023, 6, 30), Decimal("35.50"), 30_000_000_000),
        ),
        payments=(
            Payment(date(2024, 2, 1), "NSTW", 2_000_000_000, MINISTRY),
            Payment(date(2024, 2, 1), "NSDP", 1_000_000_000, COMMITTEE),
            Payment(date(2024, 3, 1), "NSDP", 0, COMMITTEE),
        ),
        documents=(
            DocumentFact("policy", "Quyết định chủ trương đầu tư số 15/NQ-HĐND", date(2021, 3, 1), "HĐND tỉnh"),
            DocumentFact("investment", "Quyết định đầu tư số 2200/QĐ-UBND", date(2021, 9, 10), "UBND tỉnh"),
            DocumentFact("other", "Văn bản khác số 9", date(2022, 1, 5)),
        ),
        land_area_m2=41_759.0,
        households=113,
    )
    return replace(facts, **changes)


def mapped(facts: ProjectFacts | None = None, **kwargs) -> dict:
    return oc4ids.project(facts or road(), prefix="tiendo", today=TODAY, **kwargs)


# The status rule -------------------------------------------------------------------------------------------------


def _status(status, *, policy=None, decision=None, done=()):
    milestones = tuple(MilestoneFact(kind, kind, done=date(2024, 1, 1)) for kind in done)
    facts = ProjectFacts("X", "X", status, policy_date=policy, decision_date=decision, milestones=milestones)
    return oc4ids.project_status(facts)


@pytest.mark.parametrize(
    ("status", "policy", "decision", "done", "expected"),
    [
        ("preparing", None, None, (), "identification"),
        ("preparing", date(2021, 3, 1), None, (), "preparation"),
        ("preparing", date(2021, 3, 1), date(2021, 9, 1), (), "implementation"),  # decided: the works are procured
        ("preparing", None, None, ("construction_start",), "implementation"),
        ("implementing", None, None, (), "implementation"),
        ("suspended", date(2021, 3, 1), None, (), "implementation"),  # OC4IDS has no "suspended": still its stage
        ("implementing", None, None, ("completion",), "completion"),
        ("operating", None, None, (), "completion"),
        ("completed", None, None, (), "completion"),
        ("terminated", date(2021, 3, 1), date(2021, 9, 1), ("construction_start",), "cancelled"),
    ],
)
def test_status_follows_the_project_its_decisions_and_milestones(status, policy, decision, done, expected):
    assert _status(status, policy=policy, decision=decision, done=done) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Cải tạo, nâng cấp đường tỉnh 391", "rehabilitation"),
        ("Cải tạo, mở rộng đường giao thông liên xã", "expansion"),
        ("Tu bổ, tôn tạo khu di tích Côn Sơn", "rehabilitation"),
        ("Xây dựng cầu Hàn qua sông Thái Bình", "construction"),
        ("Trường Mầm non Hoa Sen", "construction"),
        ("Thay thế cầu yếu trên đường huyện", "replacement"),
    ],
)
def test_type_from_the_words_of_the_name(title, expected):
    assert oc4ids.project_type(title) == expected


# Ids, amounts, parties -------------------------------------------------------------------------------------------


def test_ids_carry_the_registered_prefix():
    assert oc4ids.project_id("tiendo", "HD-2021-0001") == "oc4ids-tiendo-HD-2021-0001"
    assert oc4ids.PROJECT_ID.match(mapped()["id"])
    for bad in ("tien", "TIENDO", "tien-o", "tiendo1"):
        with pytest.raises(ValueError):
            oc4ids.project_id(bad, "X")


def test_every_amount_has_its_currency_and_no_value_is_empty():
    project = mapped()
    package = {"projects": [project]}
    assert checks.additional_checks(package) == []
    amounts = [v for _p, v in checks._nodes(project) if isinstance(v, dict) and "amount" in v and "currency" in v]
    assert len(amounts) == 7 and {a["currency"] for a in amounts} == {"VND"}
    # a zero-amount funding and a month with nothing paid are left out rather than published empty or as 0
    assert [line["id"] for line in project["budget"]["budgetBreakdowns"][0]["budgetBreakdown"]] == [
        "central_budget",
        "local_budget",
    ]
    assert [t["id"] for t in project["transactions"]] == ["2024-02-NSDP", "2024-02-NSTW"]


def test_every_organisation_named_is_a_party_with_its_roles():
    project = mapped()
    parties = {party["id"]: party for party in project["parties"]}
    assert project["publicAuthority"] == {"id": "HD-BQLDA", "name": "Ban Quản lý dự án"}
    assert parties["HD-BQLDA"]["roles"] == ["publicAuthority", "payee"]
    assert parties["HD-BQLDA"]["address"] == {
        "streetAddress": "Số 1 đường Thanh Niên",
        "region": "tỉnh Hải Dương",
        "countryName": "Viet Nam",
    }
    assert parties["HD-BQLDA"]["contactPoint"] == {"telephone": "0220 3850 000"}  # no empty e-mail
    assert parties["central-budget"]["roles"] == ["funder", "payer"]
    assert "address" not in parties["central-budget"]
    references = [t["payer"]["id"] for t in project["transactions"]] + [
        line["sourceParty"]["id"] for line in project["budget"]["budgetBreakdowns"][0]["budgetBreakdown"]
    ]
    assert set(references) <= set(parties)


def test_an_owner_that_also_funds_is_one_party_with_both_roles():
    project = mapped(road(owner=COMMITTEE))
    committee = [party for party in project["parties"] if party["id"] == "HD-UBND"]
    assert len(committee) == 1 and committee[0]["roles"] == ["publicAuthority", "funder", "payer", "payee"]


def test_budget_periods_and_place():
    project = mapped()
    assert project["budget"]["amount"] == {"amount": 120_000_000_000, "currency": "VND"}
    assert project["budget"]["approvalDate"] == "2021-09-10T00:00:00+07:00"
    assert project["period"] == {"startDate": "2021-01-01T00:00:00+07:00", "endDate": "2024-12-31T00:00:00+07:00"}
    assert project["identificationPeriod"] == {"endDate": "2021-03-01T00:00:00+07:00"}
    assert project["preparationPeriod"]["endDate"] == "2021-09-10T00:00:00+07:00"
    assert project["implementationPeriod"] == {
        "startDate": "2021-09-10T00:00:00+07:00",
        "endDate": "2024-12-31T00:00:00+07:00",
    }
    assert "completionPeriod" not in project and "completion" not in project
    location = project["locations"][0]
    assert location["geometry"] == {"type": "Point", "coordinates": [106.33, 20.95]}  # [longitude, latitude]
    assert location["gazetteer"] == {"scheme": oc4ids.GAZETTEER_SCHEME, "identifiers": ["11311"]}
    assert location["address"]["locality"] == "xã Thái Tân"
    assert project["sector"] == ["transport"] and project["type"] == "rehabilitation"


def test_what_is_not_known_is_left_out():
    bare = ProjectFacts("HD-9", "Trạm y tế xã", "preparing", place=Place(commune="xã An Bình"))
    project = mapped(bare)
    assert project["status"] == "identification"
    assert project["locations"] == [
        {"id": "1", "description": "xã An Bình", "address": {"locality": "xã An Bình", "countryName": "Viet Nam"}}
    ]
    for absent in ("budget", "parties", "publicAuthority", "milestones", "metrics", "transactions", "sector",
                   "documents", "description", "period"):  # fmt: skip
        assert absent not in project, absent
    assert checks.additional_checks({"projects": [project]}) == []


def test_sectors_map_to_the_codelist_and_an_unknown_one_is_left_out():
    assert oc4ids.sectors("BDS") == ["urbanDevelopment"]
    assert oc4ids.sectors("TL") == ["naturalResources"]
    assert oc4ids.sectors("XYZ") == []
    assert mapped(road(sector="XYZ"), sector_table={"XYZ": ("energy.solar",)})["sector"] == ["energy.solar"]


def test_milestones_with_approvals_status_and_moved_dates():
    milestones = {m["id"]: m for m in mapped()["milestones"]}
    assert milestones["policy-decision"]["code"] == "projectApproval"
    assert milestones["investment-decision"]["dateMet"] == "2021-09-10T00:00:00+07:00"
    assert milestones["site_clearance"]["status"] == "met"
    assert milestones["construction_start"]["code"] == "commencement"
    completion = milestones["completion"]  # not done, due 31/12/2024, seen on 15/06/2025
    assert completion["status"] == "notMet" and completion["dueDate"] == "2024-12-31T00:00:00+07:00"
    assert completion["description"] == "First due 31/12/2023, moved to 31/12/2024."
    earlier = {m["id"]: m for m in oc4ids.project(road(), prefix="tiendo", today=date(2024, 6, 1))["milestones"]}
    assert earlier["completion"]["status"] == "scheduled"


def test_progress_as_metrics_in_percent_and_the_plan_as_forecast():
    project = mapped()
    physical, financial = project["metrics"]
    assert physical["id"] == "physicalProgress"
    assert [o["measure"] for o in physical["observations"]] == [20.0, 35.5]
    assert physical["observations"][0]["unit"] == {"name": "percent", "scheme": "UNCEFACT", "id": "P1"}
    assert financial["observations"][1]["value"] == {"amount": 30_000_000_000, "currency": "VND"}
    assert financial["observations"][1]["measure"] == 25.0  # 30 of 120 billion
    assert project["forecasts"][0]["observations"][0]["measure"] == 100


def test_completion_where_completed_with_the_reasons_for_its_date():
    extension = Extension(date(2023, 11, 20), "120/QĐ-UBND", date(2023, 12, 31), date(2024, 12, 31), "Chậm bàn giao")
    milestones = (
        MilestoneFact("completion", "Hoàn thành", date(2023, 12, 31), date(2024, 12, 31), date(2025, 1, 20),
                      (extension,)),
    )  # fmt: skip
    project = mapped(road(status="completed", milestones=milestones))
    completion = project["completion"]
    assert project["status"] == "completion"
    assert completion["endDate"] == "2025-01-20T00:00:00+07:00"
    assert completion["finalValue"] == {"amount": 30_000_000_000, "currency": "VND"}
    assert "120/QĐ-UBND" in completion["endDateDetails"] and "Chậm bàn giao" in completion["endDateDetails"]
    assert "20 days after" in completion["endDateDetails"]
    on_time = (MilestoneFact("completion", "Hoàn thành", date(2023, 12, 31), date(2023, 12, 31), date(2023, 12, 1)),)
    details = mapped(road(status="completed", milestones=on_time))["completion"]["endDateDetails"]
    assert details == "Done on 01/12/2023, by the first due date, unchanged."


def test_documents_with_their_types_and_the_land_impact():
    documents = {d["id"]: d for d in mapped()["documents"]}
    assert documents["policy-1"]["documentType"] == "budgetApproval"
    assert documents["investment-2"]["documentType"] == "budgetApproval"
    assert "documentType" not in documents["other-3"]
    assert documents["land-and-settlement"]["documentType"] == "landAndSettlementImpact"
    assert documents["land-and-settlement"]["description"] == "Land to clear: 41,759 m². Households affected: 113."


def test_pruned_keeps_zero_and_false():
    assert oc4ids.pruned({"a": "", "b": {}, "c": [], "d": None, "e": 0, "f": False, "g": [{"h": " "}], "i": " x "}) == {
        "e": 0,
        "f": False,
        "i": "x",
    }


# The checks ------------------------------------------------------------------------------------------------------


def test_the_checks_find_what_the_data_review_tool_finds():
    project = mapped()
    project["budget"]["amount"] = {"amount": 5}
    project["title"] = " "
    project["transactions"][0]["payer"] = {"id": "nobody", "name": "Ai đó"}
    twin = dict(project, id="tiendo-HD-2")
    findings = checks.additional_checks({"projects": [project, twin, dict(twin)]})
    codes = {(f.code, f.path) for f in findings}
    assert ("missing-currency", "/projects/0/budget/amount") in codes
    assert ("missing-values", "/projects/0/title") in codes
    assert ("missing-org-refs", "/projects/0/transactions/0/payer/id") in codes
    assert ("invalid-project-ids", "/projects/1/id") in codes
    assert ("duplicate-project-ids", "/projects/2/id") in codes
    assert all(f.severity == checks.ERROR for f in findings)


def test_codelists_closed_are_errors_open_are_warnings():
    schema = {
        "properties": {
            "status": {"type": "string", "codelist": "projectStatus.csv", "openCodelist": False},
            "sector": {"type": "array", "codelist": "projectSector.csv", "openCodelist": True},
            "parties": {"type": "array", "items": {"$ref": "#/definitions/Organization"}},
        },
        "definitions": {
            "Organization": {
                "properties": {"roles": {"type": ["array"], "codelist": "partyRole.csv", "openCodelist": True}}
            }
        },
    }  # fmt: skip
    fields = checks.codelist_fields(schema)
    assert fields[("parties", "[]", "roles", "[]")] == ("partyRole.csv", True)
    lists = {
        "projectStatus.csv": frozenset({"implementation"}),
        "projectSector.csv": frozenset({"transport"}),
        "partyRole.csv": frozenset({"funder"}),
    }
    package = {"projects": [{"status": "building", "sector": ["transport", "urbanDevelopment"],
                             "parties": [{"roles": ["funder", "owner"]}]}]}  # fmt: skip
    found = {(f.severity, f.path) for f in checks.codelist_checks(package, fields, lists)}
    assert found == {
        (checks.ERROR, "/projects/0/status"),
        (checks.WARNING, "/projects/0/sector/1"),
        (checks.WARNING, "/projects/0/parties/0/roles/1"),
    }


# The coverage ----------------------------------------------------------------------------------------------------


def test_coverage_counts_the_cost_ids_elements_where_the_mapping_puts_them():
    result = coverage(mapped())
    assert result.count(Stage.IDENTIFICATION) == 5  # owner, sector, name, location, description
    assert set(result.missing(Stage.IDENTIFICATION)) == {Element.SUBSECTOR, Element.PURPOSE}
    assert result.count(Stage.PREPARATION) == 5  # land, contact, funding, budget, approval
    assert set(result.missing(Stage.PREPARATION)) == {Element.SCOPE, Element.ENVIRONMENT}
    assert not result.completion_due
    assert result.to_complete() == ()  # what is missing is what tiendo does not keep


def test_coverage_names_what_the_department_can_complete():
    bare = ProjectFacts("HD-9", "Trạm y tế xã", "completed")
    result = coverage(mapped(bare))
    assert result.completion_due
    assert result.count(Stage.COMPLETION) == 1  # the status alone
    can_do = set(result.to_complete())
    assert {Element.OWNER, Element.SECTOR, Element.LOCATION, Element.BUDGET, Element.COMPLETION_DATE} <= can_do
    assert not can_do & NOT_KEPT
