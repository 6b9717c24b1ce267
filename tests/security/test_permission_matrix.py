"""Every API endpoint and page x {anonymous, learner A, learner B, A's mentor, another mentor, admin} x {read, write}.

Every targeted resource belongs to learner A (A's submission, enrolment, progress; `?user=`/`?learner=` A on
collections). The routes come from the URL resolver, so a new endpoint or page fails
`test_every_route_is_in_the_matrix` until its row is written here.

Reading the table: API answers 401 to anonymous callers and pages send them to the login page (302), except the
public curriculum (stages, tracks, milestones, exercise statements, and the catalogue pages), which anyone reads. A's data is
visible to A, A's mentor and staff; to everyone else it does not exist (404). Mentors read but never change
their learner's data (403), except reviews (a mentor of the learner only) and milestone sign-offs (a mentor of the
learner or staff: one rule, planner.permissions.can_sign_off_milestone).

Cohorts: A's mentor runs the cohort A joined, so for cohort routes the roles read: anonymous, a member learner, another
learner, the cohort's mentor, another mentor, staff. A cohort exists only for its mentors and staff (404 to everyone
else, its members included, who see their memberships instead); joining goes by the invitation code, never the id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from learning.models import Note, ReviewCard
from tests.factories import UserFactory
from tests.security.conftest import SecurityWorld
from tests.world import ROLES

pytestmark = pytest.mark.django_db

CODE = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.asarray(x)\n"


@dataclass(frozen=True)
class Route:
    kwargs: Callable[[SecurityWorld], dict[str, Any]] = lambda w: {}
    query: Callable[[SecurityWorld], str] = lambda w: ""
    write: str = "post"
    body: Callable[[SecurityWorld], dict[str, Any]] = lambda w: {}
    # Expected statuses, one per role in ROLES order: anonymous, learner, other learner, mentor, other mentor, admin.
    read_expected: str = ""
    write_expected: str = ""


def confirmation_key(w: SecurityWorld) -> str:
    """The key of the verification link for a new address of A's (allauth's HMAC confirmation: nothing stored). The
    key is the capability: whoever holds the link verifies the address, signed in or not, as anyone (200/302)."""
    address, _ = EmailAddress.objects.get_or_create(
        user=w.users["learner"], email="learner-a-new@example.org", defaults={"verified": False, "primary": False}
    )
    return EmailConfirmationHMAC(address).key


def reset_key(w: SecurityWorld) -> str:
    """The last part of a password-reset link, `<uidb36>-<token>`, of a learner who is none of the roles (signing in
    as the link's owner would end it: Django's reset tokens expire at a new login). The key is the capability."""
    user = UserFactory(username="learner-c")
    return f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"


def share_key(w: SecurityWorld) -> str:
    """A's live share link: the key is the capability, so everyone who has it reads the page, signed in or not."""
    from portability.services import share_link_create

    return share_link_create(user=w.users["learner"]).key


def user_a(w: SecurityWorld) -> str:
    return f"?user={w.users['learner'].pk}"


def shared_note_a(w: SecurityWorld) -> dict[str, Any]:
    """A's note on the self-report milestone, shared with A's mentors: the one a mentor of A may read."""
    Note.objects.get_or_create(
        user=w.users["learner"], milestone=w.a, defaults={"body": "My *note*", "shared_with_mentors": True}
    )
    return {"slug": w.a.slug}


def review_card_a(w: SecurityWorld) -> dict[str, Any]:
    """A review card of A's (a recall card of the self-report milestone), due now."""
    card, _ = ReviewCard.objects.get_or_create(
        user=w.users["learner"],
        key=f"recall:{w.a.slug}:0",
        defaults={
            "milestone": w.a,
            "source": "recall",
            "content": {"front": {"en": "Q", "zh": "问"}, "back": {"en": "A", "zh": "答"}},
            "due": timezone.now(),
        },
    )
    return {"card_id": card.pk}


ROUTES: dict[str, Route] = {
    # --- accounts API ---
    "api-token": Route(
        body=lambda w: {"username": w.users["learner"].username, "password": "pw-correct-horse"},
        read_expected="401 405 405 405 405 405",
        write_expected="200 200 200 200 200 200",
    ),
    "api-token-list": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-token-detail": Route(
        kwargs=lambda w: {"pk": w.token.pk},
        write="delete",
        read_expected="401 405 405 405 405 405",
        write_expected="401 204 404 404 404 404",
    ),
    "api-register": Route(
        body=lambda w: {"username": "newcomer", "email": "newcomer@example.org", "password": "a-long-new-passphrase"},
        read_expected="405 405 405 405 405 405",
        write_expected="202 202 202 202 202 202",
    ),
    "api-verify-email": Route(
        body=lambda w: {"key": confirmation_key(w)},
        read_expected="405 405 405 405 405 405",
        write_expected="200 200 200 200 200 200",
    ),
    "api-password-reset": Route(
        body=lambda w: {"email": w.users["learner"].email},
        read_expected="405 405 405 405 405 405",
        write_expected="202 202 202 202 202 202",
    ),
    "api-password-reset-confirm": Route(
        body=lambda w: {"key": reset_key(w), "password": "a-long-new-passphrase"},
        read_expected="405 405 405 405 405 405",
        write_expected="200 200 200 200 200 200",
    ),
    "api-password-change": Route(
        body=lambda w: {"current_password": "pw-correct-horse", "new_password": "a-long-new-passphrase"},
        read_expected="401 405 405 405 405 405",
        write_expected="401 200 200 200 200 200",
    ),
    "api-me": Route(
        write="patch",
        body=lambda w: {"display_name": "Ada"},
        read_expected="401 200 200 200 200 200",
        write_expected="401 200 200 200 200 200",
    ),
    "api-notifications": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-notifications-read": Route(read_expected="401 405 405 405 405 405", write_expected="401 200 200 200 200 200"),
    # --- learning API: notes are the author's; a mentor of theirs reads the shared ones; staff none ---
    "api-note-list": Route(
        query=user_a,
        body=lambda w: {"milestone": w.a.slug, "body": "Mine"},
        read_expected="401 200 404 200 404 404",
        write_expected="401 201 404 403 404 404",
    ),
    "api-note-detail": Route(
        kwargs=shared_note_a,
        query=user_a,
        write="put",
        body=lambda w: {"body": "Changed"},
        read_expected="401 200 404 200 404 404",
        write_expected="401 200 404 403 404 404",
    ),
    # --- learning API: each person's own review; another's card does not exist for them ---
    "api-review-due": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-review-answer": Route(
        kwargs=review_card_a,
        body=lambda w: {"rating": "good"},
        read_expected="401 405 405 405 405 405",
        write_expected="401 200 404 404 404 404",
    ),
    # --- planner API: the curriculum is public and read-only ---
    "api-stage-list": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "api-track-list": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "api-track-detail": Route(
        kwargs=lambda w: {"slug": w.track.slug},
        read_expected="200 200 200 200 200 200",
        write_expected="405 405 405 405 405 405",
    ),
    "api-milestone-list": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "api-milestone-detail": Route(
        kwargs=lambda w: {"slug": w.a.slug},
        read_expected="200 200 200 200 200 200",
        write_expected="405 405 405 405 405 405",
    ),
    # --- planner API: A's data ---
    # A write enrols the caller (`?user=` is not read on POST): A and B are enrolled in the track already.
    "api-enrolment-list": Route(
        query=user_a,
        body=lambda w: {"track": w.track.slug, "hours_per_week": "5"},
        read_expected="401 200 404 200 404 200",
        write_expected="401 400 400 201 201 201",
    ),
    "api-enrolment-detail": Route(
        kwargs=lambda w: {"pk": w.enrolment.pk},
        write="patch",
        body=lambda w: {"hours_per_week": "6"},
        read_expected="401 200 404 200 404 200",
        write_expected="401 200 404 403 404 200",
    ),
    "api-plan": Route(
        kwargs=lambda w: {"pk": w.enrolment.pk},
        read_expected="401 200 404 200 404 200",
        write_expected="401 200 404 403 404 200",
    ),
    "api-self-assessment": Route(
        query=user_a,
        body=lambda w: {"known": [w.a.slug]},
        read_expected="401 405 405 405 405 405",
        write_expected="401 200 404 403 404 200",
    ),
    "api-progress-list": Route(
        query=user_a, read_expected="401 200 404 200 404 200", write_expected="401 405 405 405 405 405"
    ),
    "api-progress-detail": Route(
        kwargs=lambda w: {"slug": w.a.slug},
        query=user_a,
        write="patch",
        body=lambda w: {"state": "in_progress"},
        read_expected="401 200 404 200 404 200",
        write_expected="401 200 404 403 404 200",
    ),
    "api-summary": Route(
        query=user_a, read_expected="401 200 404 200 404 200", write_expected="401 405 405 405 405 405"
    ),
    # --- exercises API ---
    "api-exercise-list": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "api-exercise-detail": Route(
        kwargs=lambda w: {"slug": "softmax"},
        read_expected="200 200 200 200 200 200",
        write_expected="405 405 405 405 405 405",
    ),
    # A write here is a submission of one's own; `?learner=A` reads A's submissions. For B and B's mentor it is an
    # empty page, not a 404 (the planner lists answer 404): test_hidden_data checks that it is empty.
    "api-submission-list": Route(
        query=lambda w: f"?learner={w.users['learner'].pk}",
        body=lambda w: {"exercise": "softmax", "source": CODE},
        read_expected="401 200 404 200 404 200",
        write_expected="401 201 201 201 201 201",
    ),
    "api-submission-detail": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        read_expected="401 200 404 200 404 200",
        write_expected="401 405 405 405 405 405",
    ),
    # Re-grading: staff and the learner's mentors; the learner themself may not (403), others do not see it (404).
    "api-submission-regrade": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 202 404 202",
    ),
    # A mentor re-grades their own learners' submissions of the exercise (B's mentor: B's), staff everyone's.
    "api-exercise-regrade": Route(
        kwargs=lambda w: {"slug": w.softmax.slug},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 403 202 202 202",
    ),
    "api-submission-review": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        body=lambda w: {"verdict": "comment", "body": "Check the axis."},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 201 404 403",
    ),
    # Only the learner asks a review of their own attempt; their mentor and staff read it but cannot ask (403).
    "api-submission-review-request": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        read_expected="401 405 405 405 405 405",
        write_expected="401 200 404 403 404 403",
    ),
    # Rubric scores: a mentor of the learner or staff (exercises.permissions.can_score_artefact); A's submission is a
    # code one, so those allowed get the 400 that says only an artefact is scored against a rubric.
    "api-submission-rubric-scores": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        body=lambda w: {"scores": [{"criterion": "method", "points": 1}]},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 400 404 400",
    ),
    "api-review-queue": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-sign-off": Route(
        body=lambda w: {"learner": w.users["learner"].pk, "milestone": w.portfolio.slug},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 201 404 201",
    ),
    # No sign-off to withdraw yet: those allowed to withdraw get a 400 that says so.
    "api-sign-off-withdraw": Route(
        kwargs=lambda w: {"learner": w.users["learner"].pk, "milestone": w.portfolio.slug},
        write="delete",
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 400 404 400",
    ),
    # --- cohorts API: a cohort exists for its mentors (A's mentor runs A's cohort) and staff only ---
    "api-cohort-list": Route(
        body=lambda w: {"name": "New cohort", "track": w.track.slug, "mentors": [w.users["mentor"].username]},
        read_expected="401 200 200 200 200 200",
        write_expected="401 403 403 201 201 201",
    ),
    "api-cohort-detail": Route(
        kwargs=lambda w: {"pk": w.cohort.pk},
        write="patch",
        body=lambda w: {"name": "Renamed"},
        read_expected="401 404 404 200 404 200",
        write_expected="401 404 404 200 404 200",
    ),
    "api-cohort-progress": Route(
        kwargs=lambda w: {"pk": w.cohort.pk},
        read_expected="401 404 404 200 404 200",
        write_expected="401 405 405 405 405 405",
    ),
    "api-cohort-export": Route(
        kwargs=lambda w: {"pk": w.cohort.pk},
        read_expected="401 404 404 200 404 200",
        write_expected="401 405 405 405 405 405",
    ),
    "api-cohort-invitations": Route(
        kwargs=lambda w: {"pk": w.cohort.pk},
        body=lambda w: {"kind": "link", "seats": 5},
        read_expected="401 404 404 200 404 200",
        write_expected="401 404 404 201 404 201",
    ),
    "api-cohort-invitation-detail": Route(
        kwargs=lambda w: {"pk": w.cohort.pk, "invitation_id": w.invitation.pk},
        write="delete",
        read_expected="401 405 405 405 405 405",
        write_expected="401 404 404 200 404 200",
    ),
    # A leaves; the cohort's mentor and staff remove A; nobody else sees the cohort.
    "api-cohort-member": Route(
        kwargs=lambda w: {"pk": w.cohort.pk, "learner_id": w.users["learner"].pk},
        write="delete",
        read_expected="401 405 405 405 405 405",
        write_expected="401 204 404 204 404 204",
    ),
    # The code is the way in: A is a member already (200, no seat used); a mentor of the cohort cannot join it.
    "api-cohort-join": Route(
        body=lambda w: {"code": w.cohort_code},
        read_expected="401 405 405 405 405 405",
        write_expected="401 200 201 400 201 201",
    ),
    "api-cohort-memberships": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    # --- webhooks API: a cohort's endpoint exists for its mentors (A's mentor) and staff only; learners register
    # none (403), another mentor names a cohort that is not theirs (400); staff register global ones too ---
    "api-webhook-list": Route(
        body=lambda w: {"url": "https://93.184.216.34/new", "events": ["review.created"], "cohort": w.cohort.pk},
        read_expected="401 200 200 200 200 200",
        write_expected="401 403 403 201 400 201",
    ),
    "api-webhook-detail": Route(
        kwargs=lambda w: {"pk": w.webhook.pk},
        write="patch",
        body=lambda w: {"description": "Changed"},
        read_expected="401 404 404 200 404 200",
        write_expected="401 404 404 200 404 200",
    ),
    "api-webhook-rotate": Route(
        kwargs=lambda w: {"pk": w.webhook.pk},
        read_expected="401 405 405 405 405 405",
        write_expected="401 404 404 200 404 200",
    ),
    "api-webhook-deliveries": Route(
        kwargs=lambda w: {"pk": w.webhook.pk},
        read_expected="401 404 404 200 404 200",
        write_expected="401 405 405 405 405 405",
    ),
    "api-webhook-redeliver": Route(
        kwargs=lambda w: {"pk": w.webhook.pk, "delivery_id": w.delivery.pk},
        read_expected="401 405 405 405 405 405",
        write_expected="401 404 404 202 404 202",
    ),
    # --- mentoring requests API: A's request is A's data (visible to A, A's mentor, staff) and, while it waits, to
    # the mentors who opted in for its track (B's mentor); only they take it. A has a mentor already: asking is a 400.
    "api-mentoring-requests": Route(
        body=lambda w: {"submission": w.softmax_1.pk},
        read_expected="401 200 200 200 200 200",
        write_expected="401 400 404 404 404 404",
    ),
    "api-mentoring-queue": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-mentoring-request-detail": Route(
        kwargs=lambda w: {"pk": w.request.pk},
        write="delete",
        read_expected="401 200 404 200 200 200",
        write_expected="401 200 404 403 403 200",
    ),
    "api-mentoring-request-take": Route(
        kwargs=lambda w: {"pk": w.request.pk},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 403 201 403",
    ),
    "api-mentorships": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-mentorship-detail": Route(
        kwargs=lambda w: {"pk": w.mentorship.pk},
        write="delete",
        read_expected="401 405 405 405 405 405",
        write_expected="401 204 404 204 404 204",
    ),
    "api-mentor-tracks": Route(
        write="put",
        body=lambda w: {"tracks": [w.track.slug]},
        read_expected="401 200 200 200 200 200",
        write_expected="401 403 403 200 200 200",
    ),
    # --- schema and docs: public ---
    "schema": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "swagger-ui": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "redoc": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    # --- pages ---
    "set_language": Route(
        body=lambda w: {"language": "zh-hans", "next": "/"},
        read_expected="302 302 302 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    # Sign-in and sign-up pages send a signed-in person on (302); sign-in by username or email (allauth's `login`).
    "login": Route(
        body=lambda w: {"login": w.users["learner"].username, "password": "pw-correct-horse"},
        read_expected="200 302 302 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    "logout": Route(read_expected="302 200 200 200 200 200", write_expected="302 302 302 302 302 302"),
    "account_login": Route(
        body=lambda w: {"login": w.users["learner"].username, "password": "pw-correct-horse"},
        read_expected="200 302 302 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    "account_logout": Route(read_expected="302 200 200 200 200 200", write_expected="302 302 302 302 302 302"),
    "account_signup": Route(
        body=lambda w: {
            "username": "newcomer",
            "email": "newcomer@example.org",
            "password1": "a-long-new-passphrase",
            "password2": "a-long-new-passphrase",
        },
        read_expected="200 302 302 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    "account_inactive": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "account_reauthenticate": Route(
        body=lambda w: {"password": "pw-correct-horse"},
        read_expected="302 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "account_email": Route(
        body=lambda w: {"action_add": "", "email": "new-address@example.org"},
        read_expected="302 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "account_email_verification_sent": Route(
        read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"
    ),
    "account_confirm_email": Route(
        kwargs=lambda w: {"key": confirmation_key(w)},
        read_expected="200 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "account_confirm_login_code": Route(
        read_expected="302 302 302 302 302 302", write_expected="302 302 302 302 302 302"
    ),
    # allauth 65.22's reauthentication by a mailed code: a signed-in person may ask for one (the form, 200); the
    # confirm step sends anyone on until a code was requested in their session.
    "account_request_reauthentication_code": Route(
        read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"
    ),
    "account_confirm_reauthentication_code": Route(
        read_expected="302 302 302 302 302 302", write_expected="302 302 302 302 302 302"
    ),
    "account_change_password": Route(
        body=lambda w: {
            "oldpassword": "pw-correct-horse",
            "password1": "a-long-new-passphrase",
            "password2": "a-long-new-passphrase",
        },
        read_expected="302 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "account_set_password": Route(read_expected="302 302 302 302 302 302", write_expected="302 302 302 302 302 302"),
    "account_reset_password": Route(
        body=lambda w: {"email": w.users["learner"].email},
        read_expected="200 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "account_reset_password_done": Route(
        read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"
    ),
    # The key moves to the session and the page redirects to the form (a signed-in visitor is signed out first).
    "account_reset_password_from_key": Route(
        kwargs=lambda w: dict(zip(("uidb36", "key"), reset_key(w).split("-", 1))),
        body=lambda w: {"password1": "a-long-new-passphrase", "password2": "a-long-new-passphrase"},
        read_expected="302 302 302 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    "account_reset_password_from_key_done": Route(
        read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"
    ),
    "account-settings": Route(
        body=lambda w: {"display_name": "Ada", "time_zone": "Asia/Shanghai"},
        read_expected="302 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "account-token-create": Route(
        body=lambda w: {"name": "phone", "password": "pw-correct-horse"},
        read_expected="302 405 405 405 405 405",
        write_expected="302 200 200 200 200 200",
    ),
    "account-token-revoke": Route(
        kwargs=lambda w: {"token_id": w.token.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 302 302 302 302",
    ),
    "account-delete": Route(
        body=lambda w: {"confirm": w.users["learner"].username, "password": "pw-correct-horse"},
        read_expected="302 200 200 200 200 200",
        write_expected="302 302 400 400 400 400",
    ),
    "notifications": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "notifications-read": Route(read_expected="302 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "nav-extras": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "exercise-detail": Route(
        kwargs=lambda w: {"slug": "softmax"},
        read_expected="200 200 200 200 200 200",
        write_expected="200 200 200 200 200 200",
    ),
    "exercise-submit": Route(
        kwargs=lambda w: {"slug": "softmax"},
        body=lambda w: {"source": CODE},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 302 302 302 302",
    ),
    "submission-diff": Route(
        kwargs=lambda w: {"slug": "softmax"},
        query=lambda w: f"?a={w.softmax_1.pk}&b={w.softmax_2.pk}",
        read_expected="302 200 404 200 404 200",
        write_expected="302 405 405 405 405 405",
    ),
    "submission-detail": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        read_expected="302 200 404 200 404 200",
        write_expected="302 200 404 200 404 200",
    ),
    "submission-status": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        read_expected="302 200 404 200 404 200",
        write_expected="302 405 405 405 405 405",
    ),
    "submission-review": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        body=lambda w: {"verdict": "comment", "body": "Check the axis."},
        read_expected="302 405 405 405 405 405",
        write_expected="302 404 404 302 404 404",
    ),
    "submission-review-request": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 404 404 404 404",
    ),
    "submission-score": Route(
        kwargs=lambda w: {"pk": w.softmax_1.pk},
        body=lambda w: {"points-method": "1"},
        read_expected="302 405 405 405 405 405",
        write_expected="302 404 404 302 404 302",
    ),
    "review-queue": Route(read_expected="302 404 404 200 200 200", write_expected="302 404 404 200 200 200"),
    # The catalogue is public; a signed-in reader also gets their own progress in it.
    "milestone-catalogue": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    "exercise-catalogue": Route(read_expected="200 200 200 200 200 200", write_expected="405 405 405 405 405 405"),
    # Notes pages: each person's own notes (the form on a milestone page posts to note-save and goes back there).
    "notes": Route(read_expected="302 200 200 200 200 200", write_expected="302 405 405 405 405 405"),
    "note-save": Route(
        kwargs=lambda w: {"slug": w.a.slug},
        body=lambda w: {"body": "Mine"},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 302 302 302 302",
    ),
    # The daily review: each person's own cards (a rating posts to review-answer and goes back to the review).
    "review": Route(read_expected="302 200 200 200 200 200", write_expected="302 405 405 405 405 405"),
    "review-answer": Route(
        kwargs=review_card_a,
        body=lambda w: {"rating": "good"},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 404 404 404 404",
    ),
    # The weekly goal and streak: each person's own (a POST saves the caller's goal and comes back, 302).
    "rhythm": Route(
        body=lambda w: {"kind": "hours", "hours": "5", "reminders": "on"},
        read_expected="302 200 200 200 200 200",
        write_expected="302 302 302 302 302 302",
    ),
    "dashboard": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    # Own-data pages: without an enrolment (the mentors, the admin) they send you to the enrolment page (302).
    "enrol": Route(
        body=lambda w: {"track": w.track.pk, "hours_per_week": "5"},
        read_expected="302 200 200 200 200 200",
        write_expected="302 400 400 302 302 302",
    ),
    "self-assessment": Route(
        body=lambda w: {"known": [w.a.slug]},
        read_expected="302 200 200 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    "plan": Route(
        body=lambda w: {"hours_per_week": "5"},
        read_expected="302 200 200 302 302 302",
        write_expected="302 302 302 302 302 302",
    ),
    "milestone-detail": Route(
        kwargs=lambda w: {"slug": w.a.slug},
        read_expected="200 200 200 200 200 200",
        write_expected="200 200 200 200 200 200",
    ),
    "milestone-state": Route(
        kwargs=lambda w: {"slug": w.a.slug},
        body=lambda w: {"state": "in_progress"},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 302 302 302 302",
    ),
    "mentor-home": Route(read_expected="302 404 404 200 200 200", write_expected="302 404 404 200 200 200"),
    "mentor-learner": Route(
        kwargs=lambda w: {"learner_id": w.users["learner"].pk},
        read_expected="302 404 404 200 404 200",
        write_expected="302 404 404 200 404 200",
    ),
    # GET asks the mentor to confirm; POST signs off.
    "mentor-sign-off": Route(
        kwargs=lambda w: {"learner_id": w.users["learner"].pk, "slug": w.portfolio.slug},
        read_expected="302 404 404 200 404 200",
        write_expected="302 404 404 302 404 302",
    ),
    "mentor-sign-off-withdraw": Route(
        kwargs=lambda w: {"learner_id": w.users["learner"].pk, "slug": w.portfolio.slug},
        read_expected="302 405 405 405 405 405",
        write_expected="302 404 404 302 404 302",
    ),
    # --- cohort pages: a cohort is a 404 to all but its mentors and staff; learners join with the code ---
    "cohort-list": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "cohort-create": Route(
        body=lambda w: {"name": "New cohort", "track": w.track.slug, "mentors": w.users["mentor"].username},
        read_expected="302 404 404 200 200 200",
        write_expected="302 404 404 302 302 302",
    ),
    "cohort-detail": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk},
        read_expected="302 404 404 200 404 200",
        write_expected="302 404 404 200 404 200",
    ),
    "cohort-edit": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk},
        body=lambda w: {"name": "Renamed", "mentors": w.users["mentor"].username},
        read_expected="302 404 404 200 404 200",
        write_expected="302 404 404 302 404 302",
    ),
    "cohort-delete": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk},
        body=lambda w: {"confirm": w.cohort.name},
        read_expected="302 405 405 405 405 405",
        write_expected="302 404 404 302 404 302",
    ),
    "cohort-export": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk},
        read_expected="302 404 404 200 404 200",
        write_expected="302 404 404 200 404 200",
    ),
    "cohort-invitations": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk},
        body=lambda w: {"kind": "link", "seats": "5"},
        read_expected="302 404 404 200 404 200",
        write_expected="302 404 404 201 404 201",
    ),
    "cohort-invitation-revoke": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk, "invitation_id": w.invitation.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 404 404 302 404 302",
    ),
    "cohort-member-remove": Route(
        kwargs=lambda w: {"cohort_id": w.cohort.pk, "learner_id": w.users["learner"].pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 404 302 404 302",
    ),
    "cohort-join-code": Route(read_expected="302 200 200 200 200 200", write_expected="302 405 405 405 405 405"),
    # GET shows the cohort and asks; POST joins (A: already a member; A's mentor mentors it: a 400 that says so).
    "cohort-join": Route(
        kwargs=lambda w: {"code": w.cohort_code},
        read_expected="302 200 200 200 200 200",
        write_expected="302 200 201 400 201 201",
    ),
    "mentoring-requests": Route(read_expected="302 200 200 200 200 200", write_expected="302 200 200 200 200 200"),
    "mentor-tracks": Route(
        body=lambda w: {"tracks": [w.track.slug]},
        read_expected="302 404 404 200 200 200",
        write_expected="302 404 404 302 302 302",
    ),
    # On the learner's own submission page only (A asks: told A has a mentor already, and sent back to it).
    "mentoring-request-panel": Route(
        kwargs=lambda w: {"submission_id": w.softmax_1.pk},
        body=lambda w: {"message": "Please help"},
        read_expected="302 200 404 404 404 404",
        write_expected="302 302 404 404 404 404",
    ),
    "mentoring-request-take": Route(
        kwargs=lambda w: {"request_id": w.request.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 404 404 404 302 404",
    ),
    "mentoring-request-cancel": Route(
        kwargs=lambda w: {"request_id": w.request.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 404 404 404 404",
    ),
    "mentorship-end": Route(
        kwargs=lambda w: {"mentorship_id": w.mentorship.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 404 302 404 302",
    ),
    # --- portability: always the caller's own data (`me/`); the share page is public to whoever has the key ---
    "api-me-export": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-me-export-progress": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    # An empty body is not an export: 400 with a message, nothing stored.
    "api-me-import": Route(read_expected="401 405 405 405 405 405", write_expected="401 400 400 400 400 400"),
    # Nobody in the world shares yet (404); a POST opts the caller in.
    "api-me-share": Route(read_expected="401 404 404 404 404 404", write_expected="401 201 201 201 201 201"),
    "me-export-json": Route(read_expected="302 200 200 200 200 200", write_expected="302 405 405 405 405 405"),
    "me-export-csv": Route(read_expected="302 200 200 200 200 200", write_expected="302 405 405 405 405 405"),
    "me-sharing": Route(read_expected="302 200 200 200 200 200", write_expected="302 405 405 405 405 405"),
    "me-sharing-create": Route(read_expected="302 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "me-sharing-revoke": Route(read_expected="302 405 405 405 405 405", write_expected="302 302 302 302 302 302"),
    "share-progress": Route(
        kwargs=lambda w: {"key": share_key(w)},
        read_expected="200 200 200 200 200 200",
        write_expected="405 405 405 405 405 405",
    ),
    # --- leaderboards: a global board for everyone signed in, a cohort's for its members (A), its mentor (A's) and
    # staff; staff close global boards, a cohort's mentor and staff its boards. A takes part in the model exercise's.
    "api-leaderboard-list": Route(read_expected="401 200 200 200 200 200", write_expected="401 405 405 405 405 405"),
    "api-leaderboard-detail": Route(
        kwargs=lambda w: {"slug": w.model.slug},
        read_expected="401 200 200 200 200 200",
        write_expected="401 405 405 405 405 405",
    ),
    # Each caller's own entry: A has one; anyone signed in may take part (or rename).
    "api-leaderboard-entry": Route(
        kwargs=lambda w: {"slug": w.model.slug},
        write="put",
        body=lambda w: {"display_name": "Quiet Otter"},
        read_expected="401 200 404 404 404 404",
        write_expected="401 200 200 200 200 200",
    ),
    "api-leaderboard-close": Route(
        kwargs=lambda w: {"slug": w.model.slug},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 403 403 403 200",
    ),
    "api-leaderboard-cohort-detail": Route(
        kwargs=lambda w: {"slug": w.model.slug, "cohort_id": w.cohort.pk},
        read_expected="401 200 404 200 404 200",
        write_expected="401 405 405 405 405 405",
    ),
    "api-leaderboard-cohort-close": Route(
        kwargs=lambda w: {"slug": w.model.slug, "cohort_id": w.cohort.pk},
        read_expected="401 405 405 405 405 405",
        write_expected="401 403 404 200 404 200",
    ),
    "leaderboard": Route(
        kwargs=lambda w: {"slug": w.model.slug},
        read_expected="302 200 200 200 200 200",
        write_expected="302 405 405 405 405 405",
    ),
    "leaderboard-cohort": Route(
        kwargs=lambda w: {"slug": w.model.slug, "cohort_id": w.cohort.pk},
        read_expected="302 200 404 200 404 200",
        write_expected="302 405 405 405 405 405",
    ),
    "leaderboard-entry": Route(
        kwargs=lambda w: {"slug": w.model.slug},
        body=lambda w: {"display_name": "Quiet Otter"},
        read_expected="302 405 405 405 405 405",
        write_expected="302 302 302 302 302 302",
    ),
    "leaderboard-close": Route(
        kwargs=lambda w: {"slug": w.model.slug},
        read_expected="302 405 405 405 405 405",
        write_expected="302 403 403 403 403 302",
    ),
    "leaderboard-cohort-close": Route(
        kwargs=lambda w: {"slug": w.model.slug, "cohort_id": w.cohort.pk},
        read_expected="302 405 405 405 405 405",
        write_expected="302 403 404 302 404 302",
    ),
    # --- Django admin: its index stands for the whole site; staff only ---
    "admin:index": Route(read_expected="302 302 302 302 302 200", write_expected="302 302 302 302 302 200"),
}


# Pages an anonymous visitor uses on purpose: their redirects go on with the flow (sign-in, sign-up, password reset,
# the verification link), not to the sign-in page.
ANON_REDIRECTS_ELSEWHERE = {
    "login",
    "logout",
    "set_language",
    "account_login",
    "account_logout",
    "account_signup",
    "account_reset_password",
    "account_reset_password_from_key",
    "account_confirm_email",
}


def enumerate_routes() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if (pattern.namespace or namespace) == "admin":
                    names.add("admin:index")  # Django's admin: one row (staff only) stands for it
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"unnamed route {pattern.pattern}: name it so the matrix can list it"
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_route_is_in_the_matrix():
    routes = enumerate_routes()
    assert sorted(routes - set(ROUTES)) == [], "new routes: add their rows to ROUTES"
    assert sorted(set(ROUTES) - routes) == [], "rows for routes that no longer exist"


def client_for(role: str, world: SecurityWorld, api: bool) -> Client:
    client: Client = APIClient() if api else Client()
    if role != "anonymous":
        user = world.users[role]
        if api:
            client.force_authenticate(user)
        else:
            client.force_login(user)
    return client


def status_of(name: str, route: Route, world: SecurityWorld, role: str, action: str) -> int:
    url = reverse(name, kwargs=route.kwargs(world)) + route.query(world)
    api = url.startswith("/api/v1/")
    client = client_for(role, world, api)
    # Each request in its own savepoint, rolled back: a write by one role never changes what the next one sees; and
    # with fresh rate limits (allauth's and DRF's count in the cache, which no rollback resets).
    cache.clear()
    with transaction.atomic():
        if action == "read":
            response = client.get(url)
        elif api:
            response = getattr(client, route.write)(url, route.body(world), format="json")
        else:
            response = getattr(client, route.write)(url, route.body(world))
        transaction.set_rollback(True)
    if role == "anonymous" and response.status_code == 302 and name not in ANON_REDIRECTS_ELSEWHERE:
        assert response["Location"].startswith(("/accounts/login/", "/admin/login/")), (name, response["Location"])
    return response.status_code


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_permission_matrix(world, name):
    route = ROUTES[name]
    actual = {
        action: " ".join(str(status_of(name, route, world, role, action)) for role in ROLES)
        for action in ("read", "write")
    }
    assert actual == {"read": route.read_expected, "write": route.write_expected}
