"""Malformed API calls are refused with a 4xx and a Vietnamese message, never a server error.

Each case is one call a careless script or a hostile client makes: JSON nested thousands deep, a date given as an
object or a boolean, a lone surrogate or a NUL in a name, text longer than the column, offsets beyond any table,
a body that is not UTF-8, NaN. The property run (test_api_fuzz.py) explores the schema at random; these pin the
failures it and a hand review found, on both databases.
"""

import json

import pytest

from tiendo.directives.models import ExtensionRequest, ProgressUpdate
from tiendo.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db

DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJECT = '{"a":' * 5_000 + "1" + "}" * 5_000
HUGE = 10**30


def send(client, method: str, url: str, body: str | bytes, content_type: str = "application/json"):
    return getattr(client, method)(url, body, content_type=content_type)


def refused(response, *statuses: int) -> dict:
    """A 4xx (one of `statuses` if given) whose JSON carries a Vietnamese sentence."""
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:500])
    if statuses:
        assert response.status_code in statuses, (response.status_code, response.content[:500])
    body = response.json()
    message = body.get("message") or body["detail"]
    if not isinstance(message, str):
        message = body["message"]
    assert any(letter in message for letter in "ạảãáàâăđêôơưếệểộớờợủũứừựỹ"), message
    return body


# Query parameters ------------------------------------------------------------------------------------------------


LISTS = ["/api/agencies", "/api/enterprises", "/api/projects", "/api/directives", "/api/tasks"]
BAD_QUERIES = [
    *(
        (path, query)
        for path in LISTS
        for query in [
            f"offset={HUGE}",
            "offset=9223372036854775808",
            f"limit={HUGE}",
            "offset=-1",
            "limit=0",
            "offset=1e3",
            "limit=abc",
            "q=%00",
            "q=a%00b",
            "q=" + "x" * 1000,
        ]
    ),
    ("/api/agencies", "on=2024-13-01"),
    ("/api/agencies", "on=true"),
    ("/api/agencies", "on=99999-01-01"),
    ("/api/agencies", "kind=%00"),
    ("/api/projects", "kind=%00"),
    ("/api/projects", "investor=%00"),
    ("/api/projects", "agency=" + "x" * 1000),
    ("/api/directives", "kind=%00"),
]


@pytest.mark.parametrize(("path", "query"), BAD_QUERIES)
def test_bad_query_parameters_are_refused(login, specialist, agency_x, path, query):
    refused(login(specialist).get(f"{path}?{query}"), 400, 422)


@pytest.mark.parametrize(
    "query",
    [
        "day=%00",
        "day=31/02/2024",
        "day=" + "9" * 5000,
        "status=%00",
        "agency=%00",
        "deadline_from=true",
        "directive=%00",
    ],
)
def test_bad_task_filters_are_refused(login, specialist, task_x, query):
    refused(login(specialist).get(f"/api/tasks?{query}"), 400, 422)
    refused(login(specialist).get(f"/api/tasks/{task_x.pk}?day=%00"), 400, 422)


# Path parameters -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/agencies/%00",
        "/api/agencies/%00/staff",
        "/api/projects/%00",
        "/api/agencies/" + "x" * 5000,
        "/api/projects/" + "x" * 5000,
        f"/api/enterprises/{HUGE}",
        f"/api/tasks/{HUGE}",
        f"/api/directives/{HUGE}",
        "/api/tasks/9223372036854775808",
    ],
)
def test_bad_path_parameters_are_a_4xx(login, specialist, agency_x, path):
    response = login(specialist).get(path)
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])


@pytest.mark.parametrize("path", [f"/api/tasks/{HUGE}/progress", f"/api/extensions/{HUGE}/decision"])
def test_writes_to_huge_ids_are_a_4xx(login, specialist, path):
    response = send(login(specialist), "post", path, json.dumps({"text": "x", "percent": 1}))
    assert 400 <= response.status_code < 500


# Bodies ----------------------------------------------------------------------------------------------------------

BAD_BODIES = [
    pytest.param(DEEP, id="deep-array"),
    pytest.param(DEEP_OBJECT, id="deep-object"),
    pytest.param('{"text": "\\ud800", "percent": 1}', id="lone-surrogate-escape"),
    pytest.param('{"text": "a\\u0000b", "percent": 1}', id="nul-escape"),
    pytest.param('{"text": "x", "percent": NaN}', id="nan"),
    pytest.param('{"text": "x", "percent": Infinity}', id="infinity"),
    pytest.param('{"text": "x", "percent": ' + "9" * 5000 + "}", id="huge-integer-literal"),
    pytest.param(b'{"text": "\xff\xfe", "percent": 1}', id="not-utf8"),
    pytest.param('{"text": "x", "percent": 1}'.encode("utf-16"), id="utf16-bom"),
    pytest.param(b'{"text": "x", "percent": 1}\x00', id="nul-byte"),
    pytest.param("[1, 2]", id="array"),
    pytest.param('"text"', id="string"),
    pytest.param("null", id="null"),
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_bad_progress_bodies_are_refused(login, officer_x, task_x, body):
    refused(send(login(officer_x), "post", f"/api/tasks/{task_x.pk}/progress", body), 400, 422)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("body", BAD_BODIES)
def test_bad_enterprise_bodies_are_refused(login, specialist, enterprise_a, body):
    refused(send(login(specialist), "patch", f"/api/enterprises/{enterprise_a.pk}", body), 400, 422)
    enterprise_a.refresh_from_db()
    assert enterprise_a.name == "Công ty TNHH Hoshino Việt Nam"


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "x", "percent": 10, "reported_on": {"y": 2024}},
        {"text": "x", "percent": 10, "reported_on": True},
        {"text": "x", "percent": 10, "reported_on": 20240601},
        {"text": "x", "percent": 10, "reported_on": ["2024-06-01"]},
        {"text": {"a": 1}, "percent": 10},
        {"text": ["x"], "percent": 10},
        {"text": True, "percent": 10},
        {"text": "x", "percent": {"a": 1}},
        {"text": "x", "percent": [1]},
        {"text": "x", "percent": True},
        {"text": "x", "percent": 1.5},
        {"text": "x", "percent": HUGE},
        {"text": "x", "percent": 10, "completed": {"a": 1}},
        {"text": "x", "percent": 10, "completed": "maybe"},
        {"text": "x" * 100_001, "percent": 10},
    ],
)
def test_wrong_types_in_a_progress_report_are_refused(login, officer_x, task_x, payload):
    refused(send(login(officer_x), "post", f"/api/tasks/{task_x.pk}/progress", json.dumps(payload)), 400, 422)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"requested_deadline": {"d": 1}, "reason": "x"},
        {"requested_deadline": True, "reason": "x"},
        {"requested_deadline": False, "reason": "x"},
        {"requested_deadline": None, "reason": "x"},
        {"requested_deadline": [], "reason": "x"},
        {"requested_deadline": 1.5, "reason": "x"},
        {"requested_deadline": "2024-07-31", "reason": {"a": 1}},
        {"requested_deadline": "2024-07-31", "reason": "\ud800"},
        {"requested_deadline": "2024-07-31", "reason": "a\x00b"},
        {"requested_deadline": "2024-02-30", "reason": "x"},
        {"requested_deadline": "2024-07-31T10:30:00", "reason": "x"},
    ],
)
def test_wrong_types_in_an_extension_request_are_refused(login, officer_x, task_x, payload):
    body = json.dumps(payload, ensure_ascii=True)
    refused(send(login(officer_x), "post", f"/api/tasks/{task_x.pk}/extensions", body), 400, 422)
    assert not ExtensionRequest.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"decision": {"a": 1}},
        {"decision": True},
        {"decision": ["approved"]},
        {"decision": "refused", "note": {"a": 1}},
        {"decision": "refused", "note": "\udfff"},
    ],
)
def test_wrong_types_in_a_decision_are_refused(login, officer_x, specialist, task_x, payload):
    send(
        login(officer_x),
        "post",
        f"/api/tasks/{task_x.pk}/extensions",
        json.dumps({"requested_deadline": "2030-07-31", "reason": "x"}),
    )
    extension = ExtensionRequest.objects.get()
    body = json.dumps(payload, ensure_ascii=True)
    refused(send(login(specialist), "post", f"/api/extensions/{extension.pk}/decision", body), 400, 422)
    extension.refresh_from_db()
    assert extension.state == "pending"


@pytest.mark.parametrize(
    "payload",
    [
        {"name": "Công ty \ud800"},
        {"name": "Công ty \x00"},
        {"name": "x" * 256},
        {"name": {"vi": "x"}},
        {"name": True},
        {"name": 12},
        {"address": ["x"]},
        {"email": "not an address"},
        {"country": "VNM"},
        {"phone": "0" * 41},
        {"representative": "x" * 151},
        {"tax_code": {"a": 1}},
    ],
)
def test_wrong_enterprise_changes_are_refused(login, specialist, enterprise_a, payload):
    body = json.dumps(payload, ensure_ascii=True)
    refused(send(login(specialist), "patch", f"/api/enterprises/{enterprise_a.pk}", body), 400, 422)
    stored = Enterprise.objects.get(pk=enterprise_a.pk)
    assert (stored.name, stored.address, stored.email) == ("Công ty TNHH Hoshino Việt Nam", "", "")


def test_a_validation_error_keeps_ninjas_detail_and_adds_a_vietnamese_message(login, specialist):
    body = refused(login(specialist).get("/api/enterprises?limit=abc"), 422)
    assert body["message"].startswith("Dữ liệu gửi lên không hợp lệ")
    assert "limit" in body["message"]
    assert body["detail"][0]["loc"] == ["query", "limit"] and body["detail"][0]["type"] == "int_parsing"


def test_good_input_still_works(login, specialist, officer_x, task_x, enterprise_a):
    assert login(specialist).get("/api/enterprises?limit=5&offset=0&q=Hoshino").json()["count"] == 1
    changed = send(login(specialist), "patch", f"/api/enterprises/{enterprise_a.pk}", '{"name": "Công ty Hoshino"}')
    assert changed.status_code == 200 and changed.json()["name"] == "Công ty Hoshino"
    bom = send(login(officer_x), "post", f"/api/tasks/{task_x.pk}/progress", '\ufeff{"text": "Xong", "percent": 10}')
    assert bom.status_code == 201, bom.content


def test_a_value_the_database_cannot_hold_is_still_a_400(login, specialist, agency_x, monkeypatch, caplog):
    """The last net behind the field types: a DataError is the input's fault, answered 400 and logged."""
    from django.db import DataError

    def too_long(*args, **kwargs):
        raise DataError("value too long for type character varying(32)")

    monkeypatch.setattr("tiendo.api.api.get_agency_for_user", too_long)
    body = refused(login(specialist).get(f"/api/agencies/{agency_x.code}/staff"), 400)
    assert body["detail"].startswith("Dữ liệu vượt quá giới hạn")
    assert "reached the database unchecked" in caplog.text


@pytest.mark.parametrize("value", ["¹0", "²", "9" * 30, "1e3"])
def test_a_directive_filter_that_only_looks_numeric_is_refused(login, specialist, value, task_x):
    """Found by the property run: "¹0".isdigit() is true but int() refuses it."""
    response = login(specialist).get("/api/tasks", {"directive": value})
    refused(response, 400, 422)
    page = login(specialist).get("/tasks/", {"directive": value})
    assert page.status_code in (200, 400)
