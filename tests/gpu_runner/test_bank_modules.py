"""A solution file holds only what its author writes; the loader completes it from the file it completes."""

from __future__ import annotations

import textwrap
import traceback
from pathlib import Path

import pytest

from gpu_runner.__main__ import local_file_spec
from gpu_runner.bank import Bank, BankError
from tests.gpu_runner.test_bank import write_exercise

STARTER = textwrap.dedent(
    '''
    """Scale a number."""

    import math

    FACTOR = 3


    def scaled(x):
        raise NotImplementedError


    # --- provided: keep it ---
    def provided(x):
        return math.floor(x) * FACTOR
    '''
).lstrip()
REFERENCE = textwrap.dedent(
    """
    from starter import provided


    def scaled(x):
        return provided(x) + 1


    def broken(x):
        return 1 / 0
    """
).lstrip()


def exercise_with(tmp_path: Path, files: dict[str, str]):
    folder = write_exercise(tmp_path, "scale")
    for relative, text in {"starter.py": STARTER, "reference.py": REFERENCE, **files}.items():
        (folder / relative).parent.mkdir(exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return Bank([tmp_path]).get("scale")


def test_a_reference_takes_what_it_lacks_from_the_starter_and_replaces_the_stubs(tmp_path):
    exercise = exercise_with(tmp_path, {})
    reference = exercise.load_module("reference")
    assert reference.scaled(2.5) == 7
    assert reference.provided(2.5) == 6 and reference.FACTOR == 3
    source = exercise.solution_source("reference.py")
    assert "raise NotImplementedError" not in source and "from starter" not in source
    assert "def provided(x):\n    return math.floor(x) * FACTOR\n" in source
    namespace: dict = {}
    exec(compile(source, "submission.py", "exec"), namespace)  # noqa: S102 - what the sandbox runs
    assert namespace["scaled"](2.5) == 7


def test_each_part_keeps_its_own_file_and_line_numbers(tmp_path):
    exercise = exercise_with(tmp_path, {})
    reference = exercise.load_module("reference")
    with pytest.raises(ZeroDivisionError) as info:
        reference.broken(1)
    frame = traceback.extract_tb(info.tb)[-1]
    assert (Path(frame.filename).name, frame.lineno, frame.line) == ("reference.py", 9, "return 1 / 0")
    lines = STARTER.split("\n")
    starter_part = exercise.solution_source("reference.py").split("\n")[: len(lines)]
    assert starter_part.index("def provided(x):") == lines.index("def provided(x):")
    assert starter_part[lines.index("def scaled(x):")] == ""  # the stub is blank, not gone


def test_a_wrong_solution_completes_the_starter_and_an_oracle_the_reference(tmp_path):
    oracle = (
        "import math\n\nfrom reference import scaled as scaled\n\n\ndef provided(x):\n    return math.trunc(x) * 2\n"
    )
    exercise = exercise_with(
        tmp_path, {"wrong/off.py": "def scaled(x):\n    return provided(x)\n", "oracle/math.py": oracle}
    )
    assert exercise.load_module("wrong/off").scaled(2.5) == 6
    # The oracle's own definition wins over the reference's and the starter's, for the reference's code too.
    assert exercise.load_module("oracle/math").scaled(2.5) == 5
    assert exercise.load_module("grader").make_cases  # a grader is not completed by anything


def test_a_name_taken_from_a_file_that_does_not_define_it_is_a_load_error(tmp_path):
    exercise = exercise_with(tmp_path, {"wrong/off.py": "from starter import provided, nowhere\n"})
    with pytest.raises(BankError, match=r"off\.py: line 1: starter\.py defines no nowhere \(a name is taken"):
        exercise.solution_source("wrong/off.py")
    exercise = exercise_with(tmp_path / "b", {"oracle/math.py": "from reference import scaled as s\n"})
    with pytest.raises(BankError, match=r"reference\.py defines no scaled \(a name is taken from it as it is"):
        exercise.load_module("oracle/math")


def test_a_grader_takes_names_from_the_reference_and_the_starter_as_the_runtime_loads_them(tmp_path):
    grader = (
        "from reference import scaled\nfrom starter import FACTOR as factor\n\n\n"
        "def make_cases(rng):\n    return [scaled(2.5), factor]\n\n\ndef broken():\n    return 1 / 0\n"
    )
    exercise = exercise_with(tmp_path, {"grader.py": grader})
    loaded = exercise.load_module("grader")
    assert loaded.make_cases(None) == [7, 3]
    assert loaded.scaled is exercise.load_module("reference").scaled  # the module the runtime grades with
    with pytest.raises(ZeroDivisionError) as info:
        loaded.broken()
    frame = traceback.extract_tb(info.tb)[-1]  # the import lines are blanked, not removed
    assert (Path(frame.filename).name, frame.lineno) == ("grader.py", 10)


def test_a_name_a_grader_takes_that_its_sibling_lacks_is_a_load_error(tmp_path):
    exercise = exercise_with(tmp_path, {"grader.py": "from reference import scaled, nowhere\n"})
    with pytest.raises(BankError, match=r"grader\.py: line 1: reference\.py defines no nowhere$"):
        exercise.load_module("grader")


def test_a_future_import_cannot_stand_in_the_middle_of_a_completed_solution(tmp_path):
    exercise = exercise_with(tmp_path, {"wrong/off.py": "from __future__ import annotations\n"})
    with pytest.raises(BankError, match=r"completed by starter\.py cannot have a `from __future__` import$"):
        exercise.solution_source("wrong/off.py")


def test_a_changed_starter_is_a_new_version_of_the_reference(tmp_path):
    exercise = exercise_with(tmp_path, {})
    assert exercise.load_module("reference").scaled(2.5) == 7
    (exercise.path / "starter.py").write_text(STARTER.replace("FACTOR = 3", "FACTOR = 4"), encoding="utf-8")
    changed = Bank([tmp_path]).get("scale")
    assert changed.sha256 != exercise.sha256
    assert changed.starter != exercise.starter
    assert changed.load_module("reference").scaled(2.5) == 9


def test_the_grade_command_completes_a_solution_of_the_bank_and_takes_any_other_file_as_it_is(tmp_path):
    exercise = Bank.default().get("sql-queries")
    reference = exercise.path / "reference.py"
    spec = local_file_spec(slug="sql-queries", file=reference, seed=1)
    assert spec.payload == {"source": exercise.solution_source("reference.py")}
    assert "def run(db_script" in spec.payload["source"] and "def run(db_script" not in reference.read_text()
    copy = tmp_path / "mine.py"
    copy.write_text(reference.read_text(encoding="utf-8"), encoding="utf-8")
    assert local_file_spec(slug="sql-queries", file=copy, seed=1).payload == {"source": copy.read_text()}
