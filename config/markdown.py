"""Markdown from the bank and from learners (statements, quiz prompts, milestone summaries, notes): rendered, then
sanitised by nh3; TeX kept intact for KaTeX (static/js/maths.js renders each <code class="math"> in the page; without
JavaScript it stays readable). Shared by every app's pages, so it lives outside them."""

from __future__ import annotations

import math
import re

import markdown
import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Pandoc's rule for inline maths: `$` then a non-space, a non-space (not a backslash) then `$` not followed by a
# digit ("costs $5 and $10" is not maths); it may run over a line break but not over a blank line. `\$` is a dollar.
_MATH = re.compile(
    r"(?<![\\$])("
    r"\$\$[^$]+?\$\$"
    r"|\$(?=[^\s$])(?:[^$\n]|\n(?![ \t]*\n))*?[^\s\\$]\$(?!\d)"
    r"|\$[^\s$\\]\$(?!\d)"
    r")"
)
_FENCE = re.compile(r"(```.*?```|`[^`\n]+`)", re.S)
_LEADING_H1 = re.compile(r"\A\s*# [^\n]*\n")
# Bank statements nest lists CommonMark-style (2-3 spaces); python-markdown nests at 4.
_LIST_INDENT = re.compile(r"^( {2,7})(?=(?:[-*+]|\d+\.) )", re.M)


def _four_spaces(match: re.Match[str]) -> str:
    return " " * (4 * math.ceil(len(match.group(1)) / 4))


ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "code": {"class"}, "span": {"class"}, "th": {"align"}, "td": {"align"}}


def render_markdown(text: str, *, drop_title: bool = True) -> SafeString:
    """Markdown -> sanitised HTML. TeX between $...$ is kept verbatim in a <code class="math"> (readable,
    no CDN, and Markdown cannot mangle its underscores and asterisks). `drop_title`: a statement's leading `# Title`
    is dropped (the page shows the title itself); a learner's note keeps all it says."""
    formulas: list[str] = []

    def stash(match: re.Match[str]) -> str:
        formulas.append(match.group(0))
        return f"\x00MATH{len(formulas) - 1}\x00"

    if drop_title:
        text = _LEADING_H1.sub("", text, count=1)
    # Code spans and fences are left alone: a `$` inside code is code.
    parts = _FENCE.split(text)
    parts = [part if i % 2 else _LIST_INDENT.sub(_four_spaces, part) for i, part in enumerate(parts)]
    protected = "".join(part if i % 2 else _MATH.sub(stash, part) for i, part in enumerate(parts))
    html = markdown.markdown(protected, extensions=["fenced_code", "tables", "sane_lists"])

    def restore(match: re.Match[str]) -> str:
        tex = formulas[int(match.group(1))]
        block = tex.startswith("$$")
        body = escape(tex.strip("$").strip())
        return f'<code class="math{" display" if block else ""}">{body}</code>'

    html = re.sub(r"\x00MATH(\d+)\x00", restore, html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="noopener noreferrer",
        url_schemes={"http", "https", "mailto"},
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


def render_markdown_inline(text: str) -> SafeString:
    """One line of Markdown (a quiz option) without the paragraph around it, so it fits in a label."""
    html = str(render_markdown(text)).strip()
    match = _ONE_PARAGRAPH.match(html)
    return mark_safe(match.group(1) if match and "<p>" not in match.group(1) else html)  # noqa: S308 - nh3 output
