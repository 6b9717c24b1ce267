"""Cached, conditional API reads of data that changes only at known moments (the curriculum: a reload, an admin
edit), identified by a version token that those moments replace.

A 200 answer's rendered bytes are kept in the shared cache under a key made of everything that can change them:
the data's version, the path, the query string (parameters sorted), the language, the scheme and host (pagination
links are absolute), the negotiated format and, for data that depends on who asks, the user. Nothing else of the
response is kept (no Set-Cookie, no session), so one caller's headers never reach another. Authentication,
permissions and throttles run before (DRF's `initial()`), so a cached answer is never served to someone who could
not read it. The ETag is derived from the key, so a conditional request is answered 304 without building, reading
or rendering anything; a garbage If-None-Match simply does not match. Errors (400, 404) are never cached.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language
from rest_framework.request import Request
from rest_framework.views import APIView

from config import version_push

# Authenticated data: browsers and proxies must not share it (private) and must ask again before reusing it
# (no-cache), so a reload is seen at once; the ETag makes asking again cost a 304 without a body.
CACHE_CONTROL = {"private": True, "no_cache": True}
VARY = ("Accept", "Accept-Language", "Authorization", "Cookie")
# A write that bypassed the version (raw SQL, a bulk update) is served stale for at most this long.
ENTRY_TIMEOUT_S = 3600


@dataclass(frozen=True)
class Version:
    token: str
    changed_at: int  # epoch seconds: the Last-Modified of everything read under this token


def version_get(key: str) -> Version:
    """The current version stored under `key`; a new one if the cache lost it (every entry of the old one is then
    unreachable, so losing the version can only cost misses, never serve stale data)."""
    pushed = version_push.live()
    if pushed and (kept := version_push.known(key)) is not None:
        return kept  # read since the last change was announced (config.version_push): no cache round trip
    generation = version_push.generation()
    found = cache.get(key)
    if found is None:
        fresh = Version(token=_token(), changed_at=int(time.time()))
        cache.add(key, fresh, timeout=None)
        found = cache.get(key) or fresh  # a cache that keeps nothing (dummycache://): every read is a new version
    if pushed:
        version_push.remember(key, found, generation)
    return found


def version_bump(key: str) -> Version:
    """Replace the version. `changed_at` always moves forward by at least a second: HTTP dates have one-second
    resolution, and two changes within one second must not share a Last-Modified."""
    previous = cache.get(key)
    changed_at = int(time.time())
    if previous is not None:
        changed_at = max(changed_at, previous.changed_at + 1)
    version = Version(token=_token(), changed_at=changed_at)
    cache.set(key, version, timeout=None)
    # Announced once the writing transaction commits (at once outside one), after this write: every process that
    # keeps versions in memory drops this one then.
    transaction.on_commit(lambda: version_push.announce(key))
    return version


def _token() -> str:
    return hashlib.sha256(f"{time.time_ns()}{id(object())}".encode()).hexdigest()[:16]


def response_key(request: Request, *, namespace: str, version: Version, per_user: bool) -> str:
    query = sorted((name, values) for name, values in request.query_params.lists())
    parts = [
        namespace,
        version.token,
        request.path,
        repr(query),
        get_language() or "",
        request.scheme,
        request.get_host(),
        getattr(request.accepted_renderer, "format", ""),
        str(request.user.pk) if per_user else "*",
    ]
    return f"http:{namespace}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def cached_read(
    view: APIView, request: Request, *, namespace: str, version: Version, build: Callable[[], Any], per_user: bool
) -> HttpResponseBase | None:
    """The answer to a GET of data that `build()` returns, from the cache or built and cached; a 304 or 412 when the
    request's conditions say so. None when the client negotiated another format than JSON (the caller serves it
    as usual, uncached)."""
    if getattr(request.accepted_renderer, "format", "") != "json":
        return None
    key = response_key(request, namespace=namespace, version=version, per_user=per_user)
    etag = f'"{key[-32:]}"'
    not_modified = get_conditional_response(request, etag=etag, last_modified=version.changed_at)
    if not_modified is not None:
        return _headed(not_modified, etag, version)
    body = cache.get(key)
    if body is None:
        renderer = request.accepted_renderer
        body = renderer.render(build(), request.accepted_media_type, view.get_renderer_context())
        cache.set(key, body, timeout=ENTRY_TIMEOUT_S)
    response = HttpResponse(body, content_type=request.accepted_media_type)
    return _headed(response, etag, version)


def _headed(response: HttpResponseBase, etag: str, version: Version) -> HttpResponseBase:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(version.changed_at)
    patch_cache_control(response, **CACHE_CONTROL)
    patch_vary_headers(response, VARY)
    return response
