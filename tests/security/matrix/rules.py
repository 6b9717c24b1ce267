"""What the permission matrix is made of: a route's row (`Route`: how to call it, and the `Rule` it obeys) and the
rules that more than one route obeys, each stated once. A rule is the status each role gets, in ROLES order:
anonymous, A (the learner), B (the other learner), A's mentor, another mentor (B's), admin. The API answers 401 to
anonymous callers; pages send them to sign in (302); 405 is a method the route does not have.

The helpers below build the objects a route's URL or body names (in the world each test gets)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.utils import timezone

from learning.models import Note, ReviewCard
from tests.factories import UserFactory
from tests.security.conftest import SecurityWorld

CODE = "import numpy as np\n\ndef softmax(x, axis=-1):\n    return np.asarray(x)\n"


@dataclass(frozen=True)
class Rule:
    read: str  # the status of a GET, one per role
    write: str  # the status of the route's write (`Route.write`), one per role


@dataclass(frozen=True)
class Route:
    expect: Rule
    kwargs: Callable[[SecurityWorld], dict[str, Any]] = lambda w: {}
    query: Callable[[SecurityWorld], str] = lambda w: ""
    write: str = "post"
    body: Callable[[SecurityWorld], dict[str, Any]] = lambda w: {}


# Anyone reads it, signed in or not; nothing to write.
PUBLIC_READ_ONLY = Rule("200 200 200 200 200 200", "405 405 405 405 405 405")
# Anyone reads it and posts to it (the post answers with the page).
PUBLIC = Rule("200 200 200 200 200 200", "200 200 200 200 200 200")
# Anyone reads the form; a post goes on to the next page.
PUBLIC_FORM = Rule("200 200 200 200 200 200", "302 302 302 302 302 302")
# A sign-in or sign-up form: a signed-in person is sent on.
SIGN_IN_FORM = Rule("200 302 302 302 302 302", "302 302 302 302 302 302")
# Sends everyone on, whatever they ask.
REDIRECTS = Rule("302 302 302 302 302 302", "302 302 302 302 302 302")
# Anyone posts (a request that goes on by mail: accepted); nothing to read.
ANYONE_POSTS_ACCEPTED = Rule("405 405 405 405 405 405", "202 202 202 202 202 202")
# Anyone posts a key they hold; nothing to read.
ANYONE_POSTS = Rule("405 405 405 405 405 405", "200 200 200 200 200 200")
# The caller's own, read only.
OWN_API_READ_ONLY = Rule("401 200 200 200 200 200", "401 405 405 405 405 405")
# The caller's own, read and changed.
OWN_API = Rule("401 200 200 200 200 200", "401 200 200 200 200 200")
# An action on the caller's own; nothing to read.
OWN_API_ACTION = Rule("401 405 405 405 405 405", "401 200 200 200 200 200")
# The caller's own page; a post answers with the page.
OWN_PAGE = Rule("302 200 200 200 200 200", "302 200 200 200 200 200")
# The caller's own page, read only.
OWN_PAGE_READ_ONLY = Rule("302 200 200 200 200 200", "302 405 405 405 405 405")
# A signed-in person's form (settings, sign-out, ...): a post acts on their own and goes on.
OWN_PAGE_FORM = Rule("302 200 200 200 200 200", "302 302 302 302 302 302")
# A post on the caller's own that goes back to a page; nothing to read.
OWN_PAGE_ACTION = Rule("302 405 405 405 405 405", "302 302 302 302 302 302")
# The caller's own plan: without an enrolment (the mentors, the admin) the page sends them to enrol.
ENROLLED_PAGE_FORM = Rule("302 200 200 302 302 302", "302 302 302 302 302 302")
# A's data: A, A's mentor and staff read it; for everyone else it does not exist.
A_DATA_API_READ_ONLY = Rule("401 200 404 200 404 200", "401 405 405 405 405 405")
# A's data: A and staff change it; A's mentor reads it but may not change it.
A_DATA_API = Rule("401 200 404 200 404 200", "401 200 404 403 404 200")
# A's data on a page: A, A's mentor and staff read it; for everyone else it does not exist.
A_DATA_PAGE_READ_ONLY = Rule("302 200 404 200 404 200", "302 405 405 405 405 405")
# A post only A makes (on A's own); for everyone else it does not exist.
A_ONLY_PAGE_ACTION = Rule("302 405 405 405 405 405", "302 302 404 404 404 404")
# A, A's mentor or staff end it; for everyone else it does not exist.
A_OR_MENTOR_ENDS_API = Rule("401 405 405 405 405 405", "401 204 404 204 404 204")
# A, A's mentor or staff end it from a page; for everyone else it does not exist.
A_OR_MENTOR_ENDS_PAGE = Rule("302 405 405 405 405 405", "302 302 404 302 404 302")
# A mentor of A's or staff may act, but the world gives them nothing this act applies to (400); A may not (403);
# others do not see it.
MENTOR_OR_STAFF_WAITING_API = Rule("401 405 405 405 405 405", "401 403 404 400 404 400")
# A cohort's: its mentor and staff read and change it; it does not exist for anyone else.
COHORT_API = Rule("401 404 404 200 404 200", "401 404 404 200 404 200")
# A cohort's, read only: its mentor and staff; it does not exist for anyone else.
COHORT_API_READ_ONLY = Rule("401 404 404 200 404 200", "401 405 405 405 405 405")
# An action on a cohort's: its mentor and staff; it does not exist for anyone else.
COHORT_API_ACTION = Rule("401 405 405 405 405 405", "401 404 404 200 404 200")
# A cohort's page: its mentor and staff; it does not exist for anyone else.
COHORT_PAGE = Rule("302 404 404 200 404 200", "302 404 404 200 404 200")
# A cohort's form: its mentor and staff; a post saves and goes back.
COHORT_PAGE_FORM = Rule("302 404 404 200 404 200", "302 404 404 302 404 302")
# A post on a cohort's that goes back to a page: its mentor and staff.
COHORT_PAGE_ACTION = Rule("302 405 405 405 405 405", "302 404 404 302 404 302")
# A mentor's page: mentors and staff; it does not exist for learners.
MENTOR_PAGE = Rule("302 404 404 200 200 200", "302 404 404 200 200 200")
# A mentor's form: mentors and staff; a post saves and goes back.
MENTOR_PAGE_FORM = Rule("302 404 404 200 200 200", "302 404 404 302 302 302")


def a_submission(w: SecurityWorld) -> dict[str, Any]:
    """A's first softmax submission."""
    return {"pk": w.softmax_1.pk}


def model_board(w: SecurityWorld) -> dict[str, Any]:
    """The model exercise's global board."""
    return {"slug": w.model.slug}


def model_cohort_board(w: SecurityWorld) -> dict[str, Any]:
    """The model exercise's board of the cohort."""
    return {"slug": w.model.slug, "cohort_id": w.cohort.pk}


def milestone_a(w: SecurityWorld) -> dict[str, Any]:
    """The self-report milestone."""
    return {"slug": w.a.slug}


def cohort_page(w: SecurityWorld) -> dict[str, Any]:
    """The cohort (page routes)."""
    return {"cohort_id": w.cohort.pk}


def cohort_pk(w: SecurityWorld) -> dict[str, Any]:
    """The cohort (API routes)."""
    return {"pk": w.cohort.pk}


def softmax_slug(w: SecurityWorld) -> dict[str, Any]:
    """The softmax exercise."""
    return {"slug": "softmax"}


def webhook_pk(w: SecurityWorld) -> dict[str, Any]:
    """The cohort's webhook endpoint."""
    return {"pk": w.webhook.pk}


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
