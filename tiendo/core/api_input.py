"""What the API accepts, decided once: the body parser, the field types, pagination bounds and the error answers.

Bad input is refused with a 4xx and a Vietnamese sentence before it reaches a form, a query or the database:
JSON is decoded strictly as UTF-8 and its nesting measured before parsing (tiendo.domain.input_checks); text
fields carry the model's max_length and refuse NUL and lone surrogates (`Text`); dates are strings or nothing
(`Day`: an object, a number or a boolean is not a date); offsets and limits are bounded. New schemas use these
types; the handlers installed by `install` turn every refusal into the same answers.
"""

import logging
from datetime import date, datetime
from typing import Annotated, Any

import pydantic
from django.db import DataError
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser
from pydantic import AfterValidator, BeforeValidator

from tiendo.domain.input_checks import Refused, check_text, decode_text, load_json
from tiendo.domain.tabular import parse_date

logger = logging.getLogger(__name__)

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000  # far beyond any table; beyond it SQLite overflows and PostgreSQL's bigint ends
MAX_TEXT = 100_000  # a TextField's bound: a long report is a few thousand characters
MAX_QUERY = 200  # a search box

BODY = "Nội dung gửi lên"
INVALID = "Dữ liệu không hợp lệ."


class InvalidBody(Exception):
    """A body the endpoint reads itself (JSON or a form) failed its schema: 400 with errors by field, like a form."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


# Field types ----------------------------------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    try:
        return check_text(value)
    except Refused as refused:
        raise ValueError(refused.about("Văn bản")) from None


def Text(max_length: int = MAX_TEXT, **field: Any) -> Any:  # noqa: N802 - a type, used like one
    """A string no longer than the model's column, without NUL or lone surrogates (which cannot be stored)."""
    return Annotated[str, Field(max_length=max_length, **field), AfterValidator(_clean_text)]


def Column(model, name: str, **field: Any) -> Any:  # noqa: N802 - a type, used like one
    """`Text` as long as a model's column: the API's limit follows the column when it changes."""
    return Text(model._meta.get_field(name).max_length, **field)


def _only_a_date(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError("Cần một ngày (yyyy-mm-dd hoặc dd/mm/yyyy), không phải ngày giờ.")
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError("Cần một ngày dạng chuỗi (yyyy-mm-dd hoặc dd/mm/yyyy), không phải số, đúng/sai hay đối tượng.")
    if len(value) > 20:
        raise ValueError("Ngày không hợp lệ (dùng yyyy-mm-dd hoặc dd/mm/yyyy).")
    return parse_date(value)  # its ValueError is already a Vietnamese sentence


def _not_a_boolean(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("Cần một số nguyên, không phải đúng/sai.")
    return value


def Integer(**field: Any) -> Any:  # noqa: N802 - a type, used like one
    """A whole number (pydantic would take true for 1), with its bounds: `Integer(ge=0, le=100)`."""
    return Annotated[int, Field(**field), BeforeValidator(_not_a_boolean)]


Day = Annotated[date, BeforeValidator(_only_a_date)]
"""A date written yyyy-mm-dd (or dd/mm/yyyy, as users type it); never an object, a number or a boolean."""

Code = Text(40, description="code")
Offset = Integer(ge=0, le=MAX_OFFSET)
Limit = Integer(ge=1, le=MAX_LIMIT)


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset with both ends bounded (its own leave the offset and, by default, the limit open)."""

    class Input(Schema):
        limit: Limit = 100
        offset: Offset = 0


# Parsing -------------------------------------------------------------------------------------------------------


def read_json_body(request: HttpRequest) -> Any:
    """A request's JSON, decoded strictly as UTF-8 and with bounded nesting; Refused otherwise."""
    return load_json(decode_text(request.body or b"{}"))


class SafeParser(Parser):
    """ninja's parser, refusing before pydantic sees them: bodies that are not UTF-8 or nest too deep, NaN, and
    NUL in any query or form value (PostgreSQL cannot compare text with NUL)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = read_json_body(request)
        if not isinstance(data, dict):  # every body of this API is an object
            raise Refused("phải là một đối tượng JSON ({...}).")
        return data

    def parse_querydict(self, data, list_fields, request):
        for key, values in data.lists():
            for text in (key, *values):
                if isinstance(text, str):
                    try:
                        check_text(text)
                    except Refused as refused:
                        raise HttpError(400, refused.about(f"Tham số '{key[:40]}'")) from None
        return super().parse_querydict(data, list_fields, request)


def validate_body(schema: type[Schema], data: Any) -> dict[str, Any]:
    """A body read by the endpoint itself checked against its schema; InvalidBody with errors by field."""
    if not isinstance(data, dict):
        raise InvalidBody({"__all__": [f"{BODY} phải là một đối tượng JSON ({{...}})."]})
    try:
        return schema.model_validate(data).model_dump(exclude_unset=True)
    except pydantic.ValidationError as error:
        errors: dict[str, list[str]] = {}
        for item in error.errors(include_url=False):
            field = str(item["loc"][0]) if item["loc"] else "__all__"
            errors.setdefault(field, []).append(explain(item))
        raise InvalidBody(errors) from None


# Answers -------------------------------------------------------------------------------------------------------

_MESSAGES = {
    "missing": "bắt buộc phải có",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_parsing": "phải là số",
    "float_type": "phải là số",
    "bool_parsing": "phải là đúng/sai (true/false)",
    "bool_type": "phải là đúng/sai (true/false)",
    "string_type": "phải là chuỗi",
    "date_parsing": "phải là ngày dạng yyyy-mm-dd",
    "date_from_datetime_parsing": "phải là ngày dạng yyyy-mm-dd",
    "date_type": "phải là ngày dạng yyyy-mm-dd",
    "dict_type": "phải là một đối tượng JSON",
    "list_type": "phải là một danh sách",
    "model_attributes_type": "phải là một đối tượng JSON",
    "json_invalid": "không phải JSON hợp lệ",
}


def explain(error: dict[str, Any]) -> str:
    """One pydantic error in Vietnamese."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind == "value_error":
        return str(context.get("error", error.get("msg", ""))).removeprefix("Value error, ")
    if kind in ("greater_than_equal", "greater_than"):
        return f"phải {'≥' if kind.endswith('equal') else '>'} {context.get('ge', context.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"phải {'≤' if kind.endswith('equal') else '<'} {context.get('le', context.get('lt'))}"
    if kind == "string_too_long":
        return f"dài quá {context.get('max_length')} ký tự"
    if kind == "string_too_short":
        return f"phải có ít nhất {context.get('min_length')} ký tự"
    return _MESSAGES.get(kind, "không hợp lệ")


def _plain(value: Any) -> Any:
    """A JSON-safe copy of an error's context (pydantic keeps the exception object in it)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _name(loc: list[Any]) -> str:
    """`body.payload.name` -> `name`; `query.limit` -> `limit`: the name the user typed."""
    parts = [str(part) for part in loc if part not in ("body", "query", "path", "form", "payload", "filters")]
    return ".".join(parts) or ".".join(str(part) for part in loc)


def _validated_by_ninja(operation: dict[str, Any]) -> bool:
    """Input ninja checks against a schema (an integer path segment is matched by the URL resolver instead, and a
    body an endpoint reads itself is documented inline and answered 400)."""
    for parameter in operation.get("parameters", []):
        if not (parameter.get("in") == "path" and parameter.get("schema", {}).get("type") == "integer"):
            return True
    content = operation.get("requestBody", {}).get("content", {})
    return any("$ref" in media.get("schema", {}) for media in content.values())


REFUSED_422 = {
    "description": "Invalid parameters or body: ninja's `detail` list and a Vietnamese `message`",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "message": {"type": "string"},
                    "detail": {"type": "array", "items": {"type": "object"}},
                },
                "required": ["message", "detail"],
            }
        }
    },
}


def install(api: NinjaAPI) -> None:
    """The handlers that answer every refusal the same way, with a Vietnamese sentence; the 422 answer documented
    on every operation that takes input."""
    openapi_schema = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        schema = openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if _validated_by_ninja(operation):
                    operation.setdefault("responses", {}).setdefault(422, REFUSED_422)
        return schema

    api.get_openapi_schema = get_openapi_schema

    @api.exception_handler(NinjaValidationError)
    def invalid(request, exc: NinjaValidationError):
        detail = [{key: _plain(value) for key, value in error.items() if key != "url"} for error in exc.errors]
        reasons = "; ".join(f"'{_name(error.get('loc', []))}' {explain(error)}" for error in exc.errors[:10])
        message = f"Dữ liệu gửi lên không hợp lệ: {reasons}."
        return api.create_response(request, {"message": message, "detail": detail}, status=422)

    @api.exception_handler(Refused)
    def refused(request, exc: Refused):
        return api.create_response(request, {"detail": exc.about(BODY)}, status=400)

    @api.exception_handler(InvalidBody)
    def invalid_body(request, exc: InvalidBody):
        return api.create_response(request, {"detail": INVALID, "errors": exc.errors}, status=400)

    @api.exception_handler(DataError)
    @api.exception_handler(OverflowError)
    def beyond_storage(request, exc: Exception):
        """The last net: a value the database cannot hold (too long, too large) that no schema caught is still the
        input's fault, not the server's. Logged as an error, since a field type should have refused it first."""
        logger.error("API input reached the database unchecked: %s %s: %r", request.method, request.path, exc)
        return api.create_response(
            request, {"detail": "Dữ liệu vượt quá giới hạn lưu trữ (quá dài hoặc quá lớn)."}, status=400
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        """ninja wraps any parser failure in "Cannot parse request body": say why, in Vietnamese."""
        cause = exc.__cause__
        if isinstance(cause, Refused):
            return refused(request, cause)
        if exc.status_code == 400 and cause is not None:
            return api.create_response(request, {"detail": f"{BODY} không đọc được."}, status=400)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def through(foreign_key: str, attribute: str):
    """An output schema's resolver for a value read across a foreign key (`resolve_agency = through("agency",
    "code")`): None when the key is empty, without a query for it."""

    def resolve(obj):
        if getattr(obj, f"{foreign_key}_id") is None:
            return None
        return getattr(getattr(obj, foreign_key), attribute)

    return staticmethod(resolve)
