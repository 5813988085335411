"""Records to JSON and back, driven by the dataclasses' own type hints.

The database and the JSONL outputs store records this way, so a mention written
by one run is read back by the next as the same frozen record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from functools import lru_cache
from typing import Any, TypeVar, get_args, get_origin

from . import records

T = TypeVar("T")


def encode(value: Any) -> Any:
    """A JSON-ready form of a record (dates as ISO strings, tuples as lists)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (tuple, list, frozenset, set)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def decode(cls: type[T], data: Any) -> T:
    """The record of type ``cls`` that :func:`encode` turned into ``data``."""
    return _decode(cls, data)  # type: ignore[no-any-return]


def _decode(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        return _decode(options[0], data)
    if origin is typing.Literal or tp is Any:
        return data
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in data)
        return tuple(_decode(a, v) for a, v in zip(args, data))
    if origin is frozenset:
        return frozenset(_decode(get_args(tp)[0], v) for v in data)
    if tp is dt.date:
        return dt.date.fromisoformat(data[:10])
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: _decode(hints[f.name], data[f.name]) for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    if tp is float and isinstance(data, int):
        return float(data)
    return data
