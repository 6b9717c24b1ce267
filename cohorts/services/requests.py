"""Mentoring requests, Exercism's way: a learner without a mentor for a track asks on one of their submissions;
the request waits in the queue of every mentor who opted in for that track; the first to take it becomes the
learner's mentor for that track; either side ends that later."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import MentorAssignment, Notification
from accounts.selectors import person_name
from accounts.services import notification_create
from cohorts.models import ManagedAssignment, Membership, MentoringRequest, MentorOptIn, Mentorship
from cohorts.permissions import can_cancel_request, can_end_mentorship, can_run_cohorts, can_take_request
from cohorts.services.links import mentor_links_ensure, mentor_links_release
from exercises.models import Submission
from planner.models import Enrolment, Track
from planner.selectors import enrolment_scope
from planner.services.graph import curriculum_graph

NOT_ENROLLED = _("Enrol in a track first: mentoring requests are made for a track you follow.")
NOT_YOUR_TRACK = _("You do not follow the track %(track)s.")
WHICH_TRACK = _("This exercise is in several of your tracks: say which one you want a mentor for.")
ALREADY_MENTORED = _("You already have a mentor for %(track)s.")
ALREADY_WAITING = _("You already asked for a mentor for %(track)s; your request is waiting in the queue.")
REQUEST_NOT_OPEN = _("This request is no longer waiting: it was taken or cancelled.")
ONLY_THE_LEARNER = _("Only the learner cancels their request.")
OPT_IN_FIRST = _("Opt in for this track to take its requests.")
MESSAGE_TOO_LONG = _("The message is longer than %(limit)s characters.")

MAX_MESSAGE = 2000


def has_mentor_for_track(*, learner: AbstractBaseUser, track: Track) -> bool:
    """A mentor who took a request of the learner's for the track, a mentor of a cohort on the track the learner is
    in, or a mentor assigned by hand (assigned for everything the learner does)."""
    if Mentorship.objects.filter(learner=learner, track=track).exists():
        return True
    if Membership.objects.filter(learner=learner, cohort__track=track, cohort__mentors__isnull=False).exists():
        return True
    managed = ManagedAssignment.objects.values("assignment_id")
    return MentorAssignment.objects.filter(learner=learner).exclude(pk__in=managed).exists()


def request_track(submission: Submission, track: Track | None) -> Track:
    enrolments = list(Enrolment.objects.filter(user_id=submission.user_id).select_related("track"))
    if not enrolments:
        raise ValidationError({"track": ValidationError(NOT_ENROLLED, code="not_enrolled")})
    if track is not None:
        if all(e.track_id != track.pk for e in enrolments):
            raise ValidationError(
                {"track": ValidationError(NOT_YOUR_TRACK, code="not_your_track", params={"track": track.title})}
            )
        return track
    graph = curriculum_graph()
    milestone_id = submission.exercise.milestone_id
    holding = [e.track for e in enrolments if milestone_id in enrolment_scope(graph, e)]
    if len(holding) == 1:
        return holding[0]
    if not holding and len(enrolments) == 1:
        return enrolments[0].track
    raise ValidationError({"track": ValidationError(WHICH_TRACK, code="track_required")})


@transaction.atomic
def mentoring_request_create(
    *, user: AbstractBaseUser, submission: Submission, track: Track | None = None, message: str = ""
) -> MentoringRequest:
    """Ask for a mentor on one of your submissions (its track: the one given, else the one of yours that holds the
    exercise)."""
    if submission.user_id != user.pk:
        raise PermissionDenied
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationError(
            {"message": ValidationError(MESSAGE_TOO_LONG, code="max_length", params={"limit": MAX_MESSAGE})}
        )
    track = request_track(submission, track)
    names = {"track": track.title}
    if has_mentor_for_track(learner=user, track=track):
        raise ValidationError({"track": ValidationError(ALREADY_MENTORED, code="already_mentored", params=names)})
    waiting = ValidationError({"track": ValidationError(ALREADY_WAITING, code="already_waiting", params=names)})
    if MentoringRequest.objects.filter(learner=user, track=track, status=MentoringRequest.Status.OPEN).exists():
        raise waiting
    try:
        with transaction.atomic():
            return MentoringRequest.objects.create(learner=user, track=track, submission=submission, message=message)
    except IntegrityError:  # the same request sent twice at once: the one-open-request constraint kept one
        raise waiting from None


@transaction.atomic
def mentoring_request_cancel(*, user: AbstractBaseUser, request: MentoringRequest) -> MentoringRequest:
    if not can_cancel_request(user, request):
        raise PermissionDenied(ONLY_THE_LEARNER)
    updated = MentoringRequest.objects.filter(pk=request.pk, status=MentoringRequest.Status.OPEN).update(
        status=MentoringRequest.Status.CANCELLED, closed_at=timezone.now()
    )
    if not updated:
        raise ValidationError(REQUEST_NOT_OPEN, code="request_not_open")
    request.refresh_from_db()
    return request


@transaction.atomic
def mentoring_request_take(*, user: AbstractBaseUser, request: MentoringRequest) -> Mentorship:
    """The mentor becomes the learner's mentor for the request's track. Two mentors taking the same request at
    once: the conditional update lets one through; the other is told it is taken."""
    if not can_take_request(user, request):
        raise PermissionDenied(OPT_IN_FIRST)
    now = timezone.now()
    updated = MentoringRequest.objects.filter(pk=request.pk, status=MentoringRequest.Status.OPEN).update(
        status=MentoringRequest.Status.TAKEN, mentor=user, taken_at=now
    )
    if not updated:
        raise ValidationError(REQUEST_NOT_OPEN, code="request_not_open")
    request.refresh_from_db()
    mentorship, _created = Mentorship.objects.get_or_create(
        mentor=user, learner_id=request.learner_id, track_id=request.track_id, defaults={"request": request}
    )
    mentor_links_ensure(pairs=[(user.pk, request.learner_id)])
    notification_create(
        user=request.learner,
        kind=Notification.Kind.MENTORING_TAKEN,
        submission=request.submission,
        track=request.track,
        params={"mentor": person_name(user)},
    )
    return mentorship


@transaction.atomic
def mentorship_end(*, user: AbstractBaseUser, mentorship: Mentorship) -> None:
    """Either side ends it; the other side is told. The mentor no longer sees the learner's work unless another
    reason links them (a cohort, another track)."""
    if not can_end_mentorship(user, mentorship):
        raise PermissionDenied
    MentoringRequest.objects.filter(pk=mentorship.request_id).update(
        status=MentoringRequest.Status.ENDED, closed_at=timezone.now()
    )
    mentorship.delete()
    mentor_links_release(pairs=[(mentorship.mentor_id, mentorship.learner_id)])
    by = person_name(user)
    for other in (mentorship.mentor, mentorship.learner):
        if other.pk != user.pk:  # staff ending it tells both sides
            notification_create(
                user=other, kind=Notification.Kind.MENTORSHIP_ENDED, track=mentorship.track, params={"by": by}
            )


@transaction.atomic
def mentor_tracks_set(*, user: AbstractBaseUser, tracks: list[Track]) -> list[Track]:
    """The tracks whose requests this mentor takes (replacing the previous choice)."""
    if not can_run_cohorts(user):
        raise PermissionDenied
    keep = {t.pk for t in tracks}
    MentorOptIn.objects.filter(mentor=user).exclude(track_id__in=keep).delete()
    MentorOptIn.objects.bulk_create([MentorOptIn(mentor=user, track=t) for t in tracks], ignore_conflicts=True)
    return sorted(tracks, key=lambda t: (t.order, t.slug))
