"""The access layer is the only code that reads a user's role; its interface answers alike for every surface."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory

from tiendo.agencies.models import Agency
from tiendo.core import access
from tiendo.domain import access as role_table
from tiendo.enterprises.models import Enterprise
from tiendo.projects.models import Project

SOURCE = Path(__file__).resolve().parents[2] / "tiendo"

# A read of the role: `x.role`, `role == ...`, `role != ...`, `role in ...`, a `role=` / `role__in=` query filter.
ROLE_READ = re.compile(r"\.role\b|\brole\s*(==|!=|\bin\b|\bnot in\b)|\brole(__\w+)?\s*=(?!=)")
# in templates `role="img"` is an ARIA attribute; a read is `user.role`, `role == ...`
ROLE_READ_HTML = re.compile(r"\.role\b|\brole\s*(==|!=|\bin\b|\bnot in\b)")

# Files that may read it, and why. Anything else that does fails the test.
ALLOWED = {
    "domain/access.py": "the role table: the rules themselves",
    "core/access.py": "the access layer: the one interface every surface asks",
    "accounts/models.py": "the role field itself, the account's validation and the Actor it builds",
    "accounts/management/commands/users.py": "the administrators' user command creates accounts with a role and "
    "lists them (a field of the record, not a decision)",
    "demo/generate.py": "the demo creates its accounts, one per role",
    "ops/setting_up.py": "tiendo setup creates the installation's first account with the administrator's role",
    "demo/directives/loading.py": "the demo writes its stories as the officers and specialists it created",
    "demo/directives/timeline.py": "the demo notifies the officers and specialists it created",
    "demo/projects/context.py": "the demo writes its progress reports as the officers it created",
    "demo/petitions/loading.py": "the demo creates the petitioning enterprises' accounts and answers as the officers "
    "it created",
    "demo/reviews.py": "the demo's review round reports its follow-up tasks as the officers it created",
}


def _reads(path: Path) -> list[str]:
    pattern = ROLE_READ_HTML if path.suffix == ".html" else ROLE_READ
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        f"{path.relative_to(SOURCE)}:{n}: {line.strip()}" for n, line in enumerate(lines, 1) if pattern.search(line)
    ]


def test_nothing_outside_the_layer_reads_the_role():
    offenders = []
    for path in sorted([*SOURCE.rglob("*.py"), *SOURCE.rglob("*.html")]):
        relative = path.relative_to(SOURCE).as_posix()
        if "/migrations/" in relative or relative in ALLOWED:
            continue
        offenders += _reads(path)
    assert not offenders, "Ask the access layer (tiendo.core.access: can, visible, get_or_404) instead:\n" + "\n".join(
        offenders
    )


def test_the_scan_would_catch_a_role_read(tmp_path):
    """The pattern is not vacuous: the reads the layer replaced are all caught."""
    assert ROLE_READ_HTML.search('{% if user.role != "investor" %}')
    assert ROLE_READ_HTML.search("{% if user.role == 'officer' %}")
    assert not ROLE_READ_HTML.search('<svg role="img">')
    for line in (
        "if request.user.actor.role in access.READ_ALL:",
        "if actor.role == Role.OFFICER and actor.agency_ids:",
        "User.objects.filter(is_active=True, role=Role.SPECIALIST)",
        'users.filter(role__in=["leader"])',
    ):
        assert ROLE_READ.search(line), line
    assert not ROLE_READ.search("{{ person.get_role_display }}")
    assert not ROLE_READ.search('access.can(request.user, "manage_tasks")')


def test_the_allow_list_names_files_that_exist_and_still_read_the_role():
    for relative in ALLOWED:
        path = SOURCE / relative
        assert path.exists(), relative
        assert _reads(path), f"{relative} no longer reads the role: take it off the allow-list"


@pytest.mark.django_db
def test_get_or_404_answers_404_for_missing_forbidden_and_malformed(investor_a, enterprise_a, enterprise_b):
    assert access.get_or_404(investor_a, Enterprise, pk=enterprise_a.pk) == enterprise_a
    for lookup in ({"pk": enterprise_b.pk}, {"pk": 10**9}, {"pk": "abc"}, {"pk": 10**30}, {"pk": None}):
        with pytest.raises(Http404):
            access.get_or_404(investor_a, Enterprise, **lookup)


@pytest.mark.django_db
def test_anonymous_sees_nothing_that_is_not_public(agency_x, enterprise_a):
    from django.contrib.auth.models import AnonymousUser

    for model in access.registered():
        if access.published_fields(model):
            continue  # published on the portal: tiendo.portal.public decides which (tests/app/portal)
        assert not access.visible(AnonymousUser(), model).exists(), model.__name__
        assert not access.visible(None, model).exists(), model.__name__
    # the directory's entries are public (the portal names agencies); their staff and contacts of people are not
    assert "head" not in access.published_fields(Agency)
    assert not access.can(AnonymousUser(), "read_directives")
    with pytest.raises(Http404):
        access.get_or_404(AnonymousUser(), Enterprise, pk=enterprise_a.pk)


@pytest.mark.django_db
def test_change_checks_follow_the_role_table(specialist, officer_x, investor_a, enterprise_a, enterprise_b, agency_x):
    project = Project.objects.create(
        code="P-1", name="Dự án", kind="private", status="implementing", agency=agency_x, investor=enterprise_a
    )
    assert access.can_change(specialist, project) and not access.can_change(officer_x, project)
    assert access.can(officer_x, "report_on", project) and access.can(investor_a, "report_on", project)
    assert access.get_for_change_or_404(investor_a, Enterprise, pk=enterprise_a.pk) == enterprise_a
    with pytest.raises(Http404):
        access.get_for_change_or_404(investor_a, Enterprise, pk=enterprise_b.pk)
    with pytest.raises(PermissionDenied):
        access.get_for_change_or_404(officer_x, Project, forbidden=PermissionDenied, code="P-1")
    with pytest.raises(PermissionDenied):
        access.require(investor_a, "manage_plans")
    with pytest.raises(KeyError):
        access.can(specialist, "no_such_capability")


def test_every_capability_is_a_rule_of_every_role():
    for name in role_table.CAPABILITIES:
        for role in role_table.Role:
            assert isinstance(role_table.can(role_table.Actor(role), name), bool)
    assert role_table.roles_with("receives_extension_requests") == {role_table.Role.SPECIALIST}
    assert role_table.roles_with("view_reviews") == {
        role_table.Role.LEADER,
        role_table.Role.SPECIALIST,
        role_table.Role.ADMIN,
    }


@pytest.mark.django_db
def test_templates_ask_capabilities_not_roles(officer_x, investor_a, specialist):
    from tiendo.core.context_processors import capabilities

    template = Template("{% if can.read_directives %}D{% endif %}{% if can.works_for_agency %}M{% endif %}"
                        "{% if can.view_reviews %}R{% endif %}{% if can.no_such %}X{% endif %}")  # fmt: skip
    request = RequestFactory().get("/")
    answers = {}
    for user in (officer_x, investor_a, specialist):
        request.user = user
        answers[user.username] = template.render(Context(capabilities(request)))
    assert answers == {"officer_x": "DM", "investor_a": "", "specialist": "DR"}


def test_the_core_imports_no_app():
    """tiendo.core is the toolkit every app uses: it may use the pure domain, never an app (the apps register)."""
    imports = re.compile(r"^\s*(?:from|import)\s+(tiendo\.\w+)", re.M)
    for path in (SOURCE / "core").rglob("*.py"):
        used = set(imports.findall(path.read_text(encoding="utf-8")))
        assert used <= {"tiendo.domain", "tiendo.core"}, (path.name, used)


@pytest.mark.django_db
def test_a_notification_reaches_only_those_who_may_open_its_task(officer_x, officer_y, specialist, agency_x, agency_y):
    from datetime import date

    from tiendo.directives.models import Notification, Task
    from tiendo.directives.services import notify

    task = Task.objects.create(title="Việc của Sở X", lead_agency=agency_x, assigned_on=date(2024, 5, 2))
    assert notify([officer_x, officer_y, specialist], "assigned", task, "Nhiệm vụ mới") == 2
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"officer_x", "specialist"}
    # once the task is another agency's, the officer's old notification about it is no longer shown
    Task.objects.filter(pk=task.pk).update(lead_agency=agency_y)
    assert not access.visible(officer_x, Notification).exists()
    assert access.visible(specialist, Notification).count() == 1
    assert list(access.users_with("receives_extension_requests")) == [specialist]
