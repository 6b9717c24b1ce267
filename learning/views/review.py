"""The daily Review page: the cards due now; each one is rated (or a quiz card answered) and FSRS schedules it."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from config.i18n import pick
from config.pages import or_404, show_refusal
from learning.models import Rating
from learning.services.review import review_card_answer, review_card_get, review_due_get

RATINGS = {r.name.lower(): r.value for r in Rating}


def _answer(request: HttpRequest, card_type: str) -> Any:
    """A quiz card's answer from the form: an option, a list of options, or a number; None when none was given."""
    if card_type == "multi":
        values = request.POST.getlist("answer")
        return values or None
    value = request.POST.get("answer", "").strip()
    if not value:
        return None
    if card_type == "number":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@login_required
@require_GET
def review_page(request: HttpRequest) -> HttpResponse:
    due = review_due_get(user=request.user)
    return render(request, "learning/review.html", {"due": due, "ratings": list(Rating)})


@login_required
@require_POST
def review_answer_page(request: HttpRequest, card_id: int) -> HttpResponse:
    card = or_404(review_card_get(user=request.user, card_id=card_id))
    question = card.content.get("question") or {}
    answer = _answer(request, question.get("type", "")) if card.source == "quiz" else None
    rating = RATINGS.get(request.POST.get("rating", ""))
    try:
        outcome = review_card_answer(user=request.user, card_id=card.pk, rating=rating, answer=answer)
    except ValidationError as exc:
        show_refusal(request, exc)
        return redirect("review")
    if outcome.correct is not None:
        verdict = _("Right.") if outcome.correct else _("Not quite: it comes back soon.")
        explanation = pick(card.content.get("explanation"))
        messages.info(request, f"{verdict} {explanation}".strip())
    return redirect("review")
