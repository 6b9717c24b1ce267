"""DRF's JSON renderer on orjson: the same bytes as rest_framework.renderers.JSONRenderer for the project's data
(compact, UTF-8, U+2028/U+2029 escaped, DRF's encoder for dates, times, decimals, lazy translations), 10-15 times
faster on a page of 50 milestones (BENCHMARKS.md, bench_api). DRF's renderer still answers what orjson does not do
the same way: an `indent` (the browsable API, `Accept: application/json; indent=4`) and integers past 64 bits.
One difference remains: a NaN or infinite float is `null` here, where DRF's strict encoder raises (a 500)."""

from __future__ import annotations

from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

# Dates and times go through DRF's encoder, whose format (milliseconds, "Z") differs from orjson's.
OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_encoder = JSONEncoder()


class ORJSONRenderer(JSONRenderer):
    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            body = orjson.dumps(data, default=_encoder.default, option=OPTIONS)
        except orjson.JSONEncodeError:  # an integer past 64 bits, a type only json's hooks know
            return super().render(data, accepted_media_type, renderer_context)
        # As DRF does: JSON that is also a strict JavaScript subset.
        return body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
