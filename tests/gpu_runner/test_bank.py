"""The exercise bank loader: validation messages, hashing, public view, private module loading."""

from __future__ import annotations

import hashlib
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from gpu_runner.bank import BANKS_ENV, DEFAULT_BANK_DIR, Bank, BankError, UnknownExercise, content_sha256
from gpu_runner.spec import Limits

BASE_META = {
    "slug": "add-one",
    "milestone": "python-basics",
    "kind": "code",
    "version": 1,
    "order": 1,
    "required": True,
    "title": {"en": "Add one", "zh": "加一"},
    "entry": ["add_one"],
    "limits": {"cpu_s": 2, "wall_s": 4, "memory_mb": 256, "output_kb": 64},
    "pass_threshold": 1.0,
    "metric": None,
}

HALF_OF_SEVEN = {
    "id": "q2",
    "type": "numeric",
    "prompt": {"en": "Half of 7?", "zh": "7 的一半？"},
    "answer": 3.5,
    "tolerance": 0.01,
    "explanation": {"en": "7 / 2 = 3.5.", "zh": "7 / 2 = 3.5。"},
}
QUIZ = {
    "questions": [
        {
            "id": "q1",
            "type": "choice",
            "prompt": {"en": "Pick b", "zh": "选 b"},
            "options": [{"id": "a", "text": {"en": "A", "zh": "甲"}}, {"id": "b", "text": {"en": "B", "zh": "乙"}}],
            "answer": "b",
            "explanation": {"en": "Because b.", "zh": "因为 b。"},
        },
        HALF_OF_SEVEN,
    ]
}

GRADER = textwrap.dedent(
    """
    from dataclasses import dataclass

    from gpu_runner.graders.code import Case


    @dataclass
    class Local:
        value: int


    def make_cases(rng):
        return [Case(name="one", fn="add_one", args=(int(rng.integers(0, 9)),), visible=True)]
    """
)


def write_exercise(
    root: Path, slug: str = "add-one", *, meta: dict | None = None, quiz: dict | None = None, grader: str | None = None
) -> Path:
    """A valid exercise folder; `meta` overrides exercise.yaml fields (None values delete them), `grader` replaces
    the grader.py text."""
    folder = root / slug
    folder.mkdir(parents=True)
    data = {**BASE_META, "slug": slug}
    for key, value in (meta or {}).items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    (folder / "exercise.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (folder / "statement.en.md").write_text("# Add one\n\nReturn x + 1.\n", encoding="utf-8")
    (folder / "statement.zh.md").write_text("# 加一\n\n返回 x + 1。\n", encoding="utf-8")
    (folder / "starter.py").write_text("def add_one(x):\n    raise NotImplementedError\n", encoding="utf-8")
    (folder / "reference.py").write_text("SECRET = 'reference-text'\n\n\ndef add_one(x):\n    return x + 1\n")
    (folder / "grader.py").write_text(grader if grader is not None else GRADER)
    if quiz is not None:
        (folder / "quiz.yaml").write_text(yaml.safe_dump(quiz, allow_unicode=True), encoding="utf-8")
    return folder


def load_error(tmp_path: Path, **kwargs) -> str:
    folder = write_exercise(tmp_path, **kwargs)
    with pytest.raises(BankError) as info:
        Bank([tmp_path]).get(folder.name)
    return str(info.value)


def test_default_bank_is_the_repository_folder_and_holds_the_math_exercises():
    bank = Bank.default()
    assert bank.paths[0] == DEFAULT_BANK_DIR
    assert Path(__file__).resolve().parents[2] / "exercise_bank" == DEFAULT_BANK_DIR
    milestones = {slug: bank.get(slug).milestone for slug in ("dot-product", "softmax", "kfold-split", "mlp-backprop")}
    assert milestones == {
        "dot-product": "vectors-and-dot-product",
        "softmax": "softmax-and-cross-entropy",
        "kfold-split": "cross-validation",
        "mlp-backprop": "backpropagation",
    }


def test_env_variable_adds_private_banks_after_the_default(tmp_path, monkeypatch):
    write_exercise(tmp_path / "private", "add-one")
    monkeypatch.setenv(BANKS_ENV, str(tmp_path / "private"))
    bank = Bank.default()
    assert bank.paths == [DEFAULT_BANK_DIR, tmp_path / "private"]
    assert bank.get("add-one").path == (tmp_path / "private" / "add-one").resolve()
    assert "dot-product" in bank.slugs()


def test_valid_folder_loads_every_field(tmp_path):
    write_exercise(tmp_path)
    exercise = Bank([tmp_path]).get("add-one")
    assert exercise.slug == "add-one"
    assert exercise.kind == "code"
    assert exercise.title == {"en": "Add one", "zh": "加一"}
    assert exercise.statement["zh"] == "# 加一\n\n返回 x + 1。\n"
    assert exercise.starter == "def add_one(x):\n    raise NotImplementedError\n"
    assert exercise.entry == ["add_one"]
    assert exercise.limits == Limits(cpu_s=2, wall_s=4, memory_mb=256, output_kb=64)
    assert exercise.pass_threshold == 1.0
    assert exercise.metric is None


def test_limits_and_threshold_default_when_left_out(tmp_path):
    write_exercise(tmp_path, meta={"limits": None, "pass_threshold": None, "metric": None})
    exercise = Bank([tmp_path]).get("add-one")
    assert exercise.limits == Limits()
    assert exercise.pass_threshold == 1.0


def test_missing_exercise_yaml_names_the_folder(tmp_path):
    (tmp_path / "empty-one").mkdir()
    with pytest.raises(BankError) as info:
        Bank([tmp_path]).get("empty-one")
    assert str(info.value) == f"{tmp_path / 'empty-one'}: missing exercise.yaml"


def test_missing_field_is_named(tmp_path):
    message = load_error(tmp_path, meta={"milestone": None})
    assert message == f"{tmp_path / 'add-one' / 'exercise.yaml'}: missing field(s) milestone"


def test_unknown_field_is_an_error_that_points_to_options(tmp_path):
    message = load_error(tmp_path, meta={"pass_treshold": 0.5})
    assert message.endswith(
        "exercise.yaml: unknown field(s) pass_treshold; kind-specific settings go under `options` "
        "(server-side) or `public` (shown to learners)"
    )


def test_slug_must_equal_the_folder_name(tmp_path):
    message = load_error(tmp_path, meta={"slug": "add-two"})
    assert message.endswith("exercise.yaml: field slug 'add-two' must equal the folder name 'add-one'")


@pytest.mark.parametrize(
    ("meta", "ending"),
    [
        ({"kind": "essay"}, "field kind must be one of code, model, finetune, quiz, artefact, got 'essay'"),
        ({"version": 0}, "field version must be an integer >= 1, got 0"),
        ({"required": "yes"}, "field required must be true or false, got 'yes'"),
        ({"title": {"en": "Add one"}}, "field title.zh must be a non-empty string, got None"),
        ({"entry": []}, "field entry must name at least one function for kind code"),
        ({"entry": ["add one"]}, "field entry must be a list of Python function names, got ['add one']"),
        ({"pass_threshold": 1.5}, "field pass_threshold must be a number in 0..1, got 1.5"),
        ({"limits": {"cpu_s": -1}}, "field limits.cpu_s must be a positive number, got -1"),
        ({"limits": {"gpu_s": 1}}, "unknown field(s) limits.gpu_s"),
        (
            {"metric": {"threshold": 0.8}},
            "field metric must be null or a mapping with a `name`, got {'threshold': 0.8}",
        ),
        ({"milestone": "Not A Slug"}, "field milestone must be a lowercase-kebab slug, got 'Not A Slug'"),
    ],
)
def test_malformed_fields_give_a_message_naming_the_field(tmp_path, meta, ending):
    message = load_error(tmp_path, meta=meta)
    assert message == f"{tmp_path / 'add-one' / 'exercise.yaml'}: {ending}"


def test_missing_statement_translation_is_an_error(tmp_path):
    folder = write_exercise(tmp_path)
    (folder / "statement.zh.md").unlink()
    with pytest.raises(BankError, match=r"add-one: missing statement\.zh\.md$"):
        Bank([tmp_path]).get("add-one")


def test_code_exercise_needs_a_reference(tmp_path):
    folder = write_exercise(tmp_path)
    (folder / "reference.py").unlink()
    with pytest.raises(BankError, match=r"add-one: missing reference\.py \(required for kind code\)$"):
        Bank([tmp_path]).get("add-one")


def test_unknown_slug_raises_unknown_exercise(tmp_path):
    write_exercise(tmp_path)
    with pytest.raises(UnknownExercise) as info:
        Bank([tmp_path]).get("nope")
    assert str(info.value) == f"unknown exercise 'nope': no folder nope/ in {tmp_path}"


def test_a_slug_defined_in_two_banks_is_an_error(tmp_path):
    write_exercise(tmp_path / "a")
    write_exercise(tmp_path / "b")
    with pytest.raises(BankError) as info:
        Bank([tmp_path / "a", tmp_path / "b"])
    assert str(info.value) == (
        f"exercise 'add-one' is defined twice: in {tmp_path / 'a' / 'add-one'} and in {tmp_path / 'b' / 'add-one'}"
    )


def test_one_malformed_exercise_does_not_stop_loading_the_others(tmp_path):
    write_exercise(tmp_path, "add-one")
    write_exercise(tmp_path, "broken-one", meta={"kind": "essay"})
    bank = Bank([tmp_path])
    assert bank.get("add-one").slug == "add-one"
    with pytest.raises(BankError, match="field kind"):
        bank.all()


def test_sha256_follows_the_documented_recipe_and_ignores_caches(tmp_path):
    folder = write_exercise(tmp_path)
    expected = hashlib.sha256()
    for path in sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()):
        expected.update(path.encode() + b"\0" + (folder / path).read_bytes() + b"\0")
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "grader.cpython-311.pyc").write_bytes(b"junk")
    assert content_sha256(folder) == expected.hexdigest()
    assert Bank([tmp_path]).get("add-one").sha256 == expected.hexdigest()


def test_sha256_changes_when_any_file_changes(tmp_path):
    folder = write_exercise(tmp_path)
    before = content_sha256(folder)
    (folder / "wrong").mkdir()
    (folder / "wrong" / "off.py").write_text("def add_one(x):\n    return x\n")
    assert content_sha256(folder) != before


def test_public_dict_has_no_answers_reference_or_grader(tmp_path):
    write_exercise(tmp_path, "quiz-one", meta={"kind": "quiz", "entry": None}, quiz=QUIZ)
    public = Bank([tmp_path]).get("quiz-one").public_dict()
    assert sorted(public) == sorted(
        [
            "slug",
            "milestone",
            "kind",
            "version",
            "order",
            "required",
            "title",
            "statement",
            "starter",
            "entry",
            "limits",
            "pass_threshold",
            "metric",
            "sha256",
            "public",
            "requires",
            "libraries",
            "questions",
        ]
    )
    assert public["questions"][0] == {
        "id": "q1",
        "type": "choice",
        "prompt": {"en": "Pick b", "zh": "选 b"},
        "options": [{"id": "a", "text": {"en": "A", "zh": "甲"}}, {"id": "b", "text": {"en": "B", "zh": "乙"}}],
    }
    assert public["questions"][1] == {
        "id": "q2",
        "type": "numeric",
        "prompt": {"en": "Half of 7?", "zh": "7 的一半？"},
        "tolerance": 0.01,
    }
    text = repr(public)
    assert "reference-text" not in text
    assert "Because b." not in text
    assert "make_cases" not in text


def test_public_dict_carries_public_but_not_options(tmp_path):
    write_exercise(tmp_path, meta={"options": {"secret_seed": 99}, "public": {"models": ["tiny"]}})
    public = Bank([tmp_path]).get("add-one").public_dict()
    assert public["public"] == {"models": ["tiny"]}
    assert "secret_seed" not in repr(public)


@pytest.mark.parametrize(
    ("change", "ending"),
    [
        (lambda q: q["questions"][0].update(answer="c"), "answer 'c' is not one of the option ids ['a', 'b']"),
        (lambda q: q["questions"][1].update(id="q1"), "duplicate id"),
        (
            lambda q: q["questions"][1].update(type="essay"),
            "field type must be one of choice, multi, numeric, got 'essay'",
        ),
        (lambda q: q["questions"][1].update(tolerance=-1), "field tolerance must be a number >= 0, got -1"),
        (lambda q: q["questions"][0].pop("explanation"), "must be a mapping {en: ..., zh: ...}, got None"),
    ],
)
def test_malformed_quiz_is_rejected_at_load(tmp_path, change, ending):
    quiz = yaml.safe_load(yaml.safe_dump(QUIZ))
    change(quiz)
    message = load_error(tmp_path, slug="quiz-one", meta={"kind": "quiz", "entry": None}, quiz=quiz)
    assert message.endswith(ending), message


def test_load_module_uses_a_private_name_and_caches_by_content(tmp_path):
    folder = write_exercise(tmp_path)
    exercise = Bank([tmp_path]).get("add-one")
    grader = exercise.load_module("grader")
    assert grader.__name__ == f"_pathwise_bank_add_one_grader_{exercise.sha256[:16]}"
    assert sys.modules[grader.__name__] is grader
    assert exercise.load_module("grader") is grader
    assert grader.Local(3).value == 3  # dataclasses in a bank module work (they look the module up by name)
    (folder / "reference.py").write_text("def add_one(x):\n    return x + 2\n")
    changed = Bank([tmp_path]).get("add-one")
    assert changed.sha256 != exercise.sha256
    assert changed.load_module("reference").add_one(1) == 3
    with pytest.raises(BankError, match=r"add-one: changed on disk since it was loaded; load the bank again$"):
        exercise.load_module("reference")


def test_load_module_refuses_paths_outside_the_folder(tmp_path):
    write_exercise(tmp_path)
    exercise = Bank([tmp_path]).get("add-one")
    with pytest.raises(BankError, match=r"must be a path inside the exercise folder"):
        exercise.load_module("../add-one/grader")
    with pytest.raises(BankError, match=r"has no nothing\.py$"):
        exercise.load_module("nothing")


def test_every_exercise_in_the_default_bank_loads():
    slugs = [exercise.slug for exercise in Bank.default().all()]
    assert len(slugs) == len(set(slugs))
    assert {
        "dot-product",
        "cosine-similarity",
        "matrix-multiply",
        "softmax",
        "gradient-descent",
        "bayes-rule",
        "pca",
        "kfold-split",
        "activations",
        "mlp-backprop",
    } <= set(slugs)
