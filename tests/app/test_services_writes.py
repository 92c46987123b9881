"""Every write goes through a service, in one transaction, and the service names the acting user in the history.

Pages and commands parse, call the service and render: the history row of a change made from a page names the
same user as the one made by the command, a change made outside a request (no middleware to fill the user in) still
names its author, and a write that fails half-way leaves nothing behind.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from test_extract_flow import SEED_TEXT, _accept_data, _paste

from tiendo.accounts.models import User
from tiendo.agencies.forms import AgencyProfileForm
from tiendo.directives.models import Directive, Task
from tiendo.projects.models import Document, Project
from tiendo.projects.services import attach_document
from tiendo.reviews import scan as scan_module
from tiendo.reviews.models import Finding, ScanRun

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2] / "tiendo"


def _surfaces() -> list[Path]:
    """The modules that parse, call a service and render: pages, API, commands, admin actions, command helpers."""
    patterns = ["*/views*.py", "*/api.py", "*/forms.py", "*/admin.py", "*/cli_*.py", "*/management/commands/*.py"]
    return sorted({path for pattern in patterns for path in SOURCE.glob(pattern)})


WRITES = re.compile(
    r"_history_user|transaction\.atomic|\.objects\.(create|bulk_create|bulk_update|update_or_create|get_or_create)\("
    r"|bulk_(create|update)_with_history|\.soft_delete\(|\.restore\(|\.delete\(\)|\.update\((?!\{)"
    r"|(?<!form)\.save\((?!commit=False)"
)
# A line that is not a write although it looks like one (e.g. a QueryDict filled for a form).
NOT_A_WRITE = re.compile(r"query\.update\(|digest\.update\(|cache\.set\(")


def test_pages_commands_and_the_api_write_only_through_services():
    offenders = []
    for path in _surfaces():
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if WRITES.search(line) and not NOT_A_WRITE.search(line):
                offenders.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    assert not offenders, "Call the app's service (services.py) instead of writing here:\n" + "\n".join(offenders)


def test_the_history_user_is_set_only_by_acted_by():
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative in ("audit/models.py", "audit/bulk_records.py"):
            continue  # where the mark is set (acted_by) and where the bulk writer reads it for the history row
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if "_history_user" in line:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert not offenders, "Use tiendo.audit.models.acted_by(record, actor, reason):\n" + "\n".join(offenders)


def test_the_check_would_catch_a_write_in_a_view():
    for line in (
        "document._history_user = request.user",
        "document.save()",
        "with transaction.atomic():",
        "ImportJob.objects.create(uploaded_by=request.user)",
        "project.soft_delete(request.user)",
        "notification.save(update_fields=['read_at'])",
        "_own(request).filter(read_at__isnull=True).update(read_at=timezone.now())",
    ):
        assert WRITES.search(line), line
    assert not WRITES.search("save_project(form.save(commit=False), actor=request.user)")


def test_a_document_upload_names_its_uploader(login, investor_a, officer_x, project_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    url = reverse("projects:document_upload", args=[project_a.code])
    assert login(investor_a).post(url, {"title": "Biên bản", "file": upload}).status_code == 302
    document = project_a.documents.get()
    assert document.uploaded_by == investor_a
    assert document.history.get().history_user == investor_a
    # outside a request (no middleware to fill the user in), the service still names the uploader
    made = attach_document(
        project_a, Document(title="Ảnh hiện trạng", file=SimpleUploadedFile("anh.pdf", b"%PDF-1.4")), actor=officer_x
    )
    assert made.history.get().history_user == officer_x and made.uploaded_by == officer_x


def test_the_agency_profile_saved_from_the_page_and_the_command_keeps_the_same_history(login, officer_x, agency_x):
    data = {name: getattr(agency_x, name) for name in AgencyProfileForm.Meta.fields} | {"phone": "0220 111 222"}
    assert login(officer_x).post(reverse("agencies:edit", args=[agency_x.code]), data).status_code == 302
    call_command("agencies", "update", agency_x.code, "--phone", "0220 333 444", "--as", officer_x.username,
                 stdout=StringIO())  # fmt: skip
    by_command, by_page, created = agency_x.history.order_by("-history_id")[:3]
    for row, before in ((by_page, created), (by_command, by_page)):
        assert row.history_user == officer_x and row.history_type == "~"
        assert not row.history_change_reason
        assert set(row.diff_against(before).changed_fields) - {"row_version"} == {"phone"}
    assert (by_page.phone, by_command.phone) == ("0220 111 222", "0220 333 444")


def test_user_creation_names_its_creator(admin_user, agency_x):
    call_command("users", "create", "new_officer", "--password", "a-long-enough-password", "--role", "officer",
                 "--agency", agency_x.code, "--as", admin_user.username, stdout=StringIO())  # fmt: skip
    assert User.objects.get(username="new_officer").history.get().history_user == admin_user


def test_deleting_a_project_from_its_page_is_kept_with_who_and_why(login, specialist, project_x):
    url = reverse("projects:delete", args=[project_x.code])
    assert login(specialist).post(url, {"reason": "nhập trùng"}).status_code == 302
    row = Project.objects.get(pk=project_x.pk).history.first()
    assert row.deleted_at is not None and row.history_user == specialist and row.history_change_reason == "nhập trùng"


def test_a_scan_killed_half_way_leaves_no_run_behind(monkeypatch, project_x, project_a, admin_user):
    real = scan_module.iter_facts

    def dies_on_the_second(projects=None):
        for count, item in enumerate(real(projects)):
            if count == 1:
                raise RuntimeError("killed")
            yield item

    monkeypatch.setattr(scan_module, "iter_facts", dies_on_the_second)
    with pytest.raises(RuntimeError, match="killed"):
        scan_module.scan(actor=admin_user)
    assert not ScanRun.objects.exists() and not Finding.objects.exists()


def test_accepting_extracted_tasks_is_all_or_nothing(monkeypatch, login, specialist, agency_x, agency_y, installation):
    from tiendo.directives import services

    client = login(specialist)
    data = _accept_data(_paste(client, SEED_TEXT), **{"directive-number": "", "directive-title": "Làm việc"})
    real, calls = services.save_task, []

    def fails_on_the_second(task, **kwargs):
        calls.append(task.title)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(task, **kwargs)

    monkeypatch.setattr(services, "save_task", fails_on_the_second)
    with pytest.raises(RuntimeError):
        client.post(reverse("directives:extract"), data)
    assert len(calls) == 2
    assert not Directive.objects.filter(title="Làm việc").exists() and not Task.objects.exists()
    monkeypatch.setattr(services, "save_task", real)
    assert client.post(reverse("directives:extract"), data).status_code == 302
    assert Directive.objects.get(title="Làm việc").tasks.count() == 3
