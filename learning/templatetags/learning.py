"""Template tags for pages outside this app (planner's milestone page and dashboard, the mentor's learner page),
which then need not import it."""

from __future__ import annotations

from typing import Any

from django import template

from config.i18n import pick
from config.markdown import render_markdown, render_markdown_inline
from learning import selectors
from learning.services.review import fading_milestone_ids, review_counts
from learning.views.notes import NoteForm

register = template.Library()


@register.simple_tag(takes_context=True)
def milestone_note(context: template.Context, milestone: Any) -> dict[str, Any]:
    """`{% milestone_note milestone as note %}`: the reader's own note on the milestone, rendered, with its form."""
    user = context["request"].user
    note = selectors.note_get(user_id=user.pk, milestone_id=milestone.pk)
    initial = {"body": note.body, "shared_with_mentors": note.shared_with_mentors} if note else {}
    return {
        "note": note,
        "html": render_markdown(note.body, drop_title=False) if note else "",
        "form": NoteForm(initial=initial),
    }


@register.simple_tag(takes_context=True)
def shared_notes(context: template.Context, learner_id: int, milestone: Any = None) -> list[dict[str, Any]]:
    """`{% shared_notes learner.pk as notes %}`: the notes a learner shares with their mentors, as the reader may
    read them (none unless the reader mentors them); with `milestone`, only the note on it."""
    rows = selectors.shared_note_list(viewer=context["request"].user, learner_id=learner_id)
    if milestone is not None:
        rows = rows.filter(milestone=milestone)
    return [{"note": note, "html": render_markdown(note.body, drop_title=False)} for note in rows]


@register.filter
def card_front(card: Any) -> str:
    """A review card's prompt in the reader's language (a quiz card's prompt is Markdown)."""
    if card.source == "quiz":
        return render_markdown(pick((card.content.get("question") or {}).get("prompt")), drop_title=False)
    return pick(card.content.get("front"))


@register.filter
def card_back(card: Any) -> str:
    return pick(card.content.get("back")) if card.source == "recall" else ""


@register.filter
def option_text(option: Any) -> str:
    return render_markdown_inline(pick(option.get("text")))


@register.simple_tag(takes_context=True)
def review_due_summary(context: template.Context) -> dict[str, Any]:
    """`{% review_due_summary as review %}`: what the dashboard says is due for the reader."""
    return review_counts(user=context["request"].user)


@register.simple_tag
def fading_milestones(learner: Any) -> set[int]:
    """`{% fading_milestones learner as fading %}`: ids of the learner's done milestones whose memory is fading."""
    return fading_milestone_ids(user_id=learner.pk) if getattr(learner, "pk", None) else set()
