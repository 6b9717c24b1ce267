"""Review API: the cards due now, and one card rated (or a quiz card answered)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import NOT_FOUND, validated
from config.i18n import pick
from learning.api import serializers as s
from learning.models import Rating, ReviewCard
from learning.services.review import STATE_NAMES, retrievability, review_card_answer, review_due_get

RATINGS = {r.name.lower(): r.value for r in Rating}


def _card(card: ReviewCard, now: Any) -> dict[str, Any]:
    quiz = card.source == "quiz"
    question = card.content.get("question") if quiz else None
    return {
        "id": card.pk,
        "milestone": card.milestone.slug,
        "milestone_title": card.milestone.title,
        "source": card.source,
        "front": pick((question or {}).get("prompt")) if quiz else pick(card.content.get("front")),
        "back": "" if quiz else pick(card.content.get("back")),
        "question": question,
        "due": card.due,
        "state": "new" if card.reps == 0 else STATE_NAMES.get(card.state, "learning"),
        "retrievability": retrievability(card, now),
    }


class ReviewDueApi(APIView):
    @extend_schema(responses={200: s.ReviewDueOutput}, summary="The review cards due now (today in your time zone)")
    def get(self, request: Request) -> Response:
        now = timezone.now()
        due = review_due_get(user=request.user, now=now)
        body = {
            "date": due.date,
            "time_zone": due.time_zone,
            "due_count": due.due_count,
            "new_left_today": due.new_left_today,
            "later_today": due.later_today,
            "cards": [_card(card, now) for card in due.cards],
        }
        return Response(s.ReviewDueOutput(body).data)


class ReviewAnswerApi(APIView):
    @extend_schema(
        request=s.ReviewAnswerInput,
        responses={200: s.ReviewResultOutput},
        summary="Rate a card again/hard/good/easy (or answer a quiz card); FSRS schedules its next review",
    )
    def post(self, request: Request, card_id: int) -> Response:
        values = validated(s.ReviewAnswerInput, request.data)
        rating = RATINGS.get(values.get("rating", ""))
        try:
            outcome = review_card_answer(user=request.user, card_id=card_id, rating=rating, answer=values.get("answer"))
        except ReviewCard.DoesNotExist:
            raise Http404(NOT_FOUND) from None
        card = outcome.card
        quiz = card.source == "quiz"
        body = {
            "card": card.pk,
            "rating": Rating(outcome.rating).name.lower(),
            "correct": outcome.correct,
            "due": card.due,
            "interval_days": round((card.due - card.last_review).total_seconds() / 86400, 4),
            "explanation": pick(card.content.get("explanation")) if quiz else "",
            "answer": card.content.get("answer") if quiz else None,
        }
        return Response(s.ReviewResultOutput(body).data)
