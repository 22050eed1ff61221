"""Turn pydantic's validation errors into located problems in plain words."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Loc, Problem
from .yamlfile import YamlFile

M = TypeVar("M", bound=BaseModel)

LANGUAGE_NAMES = {"zh": "Traditional Chinese", "en": "English"}

PATTERN_HINTS = {
    "slug": "a slug (lowercase letters, digits and single hyphens, e.g. 'hsinchu-city')",
    "meeting": "a meeting number written like '2515 928 8798'",
    "@": "an e-mail address",
    "#": "a phone number like '08-7320415#3613'",
}


def validate_file(model: type[M], source: YamlFile) -> tuple[M | None, list[Problem]]:
    """Validate one parsed file against its model; return the object or every problem."""
    try:
        return model.model_validate(source.data if source.data is not None else {}), []
    except ValidationError as exc:
        return None, [_problem(model, source, error) for error in exc.errors()]


def _problem(model: type[BaseModel], source: YamlFile, error: Any) -> Problem:
    loc: Loc = tuple(part for part in error["loc"] if not _is_validator_name(part))
    kind = error["type"]
    if kind == "extra_forbidden":
        return source.problem(loc, _unknown_key(model, loc), key=True)
    return source.problem(loc, _message(loc, error))


def _is_validator_name(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part and "]" in part and not part.startswith("["))


def _message(loc: Loc, error: Any) -> str:
    kind, value, last = error["type"], error.get("input"), (loc[-1] if loc else "")
    if last in LANGUAGE_NAMES and kind in {"missing", "string_too_short", "value_error", "string_type"}:
        return f"the {LANGUAGE_NAMES[last]} text is {'missing' if kind == 'missing' else 'empty'}"
    if kind == "missing":
        return f"required key '{last}' is missing"
    if kind.startswith("datetime"):
        return f"{_quote(value)} is not a date and time (write it as 2025-07-21T00:00:00Z): {_reason(error)}"
    for kinds, message in MESSAGES:
        if kind in kinds:
            return message(value, error)
    return f"{error['msg'][0].lower()}{error['msg'][1:]}"


# pydantic's error types -> a plain message made from the value and the error
MESSAGES: list[tuple[set[str], Callable[[Any, Any], str]]] = [
    ({"string_too_short"}, lambda value, error: "must not be empty"),
    (
        {"date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"},
        lambda value, error: f"{_quote(value)} is not a date (write it as YYYY-MM-DD): {_reason(error)}",
    ),
    ({"int_parsing", "int_type", "int_from_float"}, lambda value, error: f"{_quote(value)} is not a whole number"),
    (
        {"whole_number"},
        lambda value, error: (
            f"{_quote(value)} is not a whole number"
            + (" written in digits (no point, sign, space or exponent)" if any(c.isdigit() for c in str(value)) else "")
        ),
    ),
    ({"date_shape"}, lambda value, error: f"{_quote(value)} is not a date written YYYY-MM-DD, such as 2025-08-12"),
    (
        {"instant_shape"},
        lambda value, error: (
            f"{_quote(value)} is not a date and time with its time zone, written like 2025-07-28T09:00:00+08:00"
        ),
    ),
    ({"bool_parsing", "bool_type"}, lambda value, error: f"{_quote(value)} is not true or false"),
    ({"literal_error"}, lambda value, error: f"{_quote(value)} is not one of {error['ctx']['expected']}"),
    (
        {"string_pattern_mismatch"},
        lambda value, error: f"{_quote(value)} is not {_pattern_hint(error['ctx']['pattern'])}",
    ),
    ({"value_error"}, lambda value, error: str(error["ctx"]["error"])),
    (
        {"model_type", "model_attributes_type", "dict_type"},
        lambda value, error: f"should be a mapping of keys and values, not {_describe(value)}",
    ),
    ({"list_type"}, lambda value, error: f"should be a list, not {_describe(value)}"),
    ({"string_type"}, lambda value, error: f"should be text, not {_describe(value)}"),
    (
        {"greater_than", "greater_than_equal", "less_than", "less_than_equal", "too_short"},
        lambda value, error: f"{_quote(value)}: {error['msg'][0].lower()}{error['msg'][1:]}",
    ),
]


QUOTE_LIMIT = 80


def _quote(value: Any) -> str:
    """The value as a message quotes it: its first line, at most `QUOTE_LIMIT` characters."""
    text = value if isinstance(value, str) else repr(value)
    first = text.split("\n", 1)[0]
    if len(first) > QUOTE_LIMIT or first != text:
        return repr(first[:QUOTE_LIMIT] + "…")
    return repr(value)


def _reason(error: Any) -> str:
    reason = error.get("ctx", {}).get("error")
    return str(reason) if reason else error["msg"]


def _pattern_hint(pattern: str) -> str:
    if "[a-z0-9]+(-" in pattern:
        return PATTERN_HINTS["slug"]
    if "{4} [0-9]{3}" in pattern:
        return PATTERN_HINTS["meeting"]
    if "@" in pattern:
        return PATTERN_HINTS["@"]
    if "#" in pattern:
        return PATTERN_HINTS["#"]
    return f"in the expected form ({pattern})"


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"the text {_quote(value)}"


def _unknown_key(model: type[BaseModel], loc: Loc) -> str:
    key = str(loc[-1])
    allowed = allowed_keys(model, loc[:-1])
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"; did you mean '{close[0]}'?" if close else (f"; allowed keys: {', '.join(allowed)}" if allowed else "")
    return f"unknown key '{key}'{hint}"


def allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model accepts at ``loc``, found by following its field types."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            field = current.model_fields.get(part)
            if field is None:
                return []
            current = field.annotation
        elif typing.get_origin(current) in (list, dict):
            current = typing.get_args(current)[-1]
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the type that holds keys or items."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation
