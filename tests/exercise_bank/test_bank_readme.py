"""exercise_bank/README.md lists every exercise of the bank, as `python -m gpu_runner.bank_index` generates it, and
points nowhere outside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from gpu_runner.bank import DEFAULT_BANK_DIR, Bank
from gpu_runner.bank_index import END, README, START, index_markdown, main, readme_with_index

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_lists_every_exercise_as_the_generator_does():
    text = README.read_text(encoding="utf-8")
    listed = text[text.index(START) : text.index(END) + len(END)]
    expected = index_markdown(Bank([DEFAULT_BANK_DIR]).all())
    assert listed == expected, "exercise_bank/README.md is stale: run `python -m gpu_runner.bank_index --write`"


def test_every_folder_has_a_row():
    text = README.read_text(encoding="utf-8")
    for folder in sorted(p for p in DEFAULT_BANK_DIR.iterdir() if (p / "exercise.yaml").is_file()):
        assert f"| `{folder.name}` |" in text


def test_the_generator_replaces_only_the_text_between_its_markers():
    readme = f"intro\n{START}\nold list\n{END}\noutro\n"
    assert readme_with_index(readme, f"{START}\nnew\n{END}") == f"intro\n{START}\nnew\n{END}\noutro\n"
    with pytest.raises(ValueError, match="markers"):
        readme_with_index("no markers here", "x")


def test_printing_the_list_writes_nothing(capsys):
    before = README.read_text(encoding="utf-8")
    assert main([]) == 0
    assert capsys.readouterr().out.startswith(START)
    assert README.read_text(encoding="utf-8") == before


@pytest.mark.parametrize("path", ["exercise_bank/README.md", "planner/curriculum/__init__.py", "README.md"])
def test_no_documentation_points_at_notes_outside_the_repository(path):
    assert "/work/notes" not in (ROOT / path).read_text(encoding="utf-8")
