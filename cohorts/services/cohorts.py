"""Making and changing cohorts, and leaving them. A cohort's mentors mentor its members: the links follow every
change of mentors or members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cohorts.models import Cohort, Membership
from cohorts.permissions import can_change_cohort, can_run_cohorts, can_view_cohort
from cohorts.services.links import mentor_links_ensure, mentor_links_release
from planner.models import Enrolment, Track
from planner.services import plan_update
from planner.services.schedule import TARGET_BEFORE_START

NAME_BLANK = _("Give the cohort a name.")
NO_MENTOR = _("A cohort needs at least one mentor.")
TOO_MANY_MENTORS = _("A cohort has at most %(limit)s mentors.")
NOT_MENTORS = _("These people cannot mentor a cohort: %(names)s.")
UNKNOWN_PEOPLE = _("No account has these usernames: %(names)s.")
NOT_A_MEMBER = _("%(name)s is not a member of this cohort.")

MAX_MENTORS = 20
_UNSET: Any = object()


def mentors_from_usernames(*, usernames: Sequence[str]) -> list[AbstractBaseUser]:
    """The accounts named (in the order given, each once); an unknown name is a 400 that lists them all."""
    names = list(dict.fromkeys(name.strip() for name in usernames if name.strip()))
    found = {u.get_username(): u for u in get_user_model().objects.filter(username__in=names, is_active=True)}
    unknown = [name for name in names if name not in found]
    if unknown:
        raise ValidationError(
            {"mentors": ValidationError(UNKNOWN_PEOPLE, code="unknown_users", params={"names": ", ".join(unknown)})}
        )
    return [found[name] for name in names]


def _check_mentors(mentors: list[AbstractBaseUser]) -> None:
    if not mentors:
        raise ValidationError({"mentors": ValidationError(NO_MENTOR, code="no_mentor")})
    if len(mentors) > MAX_MENTORS:
        raise ValidationError(
            {"mentors": ValidationError(TOO_MANY_MENTORS, code="too_many_mentors", params={"limit": MAX_MENTORS})}
        )
    refused = [m.get_username() for m in mentors if not can_run_cohorts(m)]
    if refused:
        raise ValidationError(
            {"mentors": ValidationError(NOT_MENTORS, code="not_mentors", params={"names": ", ".join(refused)})}
        )


def _check_fields(cohort: Cohort) -> None:
    cohort.name = cohort.name.strip()
    errors: dict[str, ValidationError] = {}
    if not cohort.name:
        errors["name"] = ValidationError(NAME_BLANK, code="blank")
    if cohort.start_date and cohort.target_date and cohort.target_date < cohort.start_date:
        errors["target_date"] = ValidationError(TARGET_BEFORE_START, code="target_before_start")
    if errors:
        raise ValidationError(errors)
    cohort.full_clean(exclude=["track", "created_by"])


@transaction.atomic
def cohort_create(
    *,
    user: AbstractBaseUser,
    name: str,
    track: Track,
    mentors: list[AbstractBaseUser] | None = None,
    start_date: dt.date | None = None,
    target_date: dt.date | None = None,
) -> Cohort:
    """A mentor's (or staff's) new cohort. A mentor who is not staff always mentors the cohort they make: they
    could not see it otherwise."""
    if not can_run_cohorts(user):
        raise PermissionDenied
    mentors = list(dict.fromkeys(mentors or []))
    if not user.is_staff and user not in mentors:
        mentors.insert(0, user)
    _check_mentors(mentors)
    cohort = Cohort(name=name, track=track, start_date=start_date, target_date=target_date, created_by=user)
    _check_fields(cohort)
    cohort.save()
    cohort.mentors.set(mentors)
    return cohort


def _member_ids(cohort: Cohort) -> list[int]:
    return list(Membership.objects.filter(cohort=cohort).values_list("learner_id", flat=True))


def _mentors_change(cohort: Cohort, mentors: list[AbstractBaseUser]) -> None:
    _check_mentors(mentors)
    before = set(cohort.mentors.values_list("pk", flat=True))
    after = {m.pk for m in mentors}
    cohort.mentors.set(mentors)
    members = _member_ids(cohort)
    mentor_links_ensure(pairs=[(m, learner) for m in after - before for learner in members])
    mentor_links_release(pairs=[(m, learner) for m in before - after for learner in members])


def _follow_new_target(cohort: Cohort, old_target: dt.date | None) -> None:
    """Members still aiming at the cohort's old target date aim at the new one (their plans are laid out again);
    those who set their own target keep it."""
    if old_target is None or cohort.target_date is None or old_target == cohort.target_date:
        return
    enrolments = Enrolment.objects.filter(
        track_id=cohort.track_id, user_id__in=_member_ids(cohort), target_date=old_target
    ).select_related("track")
    for enrolment in enrolments:
        try:
            plan_update(enrolment=enrolment, target_date=cohort.target_date)
        except ValidationError:
            continue  # a target before this learner's plan starts: they keep theirs and the page shows it


@transaction.atomic
def cohort_update(
    *,
    user: AbstractBaseUser,
    cohort: Cohort,
    name: str | None = None,
    start_date: dt.date | Any | None = _UNSET,
    target_date: dt.date | Any | None = _UNSET,
    mentors: list[AbstractBaseUser] | None = None,
) -> Cohort:
    if not can_change_cohort(user, cohort):
        raise PermissionDenied
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    old_target = cohort.target_date
    if name is not None:
        cohort.name = name
    if start_date is not _UNSET:
        cohort.start_date = start_date
    if target_date is not _UNSET:
        cohort.target_date = target_date
    _check_fields(cohort)
    if mentors is not None:
        _mentors_change(cohort, list(dict.fromkeys(mentors)))
    cohort.save()
    _follow_new_target(cohort, old_target)
    return cohort


@transaction.atomic
def cohort_delete(*, user: AbstractBaseUser, cohort: Cohort) -> None:
    """The cohort, its invitations and memberships go; its members keep their enrolments, plans and progress."""
    if not can_change_cohort(user, cohort):
        raise PermissionDenied
    mentors = list(cohort.mentors.values_list("pk", flat=True))
    members = _member_ids(cohort)
    cohort.delete()
    mentor_links_release(pairs=[(m, learner) for m in mentors for learner in members])


@transaction.atomic
def membership_end(*, user: AbstractBaseUser, cohort: Cohort, learner: AbstractBaseUser) -> None:
    """A learner leaves the cohort, or one of its mentors (staff) removes them. The learner keeps their enrolment
    and progress; the cohort's mentors no longer mentor them (unless another reason remains)."""
    if user.pk != learner.pk and not can_view_cohort(user, cohort):
        raise PermissionDenied
    deleted, _ = Membership.objects.filter(cohort=cohort, learner=learner).delete()
    if not deleted:
        raise ValidationError(NOT_A_MEMBER, code="not_a_member", params={"name": learner.get_username()})
    mentor_links_release(pairs=[(m, learner.pk) for m in cohort.mentors.values_list("pk", flat=True)])
