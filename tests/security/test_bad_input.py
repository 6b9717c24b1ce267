"""Bad uploads and fields get a clear 4xx with a message, and nothing is stored half-way."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from exercises.models import Review, Submission
from exercises.services.submissions import (
    ANSWERS_REQUIRED,
    CONFIG_REQUIRED,
    SOURCE_NOT_TEXT,
    SOURCE_NOT_UTF8,
    SOURCE_TOO_LARGE,
)
from planner.models import Enrolment, Progress
from tests.security.conftest import SecurityWorld
from tests.security.openapi_ops import (
    BIG,
    DEEP,
    INT_BODY_FIELDS,
    INT_PATH_PARAMS,
    INT_QUERY_PARAMS,
    JSON_OPS,
    SCHEMA,
    anonymous_allowed,
    body_with,
    caller,
    fill,
    integer_paths,
    json_body,
    page_routes_with_ids,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/submissions/"
GOOD = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.asarray(x)\n"


def counts() -> dict[str, int]:
    return {
        "submissions": Submission.objects.count(),
        "reviews": Review.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "progress_done": Progress.objects.filter(state="done").count(),
    }


@pytest.fixture
def api(world: SecurityWorld) -> Callable[[str], APIClient]:
    def make(role: str = "learner") -> APIClient:
        client = APIClient()
        client.force_authenticate(world.users[role])
        return client

    return make


def message(response: Any) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def test_body_over_the_upload_limit_is_413_or_400_with_a_message_and_stores_nothing(world, api):
    before = counts()
    body = json.dumps({"exercise": "softmax", "source": "#" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = api().post(URL, body, content_type="application/json")
    assert response.status_code in (400, 413)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    assert "limit" in message(response).lower() or "large" in message(response).lower()
    assert counts() == before


def test_upload_file_far_over_the_code_limit_is_refused_after_reading_only_the_limit(world, api):
    before = counts()
    limit = settings.PATHWISE_MAX_CODE_BYTES
    upload = SimpleUploadedFile("big.py", b"x = 1\n" * (2 * settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 6))
    response = api().post(URL, {"exercise": "softmax", "file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json() == {"source": [SOURCE_TOO_LARGE % {"size": limit + 1, "limit": limit}]}
    assert counts() == before


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"exercise": "softmax", "source": "x = 1\x00"}, {"source": ["Null characters are not allowed."]}),
        ({"exercise": "softmax", "source": ["x = 1"]}, {"source": [SOURCE_NOT_TEXT]}),
        ({"exercise": "softmax", "source": {"code": 1}}, {"source": [SOURCE_NOT_TEXT]}),
        ({"exercise": 12, "source": GOOD}, None),
        ({"exercise": "softmax" * 2000, "source": GOOD}, None),
        ({"exercise": "softmax\u200b", "source": GOOD}, None),
        ({"exercise": "../softmax", "source": GOOD}, None),
        ({"exercise": "quiz-cpu-vs-gpu", "answers": ["b"]}, None),
        ({"exercise": "quiz-cpu-vs-gpu", "answers": "b"}, None),
        ({"exercise": None}, None),
    ],
    ids=[
        "nul",
        "list",
        "object",
        "exercise-int",
        "exercise-long",
        "zero-width",
        "traversal-slug",
        "answers-list",
        "answers-string",
        "exercise-null",
    ],
)
def test_wrong_types_and_encodings_in_submissions_are_400_with_a_message(world, api, payload, expected):
    before = counts()
    response = api().post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    if expected is not None:
        assert response.json() == expected
    assert response.json() and all(isinstance(v, list) and v for v in response.json().values())
    assert counts() == before


def test_lone_surrogate_in_json_code_is_400_not_utf8(world, api):
    before = counts()
    body = b'{"exercise": "softmax", "source": "x = \'\\ud800\'"}'
    response = api().post(URL, body, content_type="application/json")
    assert (response.status_code, response.json()) == (
        400,
        {"source": ["Surrogate characters are not allowed: U+D800."]},
    )
    assert counts() == before


@pytest.mark.parametrize("value", [12, 1.5, True])
def test_source_that_is_a_json_number_or_bool_is_refused_not_stored_as_text(world, api, value):
    """DRF's CharField turns 12 into "12" (and refuses a bool); code must be sent as a string, nothing stored."""
    before = counts()
    response = api().post(URL, {"exercise": "softmax", "source": value}, format="json")
    assert response.status_code == 400, response.content
    assert response.json() in ({"source": [SOURCE_NOT_TEXT]}, {"source": ["Not a valid string."]})
    assert counts() == before


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"\xff\xfe\x00\x00binary\x00\x01", "code.py"),
        (bytes(range(256)), "code.py"),
        ("x = '\u00e9'\n".encode("latin-1"), "latin1.py"),
        ("print('hi')\n".encode("utf-16"), "utf16.py"),
    ],
    ids=["binary", "all-bytes", "latin-1", "utf-16"],
)
def test_binary_and_non_utf8_uploads_are_400_and_store_nothing(world, api, content, name):
    before = counts()
    response = api().post(URL, {"exercise": "softmax", "file": SimpleUploadedFile(name, content)}, format="multipart")
    assert (response.status_code, response.json()) == (400, {"source": [SOURCE_NOT_UTF8]})
    assert counts() == before


@pytest.mark.parametrize(
    "name",
    [
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "/etc/cron.d/x.py",
        "a/../../b.py",
        "\x00.py",
        "ok" + "é" * 300 + ".py",
    ],
)
def test_path_traversal_in_file_names_is_harmless(world, api, tmp_path, settings, name):
    """The file name is never used: the code is stored as text in the row, nothing is written to disk."""
    settings.MEDIA_ROOT = str(tmp_path)
    response = api().post(
        URL, {"exercise": "softmax", "file": SimpleUploadedFile(name, GOOD.encode())}, format="multipart"
    )
    assert response.status_code == 201, response.content
    stored = Submission.objects.get(pk=response.json()["id"])
    assert stored.payload == {"source": GOOD}
    assert list(tmp_path.iterdir()) == []
    assert name not in response.content.decode()


@pytest.mark.parametrize(
    "source",
    [
        "def softmax(x, axis=-1):\n    return x  # \u202eevil\u202c\n",  # right-to-left override
        "def softmax(x, axis=-1):\n    ｘ = x\n    return ｘ\n",  # full-width identifier (NFKC folds it)
        "# 😀 中文 العربية \u200d\u200b\ufeff\n\ndef softmax(x, axis=-1):\n    return x\n",
        "def softmax(x, axis=-1):\n    e\u0301 = 1\n    return x\n",  # combining accent (NFD)
    ],
    ids=["rtl-override", "fullwidth", "emoji-zwj-bom", "nfd"],
)
def test_odd_unicode_in_code_is_stored_exactly(world, api, source):
    response = api().post(URL, {"exercise": "softmax", "source": source}, format="json")
    assert response.status_code == 201, response.content
    assert Submission.objects.get(pk=response.json()["id"]).payload == {"source": source}
    assert api().get(f"{URL}{response.json()['id']}/").json()["payload"] == {"source": source}


@pytest.mark.parametrize(
    ("role", "method", "url", "body", "field"),
    [
        ("learner", "post", "/api/v1/auth/token/", {"username": "u" * 10_000, "password": "x"}, "username"),
        ("learner", "post", "/api/v1/auth/token/", {"username": ["lena"], "password": "x"}, "username"),
        ("learner", "post", "/api/v1/notifications/read/", {"ids": "all"}, "ids"),
        ("learner", "post", "/api/v1/notifications/read/", {"ids": [1, "2"]}, "ids"),
        ("learner", "post", "/api/v1/enrolments/", {"track": "nlp", "hours_per_week": "lots"}, "hours_per_week"),
        ("learner", "post", "/api/v1/enrolments/", {"track": ["nlp"]}, "track"),
        ("learner", "post", "/api/v1/self-assessment/", {"known": "a"}, "known"),
        ("learner", "post", "/api/v1/self-assessment/", {"known": ["x" * 500]}, "known"),
        ("mentor", "post", "/api/v1/sign-offs/", {"learner": "lena", "milestone": "portfolio-review"}, "learner"),
        ("learner", "post", URL, {"exercise": "quiz-cpu-vs-gpu"}, "answers"),
    ],
)
def test_long_strings_and_wrong_types_elsewhere_are_400_naming_the_field(world, api, role, method, url, body, field):
    before = counts()
    response = getattr(api(role), method)(url, body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert counts() == before


def test_review_body_over_its_limit_is_400_and_stores_no_review(world, api):
    before = counts()
    response = api("mentor").post(
        f"/api/v1/submissions/{world.softmax_1.pk}/reviews/",
        {"verdict": "comment", "body": "b" * 20_001},
        format="json",
    )
    assert (response.status_code, list(response.json())) == (400, ["body"])
    response = api("mentor").post(
        f"/api/v1/submissions/{world.softmax_1.pk}/reviews/",
        {"verdict": "comment", "body": "ok", "comments": [{"line": 1, "body": "fine"}, {"line": "x", "body": ""}]},
        format="json",
    )
    assert (response.status_code, list(response.json())) == (400, ["comments"])
    assert counts() == before


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"exercise": "softmax", "source": ', "application/json", 400),
        (b"[]", "application/json", 400),
        (b"\xff\xfe{}", "application/json", 400),
        (b"exercise=softmax", "text/plain", 415),
    ],
    ids=["truncated-json", "json-list", "not-utf8-json", "text-plain"],
)
def test_malformed_bodies_are_a_clear_4xx(world, api, body, content_type, status):
    before = counts()
    response = api().post(URL, body, content_type=content_type)
    assert response.status_code == status, response.content
    assert response.json()
    assert counts() == before


def test_config_and_answers_of_the_wrong_shape(world, api, db):
    assert CONFIG_REQUIRED and ANSWERS_REQUIRED
    response = api().post(URL, {"exercise": "quiz-cpu-vs-gpu", "answers": {"no-such-question": "a"}}, format="json")
    assert response.status_code == 400
    assert "no-such-question" in message(response)


def test_oversized_page_submission_is_refused_and_stores_nothing(world, client):
    client.force_login(world.users["learner"])
    before = counts()
    body = io.BytesIO(b"source=" + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))
    response = client.post(
        "/exercises/softmax/submit/", body.getvalue(), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (400, 413)
    assert counts() == before


def test_unknown_very_long_milestone_in_a_sign_off_is_404_with_its_message(world, api):
    before = counts()
    response = api("mentor").post(
        "/api/v1/sign-offs/", {"learner": world.users["learner"].pk, "milestone": "p" * 5000}, format="json"
    )
    assert (response.status_code, response.json()) == (404, {"detail": f"No milestone '{'p' * 5000}'."})
    assert counts() == before


# --- Every operation of the schema: deep JSON, integers past 64 bits (issue 16, finding 5) -----------------------


def assert_json_refused(client: APIClient, method: str, url: str, body: str, detail: Any) -> None:
    """The JSON parser refused `body` before the view: a 400 whose only content is `detail`."""
    response = getattr(client, method.lower())(url, body, content_type="application/json")
    assert (response.status_code, response.json()) == (400, {"detail": str(detail)})


def test_the_schema_has_operations_of_every_kind_these_tests_cover():
    assert len(page_routes_with_ids()) >= 5
    assert len(JSON_OPS) >= 10 and len(INT_BODY_FIELDS) >= 3 and len(INT_QUERY_PARAMS) >= 4 and INT_PATH_PARAMS
    assert ("POST", "/api/v1/auth/token/") in JSON_OPS


@pytest.mark.parametrize(("method", "path"), JSON_OPS, ids=[f"{m} {p}" for m, p in JSON_OPS])
def test_deeply_nested_json_is_400_with_a_message_on_every_json_operation(world, api, method, path):
    from config.bounds import MAX_JSON_DEPTH
    from config.parsers import JSON_TOO_DEEP

    op = SCHEMA["paths"][path][method.lower()]
    clients = [api(caller(method, path))] + ([APIClient()] if anonymous_allowed(op) else [])
    before = counts()
    for client in clients:
        for body in (DEEP, json.dumps(body_with(("[]",) * (MAX_JSON_DEPTH + 1), 1))):
            assert_json_refused(client, method, fill(path, world), body, JSON_TOO_DEEP % {"limit": MAX_JSON_DEPTH})
    assert counts() == before


@pytest.mark.parametrize(
    ("method", "path", "keys"), INT_BODY_FIELDS, ids=[f"{m} {p} {'.'.join(k)}" for m, p, k in INT_BODY_FIELDS]
)
def test_integer_past_64_bits_in_a_json_body_is_400_with_a_message(world, api, method, path, keys):
    from config.bounds import MAX_JSON_INT
    from config.parsers import JSON_INT_OUT_OF_RANGE

    before = counts()
    for value in (BIG, -BIG, 10**4000):
        body = json.dumps(body_with(keys, value))
        assert_json_refused(
            api("mentor"), method, fill(path, world), body, JSON_INT_OUT_OF_RANGE % {"limit": MAX_JSON_INT}
        )
    assert counts() == before


@pytest.mark.parametrize(
    ("method", "path", "keys"), INT_BODY_FIELDS, ids=[f"{m} {p} {'.'.join(k)}" for m, p, k in INT_BODY_FIELDS]
)
def test_every_integer_a_request_body_takes_declares_its_bounds(method, path, keys):
    """Form-encoded bodies are not JSON: their integers are bounded by their fields (the schema says so)."""
    from config.bounds import MAX_ID

    (schema,) = [s for k, s in integer_paths(json_body(SCHEMA["paths"][path][method.lower()])) if k == keys]
    assert schema.get("minimum") is not None and schema.get("maximum", MAX_ID + 1) <= MAX_ID, schema


@pytest.mark.parametrize(
    ("method", "path", "name"), INT_QUERY_PARAMS, ids=[f"{m} {p} ?{n}" for m, p, n in INT_QUERY_PARAMS]
)
def test_integer_query_parameter_past_64_bits_is_400_naming_it(world, api, method, path, name):
    from config.bounds import MAX_ID

    (param,) = [q for q in SCHEMA["paths"][path][method.lower()]["parameters"] if q["name"] == name]
    assert param["schema"].get("maximum", MAX_ID + 1) <= MAX_ID, param
    for value in (BIG, MAX_ID + 1):
        response = getattr(api("mentor"), method.lower())(f"{fill(path, world)}?{name}={value}")
        assert response.status_code == 400, response.content
        assert list(response.json()) == [name] and response.json()[name], response.json()


@pytest.mark.parametrize(("method", "path"), INT_PATH_PARAMS, ids=[f"{m} {p}" for m, p in INT_PATH_PARAMS])
def test_an_id_past_64_bits_in_a_path_is_404(world, api, method, path):
    response = getattr(api("learner"), method.lower())(fill(path, world, integer=BIG), {}, format="json")
    assert response.status_code == 404, response.content
    assert response.json()["detail"]
