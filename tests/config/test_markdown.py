"""config.markdown: Markdown + nh3 keep TeX intact for KaTeX (static/js/maths.js), in statements, quiz texts and
milestone summaries, in both languages; a dollar amount is not maths."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
import yaml

from config.markdown import _FENCE, _MATH, render_markdown, render_markdown_inline

ROOT = Path(__file__).resolve().parents[2]
MATH_CODE = re.compile(r'<code class="math( display)?">(.*?)</code>', re.S)


def formulas(html: str) -> list[str]:
    return [html_lib.unescape(m.group(2)) for m in MATH_CODE.finditer(str(html))]


def test_underscores_asterisks_and_backslashes_reach_katex_untouched():
    text = (
        "Let $a_i * b_j$ and $c_i * d_j$ be **scores**.\n\n"
        "$$\\begin{pmatrix} a_{11} & a_{12} \\\\ a_{21} & a_{22} \\end{pmatrix}$$\n\n"
        "Also $x < y \\,\\&\\, \\{z\\}$ and $\\_$."
    )
    html = render_markdown(text)
    assert formulas(html) == [
        "a_i * b_j",
        "c_i * d_j",
        "\\begin{pmatrix} a_{11} & a_{12} \\\\ a_{21} & a_{22} \\end{pmatrix}",
        "x < y \\,\\&\\, \\{z\\}",
        "\\_",
    ]
    assert "<em>" not in html and "<strong>scores</strong>" in html
    assert '<code class="math">x &lt; y \\,\\&amp;\\, \\{z\\}</code>' in html  # escaped for HTML, text intact


def test_dollar_amounts_are_not_maths():
    html = render_markdown("It costs $5 and $10, or $ 3 $.")
    assert formulas(html) == []
    assert "It costs $5 and $10, or $ 3 $." in html


def test_inline_maths_may_run_over_a_line_break_but_not_over_a_paragraph():
    assert formulas(render_markdown("the sum $\\sum_i \\log\nf(x_i)$ here")) == ["\\sum_i \\log\nf(x_i)"]
    html = render_markdown("a $x\n\ny$ b")
    assert formulas(html) == [] and "<p>a $x</p>" in html


def test_dollars_in_code_stay_code():
    html = render_markdown("`echo $HOME_$x$`\n\n```\nprice = '$a_b$'\n```\n")
    assert formulas(html) == []
    assert "<code>echo $HOME_$x$</code>" in html and "price = '$a_b$'" in html


def test_quiz_option_keeps_its_formula_inline():
    assert str(render_markdown_inline("$10^{-6}$ or less")) == '<code class="math">10^{-6}</code> or less'


def _statements() -> list[Path]:
    return sorted((ROOT / "exercise_bank").glob("*/statement.*.md"))


@pytest.mark.parametrize("path", _statements(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_formula_of_every_bank_statement_comes_out_whole(path: Path):
    text = path.read_text(encoding="utf-8")
    expected = [
        m.strip("$").strip() for i, part in enumerate(_FENCE.split(text)) if not i % 2 for m in _MATH.findall(part)
    ]
    html = str(render_markdown(text))
    assert formulas(html) == expected
    prose = re.sub(r"<code[^>]*>.*?</code>|<pre>.*?</pre>", "", html, flags=re.S)
    assert "$" not in prose.replace("\\$", ""), "a formula's delimiters were left in the text"


def test_the_matrix_product_statement_keeps_its_display_formula_in_both_languages():
    for lang in ("en", "zh"):
        text = (ROOT / "exercise_bank" / "matrix-multiply" / f"statement.{lang}.md").read_text(encoding="utf-8")
        assert "C_{ij} = \\sum_{k=1}^{n} A_{ik} B_{kj}" in formulas(render_markdown(text))


def test_curriculum_summaries_with_maths_render_them_in_both_languages():
    stage = yaml.safe_load((ROOT / "curriculum" / "stages" / "02-mathematics.yaml").read_text(encoding="utf-8"))
    svd = next(m for m in stage["milestones"] if m["slug"] == "singular-value-decomposition")
    for lang in ("en", "zh"):
        assert formulas(render_markdown(svd["summary"][lang])) == ["A = U \\Sigma V^\\top"]
