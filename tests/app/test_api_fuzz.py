"""A property-based run of the OpenAPI document: every operation, valid and malformed input, no server error.

schemathesis turns /api/openapi.json into hypothesis strategies (positive: what the schema allows; negative: what
it forbids) and each case goes through the real WSGI application, signed in (session cookie and CSRF token) as a
specialist, who may write, and as an agency officer, who sees less. Writes happen inside the test's transaction.
The examples run are counted and printed (`pytest -s`), so the closing note can give the figure.
"""

import logging
import sys
import time
from datetime import timedelta

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

from tiendo.api.api import api

pytestmark = pytest.mark.django_db

EXAMPLES = 25  # per operation, mode and role: 14 operations x 2 modes x 2 roles -> about 1,400 requests
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
RUN = {"examples": 0, "seconds": 0.0}


@pytest.fixture
def wsgi(settings):
    """The real application, on the test's database connection (as Django's test client keeps it open)."""
    settings.ALLOWED_HOSTS = ["localhost"]
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # thousands of expected 4xx lines
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
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


def operations(wsgi):
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
    schema.app = wsgi
    for result in schema.get_all_operations():
        yield result.ok()


def run_operation(operation, session: dict, mode: GenerationMode, failures: dict) -> int:
    """Every example of one operation; each distinct server error is kept (with one case) rather than raised, so
    one run lists them all."""
    count = 0
    crashes: list[BaseException] = []

    def crashed(sender, request, **kwargs):
        crashes.append(sys.exc_info()[1])

    @SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        nonlocal count
        count += 1
        crashes.clear()
        response = case.call(**session)
        if response.status_code >= 500:
            error = crashes[0] if crashes else None
            key = (operation.label, type(error).__name__, str(error)[:80])
            failures.setdefault(key, f"{case.method} {case.formatted_path} {case.query} {case.body!r}"[:300])
        elif mode is GenerationMode.POSITIVE and response.status_code < 300:
            case.validate_response(response, checks=[response_schema_conformance])

    signals.got_request_exception.connect(crashed)
    try:
        check()
    finally:
        signals.got_request_exception.disconnect(crashed)
    return count


@pytest.mark.parametrize("role", ["specialist", "officer_x"])
def test_no_input_makes_a_server_error(request, wsgi, role, project_x, project_a, task_x, task_y, directive):
    user = request.getfixturevalue(role)
    session = signed_in(user)
    started = time.monotonic()
    examples = 0
    failures: dict[tuple[str, str, str], str] = {}
    for operation in operations(wsgi):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            examples += run_operation(operation, session, mode, failures)
    seconds = time.monotonic() - started
    RUN["examples"] += examples
    RUN["seconds"] += seconds
    print(f"\nAPI property run as {role}: {examples} examples in {seconds:.0f} s (total {RUN['examples']})")
    assert not failures, "\n".join(f"{key}: {case}" for key, case in failures.items())
    assert examples > 0
