"""The write side of cohorts: cohorts and their members, invitations and joining, mentoring requests."""

from cohorts.services.cohorts import cohort_create, cohort_delete, cohort_update, membership_end
from cohorts.services.invitations import (
    invitation_create_link,
    invitation_get_by_code,
    invitation_revoke,
    invitations_email,
)
from cohorts.services.join import JoinResult, cohort_join
from cohorts.services.requests import (
    mentor_tracks_set,
    mentoring_request_cancel,
    mentoring_request_create,
    mentoring_request_take,
    mentorship_end,
)

__all__ = [
    "JoinResult",
    "cohort_create",
    "cohort_delete",
    "cohort_join",
    "cohort_update",
    "invitation_create_link",
    "invitation_get_by_code",
    "invitation_revoke",
    "invitations_email",
    "membership_end",
    "mentor_tracks_set",
    "mentoring_request_cancel",
    "mentoring_request_create",
    "mentoring_request_take",
    "mentorship_end",
]
