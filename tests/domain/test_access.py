"""The access table: one row per role, for an agency's and an enterprise's records."""

import pytest

from tiendo.domain import access
from tiendo.domain.access import Actor, Role

OWN, OTHER = 1, 2


@pytest.mark.parametrize(
    ("actor", "read_own", "read_other", "edit_own", "edit_other"),
    [
        (Actor(Role.LEADER), True, True, False, False),
        (Actor(Role.SPECIALIST), True, True, True, True),
        (Actor(Role.ADMIN), True, True, True, True),
        (Actor(Role.OFFICER, frozenset({OWN})), True, False, True, False),
        (Actor(Role.INVESTOR, enterprise_id=OWN), False, False, False, False),
    ],
)
def test_agency_records(actor, read_own, read_other, edit_own, edit_other):
    assert access.can_read_agency_records(actor, OWN) is read_own
    assert access.can_read_agency_records(actor, OTHER) is read_other
    assert access.can_edit_agency_profile(actor, OWN) is edit_own
    assert access.can_edit_agency_profile(actor, OTHER) is edit_other


@pytest.mark.parametrize(
    ("actor", "read_own", "read_other", "edit_own", "delete"),
    [
        (Actor(Role.LEADER), True, True, False, False),
        (Actor(Role.SPECIALIST), True, True, True, True),
        (Actor(Role.OFFICER, frozenset({OWN})), False, False, False, False),
        (Actor(Role.INVESTOR, enterprise_id=OWN), True, False, True, False),
        (Actor(Role.INVESTOR), False, False, False, False),
    ],
)
def test_enterprise_records(actor, read_own, read_other, edit_own, delete):
    assert access.can_read_enterprise(actor, OWN) is read_own
    assert access.can_read_enterprise(actor, OTHER) is read_other
    assert access.can_edit_enterprise(actor, OWN) is edit_own
    assert access.can_manage_enterprises(actor) is delete


def test_only_administrators_reorganise():
    assert [role for role in Role if access.can_reorganise(Actor(role))] == [Role.ADMIN]


def test_officer_of_a_successor_reads_the_predecessors_records():
    successor_officer = Actor(Role.OFFICER, frozenset({OWN, OTHER}))
    assert access.can_read_agency_records(successor_officer, OTHER)


def test_domain_imports_no_django():
    import ast
    import pathlib

    import tiendo.domain

    for path in pathlib.Path(tiendo.domain.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
        names += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] == "django"], path.name


@pytest.mark.parametrize(
    ("actor", "manage", "report_own", "report_other", "decide"),
    [
        (Actor(Role.LEADER), False, False, False, True),
        (Actor(Role.SPECIALIST), True, True, True, True),
        (Actor(Role.ADMIN), True, True, True, True),
        (Actor(Role.OFFICER, frozenset({OWN})), False, True, False, False),
        (Actor(Role.INVESTOR, enterprise_id=OWN), False, False, False, False),
    ],
)
def test_tasks(actor, manage, report_own, report_other, decide):
    assert access.can_manage_tasks(actor) is manage
    assert access.can_report_on_task(actor, OWN) is report_own
    assert access.can_report_on_task(actor, OTHER) is report_other
    assert access.can_decide_extension(actor) is decide


@pytest.mark.parametrize(
    ("actor", "decide"),
    [
        (Actor(Role.LEADER), True),
        (Actor(Role.ADMIN), True),
        (Actor(Role.SPECIALIST), False),  # prepares the review, never decides it
        (Actor(Role.OFFICER, frozenset({OWN})), False),
        (Actor(Role.INVESTOR, enterprise_id=OWN), False),
    ],
)
def test_only_leaders_decide_reviews(actor, decide):
    assert access.can_decide_review(actor) is decide
