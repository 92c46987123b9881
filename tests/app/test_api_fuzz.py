"""A property-based run of the OpenAPI document: every operation, valid and malformed input, no server error.

schemathesis turns /api/openapi.json into hypothesis strategies (positive: what the schema allows; negative: what
it forbids) and each case goes through the real WSGI application, signed in (session cookie and CSRF token) as a
specialist, who may write, and as an agency officer, who sees less. Writes happen inside the test's transaction.
The examples run are counted and printed (`pytest -s`), so the closing note can give the figure.
"""

import logging
import os
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from tiendo.directives.models import ExtensionRequest
from tiendo.petitions.models import Petition
from tiendo.targets.models import Indicator

pytestmark = pytest.mark.django_db

# Per operation, mode and path choice: about 1,250 calls per role, a minute each on SQLite. The same examples every
# run (derandomized), so the suite never fails by chance; TIENDO_FUZZ_EXAMPLES=500 TIENDO_FUZZ_RANDOM=1 explores.
EXAMPLES = int(os.environ.get("TIENDO_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    derandomize=not os.environ.get("TIENDO_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=list(HealthCheck),
)
RUN = {"examples": 0, "seconds": 0.0}


@pytest.fixture
def wsgi(settings):
    """The real application (its answers to thousands of malformed calls are not logged)."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.CRITICAL)
    yield get_wsgi_application()
    requests_log.setLevel(level)


@contextmanager
def on_the_tests_connection():
    """Keep the test's transaction open across requests, as Django's test client does: the handler otherwise
    closes the connection at the end of each request (on PostgreSQL, with the test's data in it). Django's test
    client reconnects these signals after each of its own requests, so no test client call may happen inside."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def signed_in(user) -> dict[str, dict[str, str]]:
    """What a browser sends: the session cookie, and the CSRF cookie with its matching header."""
    client = Client()
    client.force_login(user)
    token = _get_new_csrf_string()
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
    }


def operations(wsgi, user):
    """The operations of the document the application serves at /api/openapi.json (to a signed-in user)."""
    client = Client()
    client.force_login(user)
    served = client.get("/api/openapi.json")
    assert served.status_code == 200
    schema = schemathesis.openapi.from_dict(served.json())
    schema.app = wsgi  # cases are sent to the WSGI application in-process
    return [result.ok() for result in schema.get_all_operations()]


def known_records(operation, records: dict[str, object]) -> dict[str, object] | None:
    """Path parameters naming records that exist (random ones are almost always 404), or None without any."""
    names = {parameter.name for parameter in operation.path_parameters}
    if not names:
        return None
    prefix = operation.path.split("/")[2]  # /api/<prefix>/{...}
    return {name: records[prefix] for name in names if prefix in records} or None


def run_operation(operation, session: dict, mode: GenerationMode, failures: dict, answers: Counter, path=None) -> int:
    """Every example of one operation; each distinct server error is kept (with one case) rather than raised, so
    one run lists them all."""
    count = 0
    crashes: list[BaseException] = []

    def crashed(sender, request, **kwargs):
        crashes.append(sys.exc_info()[1])

    @SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path))
    def check(case):
        nonlocal count
        count += 1
        crashes.clear()
        response = case.call(**session)
        answers[operation.label, response.status_code] += 1
        if response.status_code >= 500:
            error = crashes[0] if crashes else None
            key = (operation.label, type(error).__name__, str(error)[:80])
            failures.setdefault(key, f"{case.method} {case.formatted_path} {case.query} {case.body!r}"[:300])
        else:  # a documented answer (200, 400, 422...) has the documented shape
            case.validate_response(response, checks=[response_schema_conformance])

    signals.got_request_exception.connect(crashed)
    try:
        check()
    finally:
        signals.got_request_exception.disconnect(crashed)
    return count


@pytest.fixture
def records(agency_x, project_x, project_a, task_x, task_y, directive, officer_x, enterprise_a):
    """One record of each kind the paths name, and a pending extension request to decide."""
    extension = ExtensionRequest.objects.create(
        task=task_x, old_deadline=task_x.deadline, requested_deadline=date(2030, 12, 31), reason="Chờ vốn",
        requested_by=officer_x,
    )  # fmt: skip
    petition = Petition.objects.create(
        number="KN-2026-0001", channel="letter", received_on=date(2026, 1, 5), enterprise=enterprise_a,
        agency=agency_x, title="Chậm cấp phép", text="Nội dung", state="published", due_on=date(2026, 1, 19),
        answer="Đã cấp phép", answered_on=date(2026, 1, 12), published_on=date(2026, 1, 13), published_text="Đã cấp",
    )  # fmt: skip
    return {
        "petitions": petition.pk,
        "open311": petition.number,
        "agencies": agency_x.code,
        "enterprises": enterprise_a.pk,
        "projects": project_x.code,
        "tasks": task_x.pk,
        "directives": directive.pk,
        "extensions": extension.pk,
        "targets": Indicator.objects.create(code="budget_revenue", name="Thu ngân sách", unit="billion_vnd").code,
    }


@pytest.mark.parametrize("role", ["specialist", "officer_x"])
def test_no_input_makes_a_server_error(request, wsgi, role, records):
    user = request.getfixturevalue(role)
    session = signed_in(user)
    started = time.monotonic()
    examples = 0
    failures: dict[tuple[str, str, str], str] = {}
    answers: Counter = Counter()
    labels = []
    every_operation = operations(wsgi, user)
    with on_the_tests_connection():
        for operation in every_operation:
            labels.append(operation.label)
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                examples += run_operation(operation, session, mode, failures, answers)
                if known := known_records(operation, records):
                    examples += run_operation(operation, session, mode, failures, answers, known)
    seconds = time.monotonic() - started
    RUN["examples"] += examples
    RUN["seconds"] += seconds
    print(f"\nAPI property run as {role}: {examples} examples in {seconds:.0f} s (total {RUN['examples']})")
    assert not failures, "\n".join(f"{key}: {case}" for key, case in failures.items())
    assert len(labels) >= 14 and examples > 0
    # the session and the CSRF token work: every operation was reached; the specialist, who sees all, read each
    reached = {label for (label, status) in answers if status not in (401, 403)}
    assert reached == set(labels), sorted(set(labels) - reached)
    if role == "specialist":
        assert all(answers[label, 200] for label in labels if label.startswith("GET")), answers
