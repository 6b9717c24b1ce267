"""Hidden exercise data (reference source, grader source, quiz answers and explanations) appears in no response:
every page and API read of every route, as every role, JSON and HTML bodies alike, is searched for it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from exercises.api.views import LEARNER_NOT_FOUND
from gpu_runner.bank import Bank
from tests.security.conftest import ROLES, World
from tests.security.test_permission_matrix import ROUTES

pytestmark = pytest.mark.django_db

FORBIDDEN_KEYS = {"answer", "explanation", "reference", "grader", "hidden"}


def hidden_snippets(slugs: list[str]) -> dict[str, str]:
    """Distinctive lines of the server-side files, and every quiz answer explanation, by where they come from."""
    bank = Bank.default()
    snippets: dict[str, str] = {}
    for slug in slugs:
        exercise = bank.get(slug)
        public = json.dumps(exercise.public_dict(), ensure_ascii=False)
        for name in ("reference.py", "grader.py"):
            path = exercise.path / name
            if not path.is_file():
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.strip()
                # Lines that also appear in the public starter/statement (imports, signatures) are not secrets.
                if len(line) >= 30 and not line.startswith(("#", "import ", "from ", "def ", '"""')) \
                        and line not in public:
                    snippets[f"{slug}/{name}: {line}"] = line
        for question in exercise.questions or []:
            for lang, text in question["explanation"].items():
                snippets[f"{slug} {question['id']} explanation ({lang})"] = text
    return snippets


def keys(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from keys(item)


def responses(world: World) -> Iterator[tuple[str, str, Any]]:
    """(who, url, response) for every read of the matrix, plus the quiz's own pages and the API docs."""
    extra = [
        reverse("api-exercise-detail", kwargs={"slug": world.quiz.slug}),
        reverse("exercise-detail", kwargs={"slug": world.quiz.slug}),
        reverse("api-exercise-list") + "?kind=quiz",
        reverse("milestone-detail", kwargs={"slug": world.quiz.milestone.slug}),
        reverse("milestone-detail", kwargs={"slug": world.softmax.milestone.slug}),
        reverse("api-milestone-detail", kwargs={"slug": world.softmax.milestone.slug}),
    ]
    for role in ROLES:
        user = world.users.get(role)
        api, page = APIClient(), Client()
        if user is not None:
            api.force_authenticate(user)
            page.force_login(user)
        urls = [reverse(name, kwargs=route.kwargs(world)) + route.query(world) for name, route in ROUTES.items()]
        for url in urls + extra:
            client = api if url.startswith("/api/v1/") else page
            yield role, url, client.get(url)
            if not url.startswith("/api/"):
                yield role, f"{url} (htmx)", client.get(url, HTTP_HX_REQUEST="true")


def test_no_response_carries_hidden_exercise_data(world):
    snippets = hidden_snippets([world.softmax.slug, world.quiz.slug])
    assert len(snippets) >= 8  # the search has something to find: reference lines, grader lines, explanations
    leaks: list[str] = []
    searched = 0
    for role, url, response in responses(world):
        body = response.content.decode("utf-8", errors="replace")
        searched += 1
        leaks += [f"{role} {url}: {where}" for where, text in snippets.items() if text in body]
        if response.get("Content-Type", "").startswith("application/json") and url.startswith("/api/v1/"):
            found = FORBIDDEN_KEYS & set(keys(response.json()))
            leaks += [f"{role} {url}: key {key!r}" for key in sorted(found)]
    assert leaks == []
    assert searched >= len(ROLES) * len(ROUTES)


def test_invisible_learner_filter_answers_404(world):
    """`?learner=A` asked by B or by B's mentor answers 404, as if A did not exist: A's submissions stay invisible."""
    for role in ("B", "mentor_B"):
        client = APIClient()
        client.force_authenticate(world.users[role])
        response = client.get(f"/api/v1/submissions/?learner={world.users['A'].pk}")
        assert (response.status_code, response.json()) == (404, {"detail": LEARNER_NOT_FOUND})


def test_quiz_feedback_never_sends_the_answer_key(world):
    """After a submission the feedback carries explanations (by design: they teach); it never carries the
    `answer` field of the bank, and the exercise itself never shows an explanation before an answer."""
    bank = Bank.default()
    questions = bank.get(world.quiz.slug).questions
    client = APIClient()
    client.force_authenticate(world.users["B"])
    wrong = {q["id"]: ("zzz" if q["type"] != "numeric" else -1) for q in questions}
    response = client.post("/api/v1/submissions/", {"exercise": world.quiz.slug, "answers": wrong}, format="json")
    assert response.status_code == 201, response.content
    assert "answer" not in set(keys(response.json()))
