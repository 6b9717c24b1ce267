"""Notes: one private Markdown note per learner and milestone, shared with their mentors only when they say so."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from learning.models import NOTE_MAX_CHARS, Note
from planner.models import Milestone

NOTE_TOO_LONG = _("A note holds at most %(limit)s characters; this one has %(length)s.")
NOTE_EXISTS = _("You already have a note on this milestone: change it instead (PUT or PATCH).")


def _check_body(body: str) -> None:
    if len(body) > NOTE_MAX_CHARS:
        raise ValidationError(
            {
                "body": ValidationError(
                    NOTE_TOO_LONG, code="too_long", params={"limit": NOTE_MAX_CHARS, "length": len(body)}
                )
            }
        )


@transaction.atomic
def note_create(*, user: AbstractBaseUser, milestone: Milestone, body: str, shared: bool = False) -> Note:
    """A new note; a second one on the same milestone is refused (the API's POST)."""
    _check_body(body)
    note = Note(user=user, milestone=milestone, body=body, shared_with_mentors=shared)
    note.full_clean(exclude=["user", "milestone"])
    try:
        with transaction.atomic():
            note.save()
    except IntegrityError:
        raise ValidationError({"milestone": ValidationError(NOTE_EXISTS, code="exists")}) from None
    return note


@transaction.atomic
def note_save(*, user: AbstractBaseUser, milestone: Milestone, body: str, shared: bool | None = None) -> Note | None:
    """Write the learner's note on a milestone, made if missing; `shared` None keeps the sharing as it was.

    An empty note (only spaces) is no note: it is deleted, and None returned, so that "clear the text and save"
    removes it, as a learner expects."""
    _check_body(body)
    note = Note.objects.select_for_update().filter(user=user, milestone=milestone).first()
    if not body.strip():
        if note is not None:
            note.delete()
        return None
    if note is None:
        note = Note(user=user, milestone=milestone)
    note.body = body
    if shared is not None:
        note.shared_with_mentors = shared
    note.full_clean(exclude=["user", "milestone"])
    note.save()
    return note


def note_delete(*, user: AbstractBaseUser, milestone: Milestone) -> bool:
    deleted, _ = Note.objects.filter(user=user, milestone=milestone).delete()
    return bool(deleted)
