"""Fetching feed URLs (only with --fetch).

The opener is a plain function ``opener(url, timeout, max_bytes) -> bytes`` so
tests and callers can inject their own; :func:`urllib_opener` is the default.
Whatever opener is used, its failures become one reason string here and the
size limit is enforced again on what it returns.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

from ..errors import FetchError
from .common import MB

URL = re.compile(r"^https?://", re.IGNORECASE)
_USER_AGENT = "sitreps/0.1 (news feed reader)"


def is_url(value: str) -> bool:
    return bool(URL.match(value))


def over_limit_reason(limit_mb: float) -> str:
    return f"response is over the {limit_mb:g} MB limit (fetch_max_mb)"


def urllib_opener(url: str, timeout: float, max_bytes: int) -> bytes:
    """GET ``url``; refuse a body over ``max_bytes`` without reading it all."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, over_limit_reason(max_bytes / MB))
        # One byte past the limit is enough to know it is too big.
        body: bytes = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise FetchError(url, over_limit_reason(max_bytes / MB))
    return body


def failure_reason(exc: BaseException, timeout: float) -> str:
    """A short, human reason for any exception an opener may raise."""
    if isinstance(exc, FetchError):
        return exc.reason
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}".strip()
    if isinstance(exc, urllib.error.URLError):
        if isinstance(exc.reason, TimeoutError):
            return f"timed out after {timeout:g} s"
        return str(exc.reason)
    if isinstance(exc, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
