"""Joining a cohort through an invitation: the seat, the enrolment in the cohort's track, its mentors, and a plan
that aims at the cohort's target date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Notification
from accounts.selectors import person_name
from accounts.services import notification_create
from cohorts.models import Cohort, Invitation, Membership, MentoringRequest
from cohorts.services.invitations import invitation_get_by_code
from cohorts.services.links import mentor_links_ensure
from planner.models import Enrolment, Plan
from planner.services import enrolment_create, plan_get_fresh, plan_update

INVITATION_INVALID = _("This invitation code is not valid. Check the link, or ask your mentor for a new one.")
INVITATION_REVOKED = _("This invitation was revoked. Ask your mentor for a new one.")
INVITATION_EXPIRED = _("This invitation expired on %(date)s. Ask your mentor for a new one.")
INVITATION_FULL = _("This invitation has no seats left. Ask your mentor for a new one.")
MENTORS_DO_NOT_JOIN = _("You mentor this cohort; mentors do not join it as learners.")


@dataclass
class JoinResult:
    membership: Membership
    created: bool
    enrolment: Enrolment
    plan: Plan
    enrolled_now: bool
    # The cohort's target date, when the plan now aims at it (None: the cohort has none, or it has passed).
    target_set: dt.date | None


def invitation_refusal(invitation: Invitation) -> ValidationError | None:
    """Why an invitation admits nobody now (revoked, expired, full), or None when it still admits someone."""
    state = invitation.state
    if state == "revoked":
        return ValidationError(INVITATION_REVOKED, code="invitation_revoked")
    if state == "expired":
        date = timezone.localtime(invitation.expires_at).date().isoformat()
        return ValidationError(INVITATION_EXPIRED, code="invitation_expired", params={"date": date})
    if state == "full":
        return ValidationError(INVITATION_FULL, code="invitation_full")
    return None


def _enrol(user: AbstractBaseUser, cohort: Cohort, today: dt.date) -> tuple[Enrolment, bool]:
    enrolment = Enrolment.objects.filter(user=user, track_id=cohort.track_id).select_related("track").first()
    if enrolment is not None:
        return enrolment, False
    start = max(cohort.start_date or today, today)
    return enrolment_create(user=user, track=cohort.track, start_date=start), True


def _aim(enrolment: Enrolment, cohort: Cohort, today: dt.date) -> tuple[Plan, dt.date | None]:
    """The plan aims at the cohort's target date (the weekly hours it needs are in the plan); a target before the
    plan's first week cannot be aimed at, and the plan stays as it was."""
    target = cohort.target_date
    if target is not None and target >= max(enrolment.start_date, today):
        return plan_update(enrolment=enrolment, target_date=target, today=today), target
    return plan_get_fresh(enrolment=enrolment, today=today), None


def _announce(cohort: Cohort, learner: AbstractBaseUser) -> None:
    name = person_name(learner)
    for mentor in cohort.mentors.all():
        notification_create(
            user=mentor,
            kind=Notification.Kind.COHORT_JOINED,
            cohort=cohort,
            track=cohort.track,
            params={"learner": name},
        )


def _lock(code: str) -> tuple[Cohort, Invitation]:
    found = invitation_get_by_code(code=code)
    if found is None:
        raise ValidationError({"code": ValidationError(INVITATION_INVALID, code="invitation_invalid")})
    # One join at a time per cohort: the seat count and "already a member" are read and written under this lock.
    cohort = Cohort.objects.select_for_update().select_related("track").get(pk=found.cohort_id)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    return cohort, invitation


@transaction.atomic
def cohort_join(*, user: AbstractBaseUser, code: str, today: dt.date | None = None) -> JoinResult:
    """Join the cohort an invitation code names. Joining again is harmless: it takes no seat and answers with the
    membership there is. An open mentoring request for the cohort's track is closed: the cohort's mentors take
    over."""
    today = today or timezone.localdate()
    cohort, invitation = _lock(code)
    membership = Membership.objects.filter(cohort=cohort, learner=user).first()
    if membership is not None:
        enrolment, _enrolled = _enrol(user, cohort, today)
        plan = plan_get_fresh(enrolment=enrolment, today=today)
        return JoinResult(membership, False, enrolment, plan, False, None)
    refusal = invitation_refusal(invitation)
    if refusal is not None:
        raise ValidationError({"code": refusal})
    if cohort.mentors.filter(pk=user.pk).exists():
        raise ValidationError({"code": ValidationError(MENTORS_DO_NOT_JOIN, code="mentor_cannot_join")})
    Invitation.objects.filter(pk=invitation.pk).update(used=F("used") + 1)
    membership = Membership.objects.create(cohort=cohort, learner=user, invitation=invitation)
    enrolment, enrolled_now = _enrol(user, cohort, today)
    plan, target_set = _aim(enrolment, cohort, today)
    mentors = list(cohort.mentors.values_list("pk", flat=True))
    mentor_links_ensure(pairs=[(m, user.pk) for m in mentors])
    if mentors:
        MentoringRequest.objects.filter(
            learner=user, track_id=cohort.track_id, status=MentoringRequest.Status.OPEN
        ).update(status=MentoringRequest.Status.CANCELLED, closed_at=timezone.now())
    _announce(cohort, user)
    return JoinResult(membership, True, enrolment, plan, enrolled_now, target_set)
