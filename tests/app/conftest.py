"""One persona per role, in two agencies, so every refusal has its success twin (healthchecks' BaseTestCase)."""

from datetime import UTC, date, datetime

import pytest
from django.core.cache import cache

from tiendo.accounts.models import User
from tiendo.agencies.models import AdminUnit, Agency, Installation
from tiendo.domain.access import Role
from tiendo.enterprises.models import Enterprise

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 costs ~0.3 s per user on these machines; the tests check roles, not hashing strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings, tmp_path):
    """No worker runs in the tests: each background job runs when it is started (the worker tests undo this); its
    files go to a temporary folder."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def province(db):
    return AdminUnit.objects.create(
        code="HD",
        name="Hải Dương",
        unit_type="tỉnh",
        level="province",
        name_en="Hai Duong Province",
        name_zh="海阳省",
    )


@pytest.fixture
def people_committee(province):
    return Agency.objects.create(
        code="HD-UBND",
        name="Ủy ban nhân dân tỉnh Hải Dương",
        kind="peoples_committee",
        admin_unit=province,
        name_en="People's Committee of Hai Duong Province",
        name_zh="海阳省人民委员会",
    )


@pytest.fixture
def agency_x(people_committee):
    return Agency.objects.create(
        code="HD-SKHDT",
        name="Sở Kế hoạch và Đầu tư tỉnh Hải Dương",
        kind="department",
        parent=people_committee,
        admin_unit=people_committee.admin_unit,
        short_name="Sở KH&ĐT",
        name_en="Department of Planning and Investment",
        name_zh="计划投资厅",
        phone="0220 3852 111",
        valid_from=date(2008, 1, 1),
    )


@pytest.fixture
def agency_y(people_committee):
    return Agency.objects.create(
        code="HD-STC",
        name="Sở Tài chính tỉnh Hải Dương",
        kind="department",
        parent=people_committee,
        admin_unit=people_committee.admin_unit,
        name_en="Department of Finance",
        name_zh="财政厅",
        phone="0220 3852 222",
    )


@pytest.fixture
def installation(province, agency_x):
    return Installation.objects.create(province=province, owner_agency=agency_x)


@pytest.fixture
def enterprise_a(db):
    return Enterprise.objects.create(name="Công ty TNHH Hoshino Việt Nam", tax_code="0800000001", country="JP")


@pytest.fixture
def enterprise_b(db):
    return Enterprise.objects.create(name="Công ty Cổ phần Xây dựng Thành Đông", tax_code="0800000002")


def _user(username, role, **extra):
    user = User(username=username, role=role.value, full_name=username.title(), **extra)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def leader(people_committee):
    return _user("leader", Role.LEADER, agency=people_committee)


@pytest.fixture
def specialist(agency_x):
    return _user("specialist", Role.SPECIALIST, agency=agency_x)


@pytest.fixture
def officer_x(agency_x):
    return _user("officer_x", Role.OFFICER, agency=agency_x)


@pytest.fixture
def officer_y(agency_y):
    return _user("officer_y", Role.OFFICER, agency=agency_y)


@pytest.fixture
def investor_a(enterprise_a):
    return _user("investor_a", Role.INVESTOR, enterprise=enterprise_a)


@pytest.fixture
def admin_user(db):
    return _user("admin", Role.ADMIN, is_superuser=True)


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def commune(province):
    from tiendo.agencies.models import AdminUnit

    return AdminUnit.objects.create(code="HD-X1", name="Thái Tân", unit_type="xã", level="commune", parent=province)


@pytest.fixture
def project_x(agency_x, commune):
    """A public project in the charge of agency X, with an overdue milestone and two progress reports."""
    from tiendo.projects.models import Milestone, ProgressReport, Project

    project = Project.objects.create(
        code="HD-2021-0001",
        name="Đường trục Bắc - Nam xã Thái Tân",
        kind="public",
        group="B",
        status="implementing",
        agency=agency_x,
        commune=commune,
        total_investment=120_000_000_000,
        policy_decision_number="15/NQ-HĐND",
        policy_decision_date=date(2021, 3, 1),
    )
    Milestone.objects.create(
        project=project,
        kind="site_clearance",
        first_due=date(2022, 6, 30),
        current_due=date(2022, 6, 30),
        done=date(2022, 9, 1),
    )
    Milestone.objects.create(
        project=project, kind="completion", first_due=date(2023, 12, 31), current_due=date(2024, 12, 31)
    )
    for end, percent, paid in ((date(2023, 3, 31), 20, 10_000_000_000), (date(2023, 6, 30), 35, 30_000_000_000)):
        ProgressReport.objects.create(
            project=project,
            period_end=end,
            physical_progress=percent,
            disbursed_to_date=paid,
            submitted_at=datetime(2023, 7, 5, tzinfo=UTC),
        )
    return project


@pytest.fixture
def project_a(enterprise_a, agency_y, commune):
    """An FDI project of enterprise A, followed by agency Y."""
    from tiendo.projects.models import Project

    return Project.objects.create(
        code="HD-2022-0002",
        name="Nhà máy linh kiện điện tử Hoshino",
        name_en="Hoshino electronics plant",
        kind="fdi",
        status="implementing",
        investor=enterprise_a,
        agency=agency_y,
        commune=commune,
        total_investment=2_300_000_000_000,
        certificate_number="2121000123",
        certificate_date=date(2022, 4, 12),
    )


@pytest.fixture
def directive(specialist):
    from tiendo.directives.models import Directive

    return Directive.objects.create(
        kind=Directive.Kind.CONCLUSION,
        number="45/TB-UBND",
        issued_on=date(2024, 3, 5),
        issuer="Ủy ban nhân dân tỉnh Hải Dương",
        signer="Lưu Văn Bản",
        title="Kết luận của Phó Chủ tịch Thường trực UBND tỉnh về các dự án chậm tiến độ",
        text="Giao Sở Kế hoạch và Đầu tư chủ trì rà soát các dự án chậm tiến độ, báo cáo trước ngày 30/6/2024.",
        created_by=specialist,
    )


@pytest.fixture
def task_x(directive, agency_x, agency_y):
    """Led by agency X (officer_x reports on it), with agency Y cooperating; deadline 30/06/2024."""
    from tiendo.directives.models import Task

    task = Task.objects.create(
        directive=directive,
        title="Rà soát các dự án chậm tiến độ, đề xuất phương án xử lý",
        assignee_text="Sở Kế hoạch và Đầu tư",
        lead_agency=agency_x,
        deadline=date(2024, 6, 30),
        deadline_text="trước ngày 30/6/2024",
    )
    task.cooperating_agencies.add(agency_y)
    return task


@pytest.fixture
def task_y(directive, agency_y):
    """Led by agency Y alone; officer_x must not see it."""
    from tiendo.directives.models import Task

    return Task.objects.create(
        directive=directive,
        title="Cân đối nguồn vốn cho các dự án trọng điểm",
        assignee_text="Sở Tài chính",
        lead_agency=agency_y,
        deadline=date(2024, 9, 30),
    )
