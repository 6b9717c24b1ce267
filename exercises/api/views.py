"""Exercises API: one view per operation; parse -> service/selector -> serialize."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.permissions import can_view_learner
from config.api import Pagination, paginate
from exercises.api.serializers import (
    ExerciseDetailOutput,
    ExerciseOutput,
    QuotaOutput,
    ReviewCreateInput,
    ReviewOutput,
    ReviewQueueItemOutput,
    SignOffInput,
    SubmissionCreateInput,
    SubmissionDetailOutput,
    SubmissionOutput,
)
from exercises.models import SubmissionStatus
from exercises.selectors import (
    exercise_get,
    exercise_list,
    quiz_explanations_visible,
    review_queue,
    submission_get,
    submission_list,
)
from exercises.services import QuotaExceeded, quota_get, review_create, sign_off_create, submission_create
from exercises.services.submissions import decode_upload

EXERCISE_NOT_FOUND = "No exercise {slug!r}."
SUBMISSION_NOT_FOUND = "Submission not found."
LEARNER_NOT_FOUND = "Learner not found."
MILESTONE_NOT_FOUND = "No milestone {slug!r}."
BAD_LEARNER_FILTER = "`learner` must be a user id."


class QuotaExceededOutput(serializers.Serializer):
    detail = serializers.CharField()
    quota = QuotaOutput()


class ExerciseListApi(APIView):
    pagination_class = Pagination

    @extend_schema(
        parameters=[OpenApiParameter("milestone", str), OpenApiParameter("kind", str)],
        responses={200: ExerciseOutput(many=True)},
    )
    def get(self, request):
        qs = exercise_list(milestone=request.query_params.get("milestone"), kind=request.query_params.get("kind"))
        return paginate(self, request, qs, ExerciseOutput)


class ExerciseDetailApi(APIView):
    @extend_schema(responses={200: ExerciseDetailOutput})
    def get(self, request, slug: str):
        exercise = exercise_get(slug=slug)
        if exercise is None:
            raise NotFound(EXERCISE_NOT_FOUND.format(slug=slug))
        exercise.quota = quota_get(user=request.user, exercise=exercise).as_dict()
        return Response(ExerciseDetailOutput(exercise).data)


class SubmissionListCreateApi(APIView):
    """List your submissions (a mentor: `?learner=<id>`), or submit: code as `source` text or a `file`
    upload, quiz `answers`, fine-tuning `config`."""

    pagination_class = Pagination

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_scope = "submissions"

    def get_throttles(self):
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        parameters=[
            OpenApiParameter("exercise", str),
            OpenApiParameter("status", str, enum=[c for c, _ in SubmissionStatus.choices]),
            OpenApiParameter("learner", int),
        ],
        responses={200: SubmissionOutput(many=True)},
    )
    def get(self, request):
        learner = request.query_params.get("learner")
        if learner is not None and not learner.isdigit():
            raise serializers.ValidationError({"learner": [BAD_LEARNER_FILTER]})
        if learner is not None and not can_view_learner(request.user, int(learner)):
            raise NotFound(LEARNER_NOT_FOUND)  # as the planner lists answer for a learner one may not see
        qs = submission_list(
            user=request.user,
            learner_id=int(learner) if learner is not None else None,
            exercise=request.query_params.get("exercise"),
            status=request.query_params.get("status"),
        )
        return paginate(self, request, qs, SubmissionOutput)

    @extend_schema(
        request=SubmissionCreateInput,
        responses={201: SubmissionDetailOutput, 429: QuotaExceededOutput},
    )
    def post(self, request):
        data = SubmissionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        exercise = exercise_get(slug=values["exercise"])
        if exercise is None:
            raise serializers.ValidationError({"exercise": [EXERCISE_NOT_FOUND.format(slug=values["exercise"])]})
        payload = {key: values[key] for key in ("source", "answers", "config") if key in values}
        upload = values.get("file")
        if upload is not None:
            # One byte past the limit is enough to know it is too large, without reading the rest.
            payload["source"] = decode_upload(upload.read(settings.PATHWISE_MAX_CODE_BYTES + 1))
        try:
            submission = submission_create(user=request.user, exercise=exercise, payload=payload)
        except QuotaExceeded as exc:
            quota = quota_get(user=request.user, exercise=exercise).as_dict()
            return Response({"detail": str(exc), "quota": quota}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        submission = submission_get(user=request.user, submission_id=submission.pk)
        submission.quota = quota_get(user=request.user, exercise=exercise).as_dict()
        submission.explanations_visible = quiz_explanations_visible(user=request.user, submission=submission)
        return Response(SubmissionDetailOutput(submission).data, status=status.HTTP_201_CREATED)


class SubmissionDetailApi(APIView):
    @extend_schema(responses={200: SubmissionDetailOutput})
    def get(self, request, pk: int):
        submission = submission_get(user=request.user, submission_id=pk)
        if submission is None:
            raise NotFound(SUBMISSION_NOT_FOUND)
        submission.quota = quota_get(user=submission.user, exercise=submission.exercise).as_dict()
        submission.explanations_visible = quiz_explanations_visible(user=request.user, submission=submission)
        return Response(SubmissionDetailOutput(submission).data)


class ReviewCreateApi(APIView):
    """A mentor of the learner reviews a graded submission."""

    @extend_schema(request=ReviewCreateInput, responses={201: ReviewOutput})
    def post(self, request, pk: int):
        submission = submission_get(user=request.user, submission_id=pk)
        if submission is None:
            raise NotFound(SUBMISSION_NOT_FOUND)
        data = ReviewCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            review = review_create(mentor=request.user, submission=submission, **data.validated_data)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)


class ReviewQueueApi(APIView):
    """Submissions of your learners waiting for your review, oldest first."""

    pagination_class = Pagination

    @extend_schema(responses={200: ReviewQueueItemOutput(many=True)})
    def get(self, request):
        return paginate(self, request, review_queue(mentor=request.user), ReviewQueueItemOutput, now=timezone.now())


class SignOffApi(APIView):
    """A mentor signs off a learner's milestone whose completion is mentor sign-off."""

    @extend_schema(request=SignOffInput, responses={201: None})
    def post(self, request):
        from planner.models import Milestone

        data = SignOffInput(data=request.data)
        data.is_valid(raise_exception=True)
        learner = get_user_model().objects.filter(pk=data.validated_data["learner"]).first()
        if learner is None or not can_view_learner(request.user, learner.pk):
            # A learner one may not see answers as one that does not exist.
            raise NotFound(LEARNER_NOT_FOUND)
        slug = data.validated_data["milestone"]
        milestone = Milestone.objects.filter(slug=slug).first()
        if milestone is None:
            raise NotFound(MILESTONE_NOT_FOUND.format(slug=slug))
        try:
            sign_off_create(mentor=request.user, learner=learner, milestone=milestone)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response({"learner": learner.pk, "milestone": milestone.slug, "signed_off": True}, status=201)
