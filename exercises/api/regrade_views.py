"""Re-grading API: staff and a learner's mentor grade submissions again (exercises.services.regrading)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import visible_learner_ids
from config.api import validated
from exercises.permissions import can_regrade_exercise, can_regrade_submission
from exercises.selectors import exercise_get, submission_get
from exercises.services.regrading import exercise_regrade, submission_regrade

SUBMISSION_NOT_FOUND = _("No such submission.")
EXERCISE_NOT_FOUND = _("No such exercise.")
REGRADE_NOT_ALLOWED = _("Only staff and the learner's mentors can re-grade.")


class RegradeOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="The re-grade: a new submission of the same attempt.")
    regrade_of = serializers.IntegerField(source="regrade_of_id")
    status = serializers.CharField()


class ExerciseRegradeInput(serializers.Serializer):
    since = serializers.DateTimeField(required=False, help_text="Only submissions made from then on.")


class ExerciseRegradeOutput(serializers.Serializer):
    queued = serializers.IntegerField()
    submissions = RegradeOutput(many=True)


class SubmissionRegradeApi(APIView):
    @extend_schema(
        request=None,
        responses={202: RegradeOutput},
        summary="Re-grade one submission (no quota spent; queued behind learners' new submissions)",
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = submission_get(user=request.user, submission_id=pk)
        if submission is None:
            raise NotFound(SUBMISSION_NOT_FOUND)
        if not can_regrade_submission(request.user, submission.user_id):
            raise PermissionDenied(REGRADE_NOT_ALLOWED)
        regrade = submission_regrade(submission=submission, by=request.user)
        return Response(RegradeOutput(regrade).data, status=status.HTTP_202_ACCEPTED)


class ExerciseRegradeApi(APIView):
    @extend_schema(
        request=ExerciseRegradeInput,
        responses={202: ExerciseRegradeOutput},
        summary="Re-grade every standing submission of an exercise (a mentor: of their learners)",
    )
    def post(self, request: Request, slug: str) -> Response:
        if not can_regrade_exercise(request.user):
            raise PermissionDenied(REGRADE_NOT_ALLOWED)
        exercise = exercise_get(slug=slug)
        if exercise is None:
            raise NotFound(EXERCISE_NOT_FOUND)
        data = validated(ExerciseRegradeInput, request.data)
        learners = visible_learner_ids(request.user)
        if learners is not None:
            learners = [pk for pk in learners if pk != request.user.pk]
        regrades = exercise_regrade(exercise=exercise, by=request.user, learner_ids=learners, since=data.get("since"))
        body = {"queued": len(regrades), "submissions": regrades}
        return Response(ExerciseRegradeOutput(body).data, status=status.HTTP_202_ACCEPTED)
