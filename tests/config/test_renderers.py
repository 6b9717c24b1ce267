"""The orjson renderer writes the bytes DRF's JSONRenderer writes, and hands what it cannot do alike back to it."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from config.renderers import ORJSONRenderer

SAMPLE = {
    "count": 2,
    "next": None,
    "results": [
        {
            "slug": "tokenisation",
            "title_zh": "分词与子词",
            "hours": 6.5,
            "share": Decimal("12.50"),
            "at": dt.datetime(2026, 12, 4, 20, 1, 2, 345678, tzinfo=dt.UTC),
            "naive": dt.datetime(2026, 12, 4, 20, 1, 2),
            "day": dt.date(2026, 12, 4),
            "time": dt.time(9, 30, 15, 123456),
            "span": dt.timedelta(hours=1, seconds=3),
            "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "message": gettext_lazy("Not found."),
            "separators": "line\u2028paragraph\u2029end",
            "nested": {"ok": True, "none": None, "list": [1, -2, 3.0, "x"]},
        }
    ],
}


def test_orjson_output_is_byte_for_byte_drfs():
    assert ORJSONRenderer().render(SAMPLE, "application/json", {}) == JSONRenderer().render(
        SAMPLE, "application/json", {}
    )


@pytest.mark.parametrize("data", [{"big": 2**70}, {"negative": -(2**70)}, {"just_past": 2**64}])
def test_integers_past_64_bits_are_rendered_by_drf(data):
    assert ORJSONRenderer().render(data, "application/json", {}) == JSONRenderer().render(data, "application/json", {})


def test_an_indent_is_honoured_as_drf_does():
    pretty = ORJSONRenderer().render(SAMPLE, "application/json; indent=4", {})

    assert pretty == JSONRenderer().render(SAMPLE, "application/json; indent=4", {})
    assert b'\n    "count": 2' in pretty


def test_none_is_an_empty_body():
    assert ORJSONRenderer().render(None) == b""


@pytest.mark.django_db
def test_the_api_answers_through_orjson(api_client):
    from tests.factories import UserFactory

    user = UserFactory(username="json-reader")
    api_client.force_authenticate(user)
    response = api_client.get("/api/v1/me/")

    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, ORJSONRenderer)
    assert response.json()["username"] == "json-reader"
