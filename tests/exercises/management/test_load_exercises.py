from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from exercises.management.commands.load_exercises import UNKNOWN_MILESTONES
from exercises.models import Exercise
from gpu_runner.bank import Bank
from tests.factories import ExerciseFactory, MilestoneFactory


@pytest.fixture
def all_milestones(db, bank: Bank) -> None:
    for slug in sorted({e.milestone for e in bank.all()}):
        MilestoneFactory(slug=slug, completion="auto")


def load() -> str:
    out = StringIO()
    call_command("load_exercises", stdout=out)
    return out.getvalue().strip()


def test_load_exercises_syncs_public_fields_and_hash_idempotently(all_milestones, bank):
    stale = ExerciseFactory(slug="retired-exercise")
    count = len(bank.all())

    assert load() == f"Exercises: {count} created, 0 updated, 0 unchanged, 1 deactivated."
    assert load() == f"Exercises: 0 created, 0 updated, {count} unchanged, 0 deactivated."

    softmax = Exercise.objects.get(slug="softmax")
    source = bank.get("softmax")
    assert (softmax.sha256, softmax.kind, softmax.milestone.slug) == (source.sha256, "code", source.milestone)
    assert (softmax.statement_en, softmax.statement_zh, softmax.starter) == (
        source.statement["en"],
        source.statement["zh"],
        source.starter,
    )
    stale.refresh_from_db()
    assert stale.active is False

    Exercise.objects.filter(slug="softmax").update(sha256="0" * 64, title_en="old")
    assert load() == f"Exercises: 0 created, 1 updated, {count - 1} unchanged, 0 deactivated."
    assert Exercise.objects.get(slug="softmax").sha256 == source.sha256


def test_load_exercises_never_stores_hidden_files_or_answers(all_milestones, bank):
    load()
    for source in bank.all():
        row = Exercise.objects.get(slug=source.slug)
        stored = repr([getattr(row, f.attname) for f in Exercise._meta.concrete_fields])
        for name in ("reference.py", "grader.py"):
            path = source.path / name
            if path.is_file():
                body = path.read_text(encoding="utf-8").strip()
                assert body not in stored, f"{source.slug}/{name} leaked"
        for question in source.questions or []:
            assert question["explanation"]["en"] not in stored
            # No answer key (the word itself may well be in a prompt: "the final answer needs up to 300 tokens").
            assert all("answer" not in stored_q for stored_q in row.public.get("questions", []))
        assert all(key not in row.public for key in source.options)


def test_unknown_milestone_is_a_clear_error_and_nothing_is_written(db, bank):
    exercises = bank.all()
    known = sorted({e.milestone for e in exercises})[1:]
    for slug in known:
        MilestoneFactory(slug=slug)
    missing = sorted({e.milestone for e in exercises})[0]
    pairs = ", ".join(f"{e.slug} -> {e.milestone}" for e in exercises if e.milestone == missing)

    with pytest.raises(CommandError) as excinfo:
        load()

    assert str(excinfo.value) == UNKNOWN_MILESTONES.format(pairs=pairs)
    assert not Exercise.objects.exists()
