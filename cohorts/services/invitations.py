"""Invitations into a cohort (join links and mailed links) and joining through one.

A code is 128 random bits (`secrets.token_urlsafe(16)`, 22 characters); only its SHA-256 digest is stored, so the
table does not hold a way in. A code admits at most its seats, until it expires or is revoked; joins of one cohort
are serialised on the cohort row, so the seat count is exact under concurrent joins.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import EmailSent
from accounts.services.email import mail_prepare, site_url
from accounts.tasks import deliver_email_task
from cohorts.models import Cohort, Invitation, Membership
from cohorts.permissions import can_change_cohort
from config.bounds import shown

SEATS_RANGE = _("Seats must be between 1 and %(limit)s.")
DAYS_RANGE = _("An invitation lasts between 1 and %(limit)s days.")
NO_ADDRESSES = _("Give at least one email address.")
TOO_MANY_ADDRESSES = _("At most %(limit)s addresses at a time.")
BAD_ADDRESSES = _("These are not email addresses: %(values)s.")
ALREADY_REVOKED = _("This invitation was already revoked.")

MAX_SEATS = 1000
DEFAULT_SEATS = 30  # a join link's seats when the mentor does not say
MAX_DAYS = 90
MAX_ADDRESSES = 50
CODE_BYTES = 16  # 128 bits
CODE_LENGTH = 22  # token_urlsafe(16): base64url without padding


def code_digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _new_code() -> tuple[str, str]:
    code = secrets.token_urlsafe(CODE_BYTES)
    return code, code_digest(code)


def join_path(code: str) -> str:
    return reverse("cohort-join", args=[code])


def _expiry(days: int | None) -> dt.datetime:
    days = settings.PATHWISE_INVITATION_DAYS if days is None else days
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": ValidationError(DAYS_RANGE, code="days_range", params={"limit": MAX_DAYS})})
    return timezone.now() + dt.timedelta(days=days)


@transaction.atomic
def invitation_create_link(
    *, user: AbstractBaseUser, cohort: Cohort, seats: int = DEFAULT_SEATS, days: int | None = None, label: str = ""
) -> tuple[Invitation, str]:
    """A join link for `seats` learners; returns it and its code (shown once: only the digest is kept)."""
    if not can_change_cohort(user, cohort):
        raise PermissionDenied
    if not 1 <= seats <= MAX_SEATS:
        raise ValidationError({"seats": ValidationError(SEATS_RANGE, code="seats_range", params={"limit": MAX_SEATS})})
    code, digest = _new_code()
    invitation = Invitation(
        cohort=cohort,
        kind=Invitation.Kind.LINK,
        label=label.strip(),
        digest=digest,
        seats=seats,
        expires_at=_expiry(days),
        created_by=user,
    )
    invitation.full_clean(exclude=["cohort", "created_by"])
    invitation.save()
    return invitation, code


def clean_addresses(raw: list[str]) -> list[str]:
    """Distinct, lower-cased addresses; anything that is not one is a 400 that lists them."""
    addresses = list(dict.fromkeys(a.strip().lower() for a in raw if a and a.strip()))
    if not addresses:
        raise ValidationError({"emails": ValidationError(NO_ADDRESSES, code="required")})
    if len(addresses) > MAX_ADDRESSES:
        raise ValidationError(
            {"emails": ValidationError(TOO_MANY_ADDRESSES, code="too_many", params={"limit": MAX_ADDRESSES})}
        )
    bad = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            bad.append(shown(address))
    if bad:
        raise ValidationError(
            {"emails": ValidationError(BAD_ADDRESSES, code="invalid", params={"values": ", ".join(bad)})}
        )
    return addresses


@dataclass
class EmailInvitations:
    invited: list[Invitation]
    already_members: list[str]


def _owners(addresses: list[str]) -> dict[str, AbstractBaseUser]:
    """Active accounts that proved they own one of the addresses: the mail is written in their language."""
    rows = EmailAddress.objects.filter(email__in=addresses, verified=True, user__is_active=True).select_related(
        "user__profile"
    )
    return {row.email.lower(): row.user for row in rows}


def invitation_mail_render(*, invitation: Invitation, code: str, inviter: AbstractBaseUser) -> tuple[str, str]:
    context = {
        "cohort": invitation.cohort,
        "track": invitation.cohort.track.title,
        "inviter": inviter,
        "url": site_url(join_path(code)),
        "code": code,
        "expires": invitation.expires_at,
        "site_url": site_url(),
    }
    subject = render_to_string("cohorts/email/invitation_subject.txt", context).strip()
    body = render_to_string("cohorts/email/invitation.txt", context)
    return subject, body


def _invitation_mail(
    invitation: Invitation, code: str, inviter: AbstractBaseUser, owner: AbstractBaseUser | None
) -> EmailSent:
    """In the owner's language; to an address with no account yet, in the inviting mentor's."""
    render = partial(invitation_mail_render, invitation=invitation, code=code, inviter=inviter)
    return mail_prepare(
        user=owner, kind=EmailSent.Kind.INVITATION, key=str(invitation.pk), to=invitation.email, render=render
    )


@transaction.atomic
def invitations_email(
    *, user: AbstractBaseUser, cohort: Cohort, emails: list[str], days: int | None = None
) -> EmailInvitations:
    """One single-seat invitation per address, mailed through accounts' mail path: the mail is prepared here (an
    EmailSent row, in the reader's language) and sent by the delivery task after commit, which retries with backoff;
    the request never waits for a mail server. Addresses of people already in the cohort are skipped."""
    if not can_change_cohort(user, cohort):
        raise PermissionDenied
    addresses = clean_addresses(emails)
    expires_at = _expiry(days)
    owners = _owners(addresses)
    members = set(Membership.objects.filter(cohort=cohort).values_list("learner_id", flat=True))
    skipped = [a for a in addresses if a in owners and owners[a].pk in members]
    invited, mails = [], []
    for address in addresses:
        if address in skipped:
            continue
        code, digest = _new_code()
        invitation = Invitation.objects.create(
            cohort=cohort,
            kind=Invitation.Kind.EMAIL,
            email=address,
            digest=digest,
            seats=1,
            expires_at=expires_at,
            created_by=user,
        )
        invited.append(invitation)
        mails.append(_invitation_mail(invitation, code, user, owners.get(address)))
    for mail in EmailSent.objects.bulk_create(mails):
        deliver_email_task.delay_on_commit(mail.pk)
    return EmailInvitations(invited=invited, already_members=skipped)


@transaction.atomic
def invitation_revoke(*, user: AbstractBaseUser, invitation: Invitation) -> Invitation:
    """Nobody joins through it any more; who joined stays."""
    if not can_change_cohort(user, invitation.cohort):
        raise PermissionDenied
    updated = Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not updated:
        raise ValidationError(ALREADY_REVOKED, code="already_revoked")
    invitation.refresh_from_db()
    return invitation


def invitation_get_by_code(*, code: str) -> Invitation | None:
    """The invitation a code names, whatever its state; None for a code that names none (or is not one)."""
    if not isinstance(code, str) or len(code) != CODE_LENGTH:
        return None
    return Invitation.objects.select_related("cohort__track").filter(digest=code_digest(code)).first()
