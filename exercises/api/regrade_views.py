"""Re-grading API: staff and a learner's mentor grade submissions again (exercises.services.regrading)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import visible_learner_ids
from config.api import validated
from exercises.api.serializers import ExerciseRegradeInput, ExerciseRegradeOutput, RegradeOutput
from exercises.api.views import NO_SUCH_EXERCISE, SUBMISSION_HIDDEN, exercise_or_404, submission_or_404
from exercises.permissions import can_regrade_exercise, can_regrade_submission
from exercises.services.regrading import exercise_regrade, submission_regrade

REGRADE_NOT_ALLOWED = _("Only staff and the learner's mentors can re-grade.")
NOT_ALLOWED = OpenApiResponse(description="You are neither staff nor a mentor of the learner.")


class SubmissionRegradeApi(APIView):
    @extend_schema(
        request=None,
        responses={202: RegradeOutput, 403: NOT_ALLOWED, 404: SUBMISSION_HIDDEN},
        summary="Re-grade one submission (no quota spent; queued behind learners' new submissions)",
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_or_404(request, pk)
        if not can_regrade_submission(request.user, submission.user_id):
            raise PermissionDenied(REGRADE_NOT_ALLOWED)
        regrade = submission_regrade(submission=submission, by=request.user)
        return Response(RegradeOutput(regrade).data, status=status.HTTP_202_ACCEPTED)


class ExerciseRegradeApi(APIView):
    @extend_schema(
        request=ExerciseRegradeInput,
        responses={202: ExerciseRegradeOutput, 403: NOT_ALLOWED, 404: NO_SUCH_EXERCISE},
        summary="Re-grade every standing submission of an exercise (a mentor: of their learners)",
    )
    def post(self, request: Request, slug: str) -> Response:
        if not can_regrade_exercise(request.user):
            raise PermissionDenied(REGRADE_NOT_ALLOWED)
        exercise = exercise_or_404(slug)
        data = validated(ExerciseRegradeInput, request.data)
        learners = visible_learner_ids(request.user)
        if learners is not None:
            learners = [pk for pk in learners if pk != request.user.pk]
        regrades = exercise_regrade(exercise=exercise, by=request.user, learner_ids=learners, since=data.get("since"))
        body = {"queued": len(regrades), "submissions": regrades}
        return Response(ExerciseRegradeOutput(body).data, status=status.HTTP_202_ACCEPTED)
