"""Mail to people: the weekly digest and immediate notification mails, each prepared once (rendered in the reader's
language into an EmailSent row, unique per user and key) and delivered by a Celery task that retries with backoff.
Nothing here runs in a web request."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.extensions import registry
from accounts.middleware import zone
from accounts.models import EmailSent, Notification, Profile
from accounts.notifications import notification_show

log = logging.getLogger(__name__)

# A person's digest week starts on Monday at this hour, their time: the first run after it sends that week's digest.
DIGEST_HOUR = 8
BATCH = 500


def digest_week(now: dt.datetime, tz: dt.tzinfo) -> str:
    """The ISO week whose digest is due at `now` for someone in `tz` ("2026-W49")."""
    local = timezone.localtime(now, tz) - dt.timedelta(hours=DIGEST_HOUR)
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def verified_address(user: str = "pk", email: str = "email") -> models.Exists:
    """The person's current address is verified: mail never goes to an address nobody proved to be theirs."""
    return models.Exists(
        EmailAddress.objects.filter(user_id=models.OuterRef(user), email__iexact=models.OuterRef(email), verified=True)
    )


def digest_recipients() -> QuerySet:
    """Active people with a verified address who want the digest (no profile yet: the defaults, which include
    it)."""
    User = get_user_model()
    wants = Q(profile__isnull=True) | Q(profile__email_weekly_digest=True, profile__deleted_at__isnull=True)
    return (
        User.objects.filter(wants, verified_address(), is_active=True)
        .exclude(email="")
        .select_related("profile")
        .order_by("pk")
    )


def _chunks(queryset: QuerySet, size: int) -> Iterator[list[Any]]:
    last = 0
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:size])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


def _profile(user: AbstractBaseUser) -> Profile:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user)


@contextmanager
def their_language(user: AbstractBaseUser) -> Iterator[Profile]:
    """A mail is written in its reader's language and time zone (the site's when they chose none)."""
    profile = _profile(user)
    tz = zone(profile.time_zone) or zone(settings.TIME_ZONE)
    with translation.override(profile.language or settings.LANGUAGE_CODE), timezone.override(tz):
        yield profile


SUBJECT_LENGTH = EmailSent._meta.get_field("subject").max_length


def mail_prepare(
    *, user: AbstractBaseUser | None, kind: str, key: str, to: str, render: Callable[[], tuple[str, str]]
) -> EmailSent:
    """One mail to send (unsaved): `render()`'s subject and body, written in the reader's language (an address
    with no account yet: the language active now)."""
    if user is not None:
        with their_language(user):
            subject, body = render()
    else:
        subject, body = render()
    return EmailSent(user=user, kind=kind, key=key, to=to, subject=subject[:SUBJECT_LENGTH], body=body)


def site_url(path: str = "") -> str:
    return settings.PATHWISE_SITE_URL.rstrip("/") + path


def digest_render(*, user: AbstractBaseUser, week: str, parts: dict[str, Any]) -> tuple[str, str]:
    """Subject and text of one person's digest, in the active language: `parts` are what planner and exercises
    gave for them (progress against plan, what is next, reviews received and waiting)."""
    context: dict[str, Any] = {"user": user, "week": week, "site_url": site_url(), **parts}
    subject = render_to_string("accounts/email/weekly_digest_subject.txt", context).strip()
    body = render_to_string("accounts/email/weekly_digest.txt", context)
    return subject, body


def _digest_parts(users: list[AbstractBaseUser], today: dict[int, dt.date]) -> dict[int, dict[str, Any]]:
    parts: dict[int, dict[str, Any]] = {user.pk: {} for user in users}
    for build in registry.digest_builders:
        for user_id, part in build(users=users, today=today).items():
            parts[user_id].update(part)
    return parts


def digests_prepare(*, now: dt.datetime | None = None, batch: int = BATCH) -> list[int]:
    """Render the due digest of every recipient who has none for their current week; returns the ids to deliver.
    Idempotent: (user, week) is unique, so a second run in the same week prepares nothing new, and rows a crashed
    run left pending are returned again. The content of a batch is read in a few queries (the builders work on
    the whole batch), not per person."""
    now = now or timezone.now()
    due: list[int] = []
    for users in _chunks(digest_recipients(), batch):
        zones = {u.pk: zone(_profile(u).time_zone) or zone(settings.TIME_ZONE) for u in users}
        weeks = {u.pk: digest_week(now, zones[u.pk]) for u in users}
        existing = set(
            EmailSent.objects.filter(kind=EmailSent.Kind.WEEKLY_DIGEST, user__in=users).values_list("user_id", "key")
        )
        todo = [u for u in users if (u.pk, weeks[u.pk]) not in existing]
        parts = _digest_parts(todo, {u.pk: timezone.localtime(now, zones[u.pk]).date() for u in todo}) if todo else {}
        rows = []
        for user in todo:
            render = partial(digest_render, user=user, week=weeks[user.pk], parts=parts[user.pk])
            rows.append(
                mail_prepare(
                    user=user, kind=EmailSent.Kind.WEEKLY_DIGEST, key=weeks[user.pk], to=user.email, render=render
                )
            )
        EmailSent.objects.bulk_create(rows, ignore_conflicts=True)
        due += _pending_ids(EmailSent.Kind.WEEKLY_DIGEST, [(u.pk, weeks[u.pk]) for u in users])
    return due


def _pending_ids(kind: str, pairs: Iterable[tuple[int, str]]) -> list[int]:
    wanted = set(pairs)
    if not wanted:
        return []
    rows = (
        EmailSent.objects.filter(kind=kind, user_id__in={u for u, _ in wanted}, key__in={k for _, k in wanted})
        .exclude(status=EmailSent.Status.SENT)
        .values_list("id", "user_id", "key")
    )
    return [pk for pk, user_id, key in rows if (user_id, key) in wanted]


# Which notifications each person may choose to get by mail: kind -> the profile flag that turns them on.
NOTIFICATION_MAIL = {
    Notification.Kind.REVIEW_POSTED: "email_review_received",
    Notification.Kind.SUBMISSION_GRADED: "email_submission_graded",
    Notification.Kind.MILESTONE_DONE: "email_milestone_signed_off",
    # Whoever is told of a sign-off is told when it is taken back.
    Notification.Kind.SIGN_OFF_WITHDRAWN: "email_milestone_signed_off",
    # A reminder of the plan goes with the digest of progress against the plan: one choice for both.
    Notification.Kind.BEHIND_PLAN: "email_weekly_digest",
}
# A notification older than this when the job first sees it (the job was down, the person just opted in) is not
# mailed: the mail would arrive as news that is not news.
NOTIFICATION_MAIL_WINDOW = dt.timedelta(hours=24)


def _wanted(notification: Notification, profile: Profile) -> bool:
    flag = NOTIFICATION_MAIL.get(notification.kind)
    if flag is None or not getattr(profile, flag):
        return False
    if notification.kind == Notification.Kind.MILESTONE_DONE:
        return (notification.params or {}).get("evidence") == "mentor"
    return True


def notification_mail_render(*, notification: Notification) -> tuple[str, str]:
    shown = notification_show(notification)
    context = {"shown": shown, "url": site_url(shown.page_url) if shown.page_url else "", "site_url": site_url()}
    subject = render_to_string("accounts/email/notification_subject.txt", context).strip()
    body = render_to_string("accounts/email/notification.txt", context)
    return subject, body


def notification_emails_prepare(*, now: dt.datetime | None = None, batch: int = BATCH) -> list[int]:
    """One mail per new notification of a kind its reader chose, rendered in their language; returns the ids to
    deliver. Idempotent: (user, notification id) is unique."""
    now = now or timezone.now()
    already = EmailSent.objects.filter(
        kind=EmailSent.Kind.NOTIFICATION,
        user_id=models.OuterRef("user_id"),
        key=Cast(models.OuterRef("pk"), models.CharField()),
    )
    candidates = (
        Notification.objects.filter(created_at__gte=now - NOTIFICATION_MAIL_WINDOW, kind__in=list(NOTIFICATION_MAIL))
        .filter(verified_address("user_id", "user__email"), user__is_active=True)
        .exclude(user__email="")
        .exclude(models.Exists(already))
        .select_related("user__profile", "milestone", "track", "submission__exercise", "review__mentor")
        .order_by("pk")
    )
    due: list[int] = []
    for notifications in _chunks(candidates, batch):
        rows = []
        for notification in notifications:
            user = notification.user
            if not _wanted(notification, _profile(user)):
                continue
            render = partial(notification_mail_render, notification=notification)
            key = str(notification.pk)
            rows.append(
                mail_prepare(user=user, kind=EmailSent.Kind.NOTIFICATION, key=key, to=user.email, render=render)
            )
        EmailSent.objects.bulk_create(rows, ignore_conflicts=True)
        due += _pending_ids(EmailSent.Kind.NOTIFICATION, [(row.user_id, row.key) for row in rows])
    return due


# SMTP and network failures are worth another try; anything else is a bug and is logged as such.
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def email_deliver(*, email_id: int) -> bool:
    """Send one prepared mail. True when it is sent (now or before); False after a delivery failure (recorded on
    the row; the task retries with backoff). The row lock makes a concurrent second delivery skip it."""
    with transaction.atomic():
        row = (
            EmailSent.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id)
            .exclude(status=EmailSent.Status.SENT)
            .first()
        )
        if row is None:
            return True
        row.attempts += 1
        try:
            EmailMessage(row.subject, row.body, to=[row.to]).send(fail_silently=False)
        except DELIVERY_ERRORS as exc:
            log.warning("mail %s to user %s failed (attempt %s): %s", row.pk, row.user_id, row.attempts, exc)
            row.status = EmailSent.Status.FAILED
            row.error = f"{type(exc).__name__}: {exc}"[:300]
            row.save(update_fields=["attempts", "status", "error"])
            return False
        row.status = EmailSent.Status.SENT
        row.sent_at = timezone.now()
        row.error = ""
        row.save(update_fields=["attempts", "status", "error", "sent_at"])
        return True
