"""The mentor's rubric scores for an artefact submission (exercises.services.artefact_scores owns every rule)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import refusal_as_403, validated
from exercises.api.serializers import ArtefactScoreInput, SubmissionDetailOutput
from exercises.api.views import SUBMISSION_HIDDEN, submission_or_404
from exercises.selectors import submission_get
from exercises.services import artefact_score


class ArtefactScoreApi(APIView):
    """A mentor of the learner (or staff) scores an artefact's rubric: the total against the pass mark is the
    verdict, and a pass completes the milestone with mentor evidence."""

    @extend_schema(
        request=ArtefactScoreInput,
        responses={
            201: SubmissionDetailOutput,
            400: OpenApiResponse(description="Scores that do not fit the rubric, or an artefact scored already."),
            403: OpenApiResponse(description="You are not a mentor of this learner (nor staff)."),
            404: SUBMISSION_HIDDEN,
        },
        summary="Score an artefact submission against its rubric",
    )
    def post(self, request, pk: int):
        submission = submission_or_404(request, pk)
        data = validated(ArtefactScoreInput, request.data)
        with refusal_as_403():
            artefact_score(mentor=request.user, submission=submission, **data)
        submission = submission_get(user=request.user, submission_id=pk)
        body = SubmissionDetailOutput(submission, context={"viewer": request.user}).data
        return Response(body, status=status.HTTP_201_CREATED)
