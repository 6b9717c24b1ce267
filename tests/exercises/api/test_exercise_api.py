"""The exercises API shows public data only: never a reference solution, grader, answers or hidden data."""

import pytest

from gpu_runner.bank import Bank
from tests.factories import ExerciseFactory

URL = "/api/v1/exercises/"


def secret_texts(bank: Bank, slug: str) -> list[str]:
    """Text of the exercise's server-side parts that appears in none of its public files: lines of
    reference.py, grader.py and wrong/*.py, quiz explanations, the names of server-side options."""
    exercise = bank.get(slug)
    public = exercise.starter + exercise.statement["en"] + exercise.statement["zh"]
    secrets = []
    for path in sorted(exercise.path.rglob("*.py")):
        if path.name == "starter.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) >= 25 and line not in public and not line.startswith(("#", "import ", "from ")):
                secrets.append(line)
    for question in exercise.questions or []:
        secrets.extend(question["explanation"].values())
    secrets.extend(f'"{key}"' for key in exercise.options)
    return secrets


def strings(value) -> str:
    """Every string in a decoded JSON document, keys included, one per line (no JSON escaping to hide in)."""
    if isinstance(value, dict):
        return "\n".join(f'"{k}"\n' + strings(v) for k, v in value.items())
    if isinstance(value, list):
        return "\n".join(strings(v) for v in value)
    return str(value)


@pytest.mark.parametrize("slug", ["softmax", "quiz-cpu-vs-gpu", "finetune-bert-sentiment"])
def test_exercise_detail_shows_public_data_and_no_hidden_text(client_for, learner, bank_exercise, bank, slug):
    bank_exercise(slug)
    response = client_for(learner).get(f"{URL}{slug}/")

    assert response.status_code == 200
    data = response.json()
    source = bank.get(slug)
    assert data["statement"] == source.statement
    assert data["starter"] == source.starter
    assert data["quota"] == {"limit": 20, "used": 0, "remaining": 20}
    body = strings(data)
    leaked = [text for text in secret_texts(bank, slug) if text in body]
    assert secret_texts(bank, slug), "the exercise must have server-side text to check for"
    assert leaked == []
    listing = strings(client_for(learner).get(URL).json())
    assert [text for text in secret_texts(bank, slug) if text in listing] == []


def test_quiz_questions_are_public_without_answers_or_explanations(client_for, learner, quiz, bank):
    data = client_for(learner).get(f"{URL}{quiz.slug}/").json()
    questions = data["public"]["questions"]
    assert [q["id"] for q in questions] == [q["id"] for q in bank.get(quiz.slug).questions]
    assert all("answer" not in q and "explanation" not in q for q in questions)


def test_exercise_list_filters_by_milestone_and_kind(client_for, learner, softmax, quiz):
    client = client_for(learner)
    assert sorted(e["slug"] for e in client.get(URL).json()["results"]) == ["quiz-cpu-vs-gpu", "softmax"]
    assert [e["slug"] for e in client.get(URL, {"kind": "quiz"}).json()["results"]] == ["quiz-cpu-vs-gpu"]
    assert [e["slug"] for e in client.get(URL, {"milestone": "softmax-and-cross-entropy"}).json()["results"]] == [
        "softmax"
    ]


def test_unknown_exercise_is_404(client_for, learner):
    response = client_for(learner).get(f"{URL}nope/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No exercise 'nope'."}


def test_anonymous_users_read_exercise_statements_without_a_quota(api_client, db):
    ExerciseFactory(slug="public-one", statement_en="Do it.")
    assert [e["slug"] for e in api_client.get(URL).json()["results"]] == ["public-one"]
    detail = api_client.get(f"{URL}public-one/").json()
    assert (detail["statement"]["en"], detail["quota"]) == ("Do it.", None)
    assert api_client.post("/api/v1/submissions/", {"exercise": "public-one", "source": "x"}).status_code == 401
