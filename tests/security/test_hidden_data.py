"""Hidden exercise data (reference source, grader source, quiz answers and explanations) appears in no response:
every page and API read of every route, as every role, JSON and HTML bodies alike, is searched for it.

A quiz's explanations give its answers away, so they reach a learner only once the learner passed the quiz (not when
today's attempts run out: the quota resets at midnight UTC); the learner's mentor and staff always see them (they
review). Bodies are searched as a reader sees them: HTML without tags and entities, JSON string by string, Markdown
marks and spacing ignored."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from exercises.api.views import LEARNER_NOT_FOUND
from exercises.models import Submission
from exercises.selectors import EXPLANATIONS_HIDDEN
from gpu_runner.bank import Bank
from tests.security.conftest import SecurityWorld
from tests.security.matrix import ROUTES
from tests.world import ROLES

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
                if (
                    len(line) >= 30
                    and not line.startswith(("#", "import ", "from ", "def ", '"""'))
                    and line not in public
                ):
                    snippets[f"{slug}/{name}: {line}"] = line
        for question in exercise.questions or []:
            for lang, text in question["explanation"].items():
                snippets[f"{slug} {question['id']} explanation ({lang})"] = text
    return snippets


def explanation_snippets(slug: str, langs: Iterable[str] = ("en", "zh")) -> dict[str, str]:
    return {
        f"{slug} {q['id']} explanation ({lang})": q["explanation"][lang]
        for q in Bank.default().get(slug).questions
        for lang in langs
    }


def normal(text: str) -> str:
    """Markdown marks and spacing out: an explanation rendered as Markdown still matches its source text."""
    return " ".join(re.sub(r"[`*_]", "", text).split())


def strings(value: Any, *, values: bool = True) -> Iterator[str]:
    """Every key in a JSON value and, unless `values` is False, every string value."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item, values=values)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, values=values)
    elif values and isinstance(value, str):
        yield value


def readable(response: Any) -> str:
    """The body as its reader gets it: JSON strings one per line; HTML text without tags, entities decoded."""
    body = response.content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        return "\n".join(normal(text) for text in strings(response.json()))
    return normal(html.unescape(re.sub(r"<[^>]+>", "", body)))


def found(snippets: dict[str, str], response: Any) -> list[str]:
    text = readable(response)
    body = response.content.decode("utf-8", errors="replace")
    return [where for where, snippet in snippets.items() if snippet in body or normal(snippet) in text]


def keys(value: Any) -> Iterator[str]:
    return strings(value, values=False)


def responses(
    world: SecurityWorld, roles: Iterable[str] = ROLES, more: Iterable[str] = ()
) -> Iterator[tuple[str, str, Any]]:
    """(who, url, response) for every read of the matrix, plus the quiz's own pages and the API docs."""
    extra = [
        *more,
        reverse("api-exercise-detail", kwargs={"slug": world.gpu_quiz.slug}),
        reverse("exercise-detail", kwargs={"slug": world.gpu_quiz.slug}),
        reverse("api-exercise-list") + "?kind=quiz",
        reverse("milestone-detail", kwargs={"slug": world.gpu_quiz.milestone.slug}),
        reverse("milestone-detail", kwargs={"slug": world.softmax.milestone.slug}),
        reverse("api-milestone-detail", kwargs={"slug": world.softmax.milestone.slug}),
    ]
    for role in roles:
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
    snippets = hidden_snippets([world.softmax.slug, world.gpu_quiz.slug])
    assert len(snippets) >= 8  # the search has something to find: reference lines, grader lines, explanations
    leaks: list[str] = []
    searched = 0
    for role, url, response in responses(world):
        searched += 1
        leaks += [f"{role} {url}: {where}" for where in found(snippets, response)]
        if response.get("Content-Type", "").startswith("application/json") and url.startswith("/api/v1/"):
            bad_keys = FORBIDDEN_KEYS & set(keys(response.json()))
            leaks += [f"{role} {url}: key {key!r}" for key in sorted(bad_keys)]
    assert leaks == []
    assert searched >= len(ROLES) * len(ROUTES)


def test_invisible_learner_filter_answers_404(world):
    """`?learner=A` asked by B or by B's mentor answers 404, as if A did not exist: A's submissions stay invisible."""
    for role in ("other_learner", "other_mentor"):
        client = APIClient()
        client.force_authenticate(world.users[role])
        response = client.get(f"/api/v1/submissions/?learner={world.users['learner'].pk}")
        assert (response.status_code, response.json()) == (404, {"detail": LEARNER_NOT_FOUND})


def test_quiz_feedback_never_sends_the_answer_key(world):
    """The feedback on a quiz submission never carries the `answer` field of the bank."""
    bank = Bank.default()
    questions = bank.get(world.gpu_quiz.slug).questions
    client = APIClient()
    client.force_authenticate(world.users["other_learner"])
    assert questions
    response = client.post(
        "/api/v1/submissions/",
        {"exercise": world.gpu_quiz.slug, "answers": wrong_answers(world.gpu_quiz.slug)},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert "answer" not in set(keys(response.json()))


def wrong_answers(slug: str) -> dict[str, Any]:
    """An answer to every question, each one wrong but valid (an option of the question, a number): invalid
    answers are refused before grading."""
    return {q["id"]: wrong_answer(q) for q in Bank.default().get(slug).questions}


def wrong_answer(question: dict[str, Any]) -> Any:
    if question["type"] == "numeric":
        return float(question["answer"]) + 1000
    others = [o["id"] for o in question["options"] if o["id"] not in question["answer"]]
    return others[0] if question["type"] == "choice" else others[:1]


def quiz_urls(world: SecurityWorld, submission_id: int) -> list[str]:
    """Every read that shows a quiz submission or its result: the quiz page, the submission page and its live
    fragment, the API's detail and lists."""
    status = reverse("submission-status", kwargs={"pk": submission_id})
    return [
        reverse("api-submission-detail", kwargs={"pk": submission_id}),
        reverse("api-submission-list") + f"?exercise={world.gpu_quiz.slug}",
        reverse("api-submission-list") + f"?learner={world.users['learner'].pk}",
        reverse("submission-detail", kwargs={"pk": submission_id}),
        status,
        status + "?page=submission",
    ]


def explanation_leaks(world: SecurityWorld, roles: Iterable[str], more: list[str]) -> tuple[list[str], int]:
    snippets = explanation_snippets(world.gpu_quiz.slug)
    leaks: list[str] = []
    searched = 0
    for role, url, response in responses(world, roles, more):
        searched += 1
        leaks += [f"{role} {url}: {where}" for where in found(snippets, response)]
        if response.get("Content-Type", "").startswith("application/json") and url.startswith("/api/v1/"):
            leaks += [f"{role} {url}: key 'explanation'" for key in keys(response.json()) if key == "explanation"]
    return leaks, searched


def test_quiz_explanations_reach_a_learner_only_after_a_pass_and_their_mentor_and_staff_always(world, settings):
    """A fails the quiz with their last attempt of the day: no response to A (nor to anyone who is not A's mentor
    or staff) carries an explanation, in any language, on any route. A's mentor and staff read them. Once A passes
    (the next day), A reads them too."""
    settings.PATHWISE_DAILY_QUOTA = 1
    client = APIClient()
    client.force_authenticate(world.users["learner"])
    failed = client.post(
        "/api/v1/submissions/",
        {"exercise": world.gpu_quiz.slug, "answers": wrong_answers(world.gpu_quiz.slug)},
        format="json",
    )
    assert (failed.status_code, failed.json()["status"]) == (201, "failed"), failed.content
    assert failed.json()["quota"]["remaining"] == 0
    assert found(explanation_snippets(world.gpu_quiz.slug), failed) == []
    assert failed.json()["explanations_note"] == EXPLANATIONS_HIDDEN
    urls = quiz_urls(world, failed.json()["id"])

    leaks, searched = explanation_leaks(world, ("anonymous", "learner", "other_learner", "other_mentor"), urls)
    assert leaks == []
    assert searched >= 4 * (len(ROUTES) + len(urls))

    # The search finds explanations where they belong: it is not blind to them.
    english = explanation_snippets(world.gpu_quiz.slug, ("en",))
    for role in ("mentor", "admin"):
        api, page = APIClient(), Client()
        api.force_authenticate(world.users[role])
        page.force_login(world.users[role])
        assert sorted(found(explanation_snippets(world.gpu_quiz.slug), api.get(urls[0]))) == sorted(
            explanation_snippets(world.gpu_quiz.slug)
        )
        assert sorted(found(english, page.get(urls[3]))) == sorted(english)

    # The next day (today's quota is back), A passes.
    Submission.objects.filter(user=world.users["learner"], exercise=world.gpu_quiz).update(
        created_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    )
    right = {q["id"]: q["answer"] for q in Bank.default().get(world.gpu_quiz.slug).questions}
    passed = client.post("/api/v1/submissions/", {"exercise": world.gpu_quiz.slug, "answers": right}, format="json")
    assert passed.json()["status"] == "passed"
    assert sorted(found(explanation_snippets(world.gpu_quiz.slug), client.get(urls[0]))) == sorted(
        explanation_snippets(world.gpu_quiz.slug)
    )
    page = Client()
    page.force_login(world.users["learner"])
    assert sorted(found(english, page.get(urls[3]))) == sorted(english)
    leaks, _ = explanation_leaks(world, ("anonymous", "other_learner", "other_mentor"), urls)
    assert leaks == []
