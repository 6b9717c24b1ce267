"""Exercises API: one view per operation; parse -> service/selector -> serialize."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.permissions import can_view_learner, is_mentor_of
from accounts.selectors import user_get
from config.api import Pagination, paginate, query_params, refusal_as_403, validated
from config.filters import filter_parameters, filtered
from config.parsers import BoundedJSONParser
from exercises.api.filters import UNKNOWN_EXERCISE, UNKNOWN_MILESTONE, ExerciseFilter, SubmissionFilter
from exercises.api.serializers import (
    ExerciseDetailOutput,
    ExerciseOutput,
    QuotaExceededOutput,
    ReviewCreateInput,
    ReviewOutput,
    ReviewQueueItemOutput,
    ReviewQueueQueryInput,
    ReviewRequestOutput,
    SignOffInput,
    SignOffOutput,
    SubmissionCreateInput,
    SubmissionDetailOutput,
    SubmissionListQueryInput,
    SubmissionOutput,
)
from exercises.models import Exercise, Submission
from exercises.selectors import (
    exercise_get,
    exercise_list,
    quiz_explanations_visible,
    review_queue,
    submission_get,
    submission_list,
)
from exercises.services import (
    QuotaExceeded,
    quota_get,
    review_create,
    review_request,
    sign_off_create,
    sign_off_withdraw,
    submission_create,
)
from exercises.services.artefacts import notebook_decode
from exercises.services.submissions import decode_upload
from planner.models import Milestone
from planner.selectors import milestone_get

SUBMISSION_NOT_FOUND = _("Submission not found.")


def submission_or_404(request, pk: int) -> Submission:
    """A submission the user may see (with its events and reviews), else a 404 that does not say whether it exists."""
    submission = submission_get(user=request.user, submission_id=pk)
    if submission is None:
        raise NotFound(SUBMISSION_NOT_FOUND)
    return submission


# The 404 of `submission_or_404`, as the operations that look a submission up declare it.
SUBMISSION_HIDDEN = OpenApiResponse(description="A submission you may not see.")


def exercise_or_404(slug: str) -> Exercise:
    """The exercise with this slug, else a 404 that names the slug."""
    exercise = exercise_get(slug=slug)
    if exercise is None:
        raise NotFound(UNKNOWN_EXERCISE % {"value": slug})
    return exercise


# The 404 of `exercise_or_404`, as the operations that look an exercise up declare it.
NO_SUCH_EXERCISE = OpenApiResponse(description="No such exercise.")


def submission_detail(request, submission: Submission) -> dict[str, Any]:
    """A submission as its detail shows it to the caller: with its learner's quota for today (a mentor sees the
    learner's), and the quiz explanations when the caller may read them."""
    submission.quota = quota_get(user=submission.user, exercise=submission.exercise).as_dict()
    submission.explanations_visible = quiz_explanations_visible(user=request.user, submission=submission)
    return SubmissionDetailOutput(submission, context={"viewer": request.user}).data


LEARNER_NOT_FOUND = _("Learner not found.")
NOT_YOUR_LEARNER_ID = _("No learner of yours has id %(value)s.")


class ExerciseListApi(APIView):
    permission_classes = [AllowAny]  # exercise statements are public; submitting needs an account
    pagination_class = Pagination

    @extend_schema(
        parameters=filter_parameters(ExerciseFilter),
        responses={200: ExerciseOutput(many=True), 400: OpenApiResponse(description="An unknown filter value.")},
        summary="List exercises (filter by milestone, kind)",
    )
    def get(self, request):
        return paginate(self, request, filtered(request, ExerciseFilter, exercise_list()), ExerciseOutput)


class ExerciseDetailApi(APIView):
    permission_classes = [AllowAny]  # exercise statements are public; submitting needs an account

    @extend_schema(
        responses={200: ExerciseDetailOutput, 404: NO_SUCH_EXERCISE},
        summary="An exercise's statement (public); with your quota for today when signed in",
    )
    def get(self, request, slug: str):
        exercise = exercise_or_404(slug)
        # A visitor has no quota: it is a signed-in learner's count of today's submissions.
        authenticated = request.user.is_authenticated
        exercise.quota = quota_get(user=request.user, exercise=exercise).as_dict() if authenticated else None
        return Response(ExerciseDetailOutput(exercise).data)


class SubmissionListCreateApi(APIView):
    """List your submissions (a mentor: `?learner=<id>`), or submit: code as `source` text or a `file`
    upload, quiz `answers`, fine-tuning `config`, an artefact's `url`, `writeup` and `notebook` (the .ipynb as
    text or as its JSON object, or a `notebook_file` upload). An artefact's failing checks are a 400 with each
    check's message under its part, and use no quota; one that passes waits for a mentor (status `review`)."""

    pagination_class = Pagination

    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]
    throttle_scope = "submissions"

    def get_throttles(self):
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        parameters=[*filter_parameters(SubmissionFilter), SubmissionListQueryInput],
        responses={
            200: SubmissionOutput(many=True),
            400: OpenApiResponse(description="An unknown filter value, or a malformed learner id."),
            404: OpenApiResponse(description="A learner you may not see."),
        },
        summary="List your submissions (a mentor: a learner's, with ?learner=)",
    )
    def get(self, request):
        query = query_params(request, SubmissionListQueryInput)
        learner = query.get("learner")
        if learner is not None and not can_view_learner(request.user, learner):
            raise NotFound(LEARNER_NOT_FOUND)  # as the planner lists answer for a learner one may not see
        submissions = filtered(request, SubmissionFilter, submission_list(user=request.user, learner_id=learner))
        return paginate(self, request, submissions, SubmissionOutput, viewer=request.user)

    @extend_schema(
        request=SubmissionCreateInput,
        responses={201: SubmissionDetailOutput, 429: QuotaExceededOutput},
    )
    def post(self, request):
        values = validated(SubmissionCreateInput, request.data)
        exercise = exercise_get(slug=values["exercise"])
        if exercise is None:
            raise serializers.ValidationError({"exercise": [UNKNOWN_EXERCISE % {"value": values["exercise"]}]})
        keys = ("source", "answers", "config", "url", "writeup", "notebook")
        payload = {key: values[key] for key in keys if key in values}
        upload = values.get("file")
        if upload is not None:
            # One byte past the limit is enough to know it is too large, without reading the rest.
            payload["source"] = decode_upload(upload.read(settings.PATHWISE_MAX_CODE_BYTES + 1))
        notebook = values.get("notebook_file")
        if notebook is not None:
            data = notebook.read(settings.PATHWISE_MAX_NOTEBOOK_BYTES + 1)
            payload["notebook"] = notebook_decode(data, size=notebook.size)
            payload["notebook_name"] = notebook.name
        try:
            submission = submission_create(user=request.user, exercise=exercise, payload=payload)
        except QuotaExceeded as exc:
            quota = quota_get(user=request.user, exercise=exercise).as_dict()
            body = QuotaExceededOutput({"detail": str(exc), "quota": quota}).data
            return Response(body, status=status.HTTP_429_TOO_MANY_REQUESTS)
        submission = submission_get(user=request.user, submission_id=submission.pk)
        return Response(submission_detail(request, submission), status=status.HTTP_201_CREATED)


class SubmissionDetailApi(APIView):
    @extend_schema(responses={200: SubmissionDetailOutput})
    def get(self, request, pk: int):
        return Response(submission_detail(request, submission_or_404(request, pk)))


class ReviewCreateApi(APIView):
    """A mentor of the learner reviews a graded submission."""

    @extend_schema(request=ReviewCreateInput, responses={201: ReviewOutput})
    def post(self, request, pk: int):
        submission = submission_or_404(request, pk)
        data = validated(ReviewCreateInput, request.data)
        with refusal_as_403():
            review = review_create(mentor=request.user, submission=submission, **data)
        return Response(ReviewOutput(review).data, status=status.HTTP_201_CREATED)


class ReviewQueueApi(APIView):
    """Submissions of your learners waiting for your review, oldest first: those that need a human unless ?all=true."""

    pagination_class = Pagination

    @extend_schema(
        parameters=[ReviewQueueQueryInput],
        responses={
            200: ReviewQueueItemOutput(many=True),
            400: OpenApiResponse(description="An unknown status, a malformed id or slug, or someone not your learner."),
        },
        summary="List the submissions waiting for your review (filter by learner, exercise, status)",
    )
    def get(self, request):
        data = query_params(request, ReviewQueueQueryInput)
        learner_id = data.get("learner")
        if learner_id is not None and not is_mentor_of(request.user, learner_id):
            raise serializers.ValidationError({"learner": [NOT_YOUR_LEARNER_ID % {"value": learner_id}]})
        queue = review_queue(
            mentor=request.user,
            everything=data["all"],
            learner_id=learner_id,
            exercise=data.get("exercise"),
            status=data.get("status"),
        )
        return paginate(self, request, queue, ReviewQueueItemOutput, now=timezone.now(), viewer=request.user)


class ReviewRequestApi(APIView):
    """Ask your mentors to review one of your graded submissions; asking again answers the first request."""

    @extend_schema(
        request=None,
        responses={
            200: ReviewRequestOutput,
            400: OpenApiResponse(description="The submission is still being graded."),
            403: OpenApiResponse(description="Not your submission (its learner's mentors and staff read it)."),
            404: SUBMISSION_HIDDEN,
        },
        summary="Ask your mentors to review a submission",
    )
    def post(self, request, pk: int):
        submission = submission_or_404(request, pk)
        with refusal_as_403():
            submission = review_request(user=request.user, submission=submission)
        return Response(ReviewRequestOutput(submission).data)


def _sign_off_parties(request, learner_id: int, slug: str) -> tuple[Any, Milestone]:
    learner = user_get(pk=learner_id)
    if learner is None or not can_view_learner(request.user, learner.pk):
        # A learner one may not see answers as one that does not exist.
        raise NotFound(LEARNER_NOT_FOUND)
    milestone = milestone_get(slug=slug)
    if milestone is None:
        raise NotFound(UNKNOWN_MILESTONE % {"value": slug})
    return learner, milestone


# What signing off and withdrawing both answer: the sign-off services refuse a non-mentor, `_sign_off_parties` a
# learner or milestone one cannot see.
SIGN_OFF_REFUSALS = {
    403: OpenApiResponse(description="Not a mentor of this learner."),
    404: OpenApiResponse(description="No such learner (or one you may not see), or no such milestone."),
}


class SignOffApi(APIView):
    """Sign off a learner's milestone whose completion is a mentor's sign-off (their mentors and staff). Refused
    with 400 while the milestone is locked (its prerequisites are named) or its required exercises are not passed.
    Signing off again answers 200 with the sign-off already given."""

    @extend_schema(
        request=SignOffInput,
        responses={
            201: SignOffOutput,
            200: OpenApiResponse(SignOffOutput, description="Already signed off: the sign-off given before."),
            400: OpenApiResponse(description="Not a mentor milestone, locked, or exercises not passed."),
            **SIGN_OFF_REFUSALS,
        },
        summary="Sign off a learner's milestone",
    )
    def post(self, request):
        data = validated(SignOffInput, request.data)
        learner, milestone = _sign_off_parties(request, data["learner"], data["milestone"])
        with refusal_as_403():
            sign_off, created = sign_off_create(mentor=request.user, learner=learner, milestone=milestone)
        code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return Response(SignOffOutput(sign_off).data, status=code)


class SignOffWithdrawApi(APIView):
    """Withdraw a sign-off within PATHWISE_SIGN_OFF_GRACE_HOURS of giving it: the milestone reopens and the
    learner is notified."""

    @extend_schema(
        request=None,
        responses={
            204: None,
            400: OpenApiResponse(description="No sign-off to withdraw, or the grace period has passed."),
            **SIGN_OFF_REFUSALS,
        },
        summary="Withdraw a sign-off",
    )
    def delete(self, request, learner: int, milestone: str):
        learner_row, milestone_row = _sign_off_parties(request, learner, milestone)
        with refusal_as_403():
            sign_off_withdraw(mentor=request.user, learner=learner_row, milestone=milestone_row)
        return Response(status=status.HTTP_204_NO_CONTENT)
