"""The write side of leaderboards: opting in and out under a display name, closing a board."""

from __future__ import annotations

import re
import unicodedata

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exercises.models import RANKED_KINDS
from leaderboards.models import Closing, Entry
from leaderboards.permissions import can_close_board, can_take_part
from leaderboards.selectors import Board

NAME_MIN, NAME_MAX = 3, 32
NAME_LENGTH = _("A display name has %(min)s to %(max)s characters.")
NAME_CHARACTERS = _("A display name has letters, digits, spaces, and . _ - only.")
NAME_TAKEN = _("Another entrant of this leaderboard has this display name or one too like it.")
NAME_IMPERSONATES = _("This display name is another person's username.")
CLOSE_REFUSED = _("Only this board's mentors and staff close it.")
NOT_RANKED = _("Only model and fine-tuning exercises have leaderboards.")

_ALLOWED = re.compile(r"^[\w .\-]+$")
_SEPARATORS = re.compile(r"[\s._\-]+")


def name_key(display_name: str) -> str:
    """What two names must not share: NFKC, case-folded, spaces and separators taken out ("Ada L" = "ada_l")."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", display_name).casefold())


def _clean_name(display_name: str) -> str:
    name = " ".join(unicodedata.normalize("NFKC", display_name).split())
    if not NAME_MIN <= len(name) <= NAME_MAX or not name_key(name):
        raise ValidationError(NAME_LENGTH, code="name_length", params={"min": NAME_MIN, "max": NAME_MAX})
    if not _ALLOWED.match(name):
        raise ValidationError(NAME_CHARACTERS, code="name_characters")
    return name


def _check_impersonation(user: AbstractBaseUser, name: str) -> None:
    """A display name may not read as someone else's username ("Learner A" for learner-a)."""
    spellings = {name, name_key(name), *(name.replace(" ", sep) for sep in "-_.")}
    query = Q()
    for spelling in spellings:
        query |= Q(username__iexact=spelling)
    if get_user_model().objects.exclude(pk=user.pk).filter(query).exists():
        raise ValidationError(NAME_IMPERSONATES, code="name_impersonates")


def entry_join(*, user: AbstractBaseUser, exercise, display_name: str) -> Entry:
    """Opt in to the exercise's boards under the name (or change the name). Refused: a name outside the rules, one
    another entrant of the exercise has (compared by `name_key`), or another person's username."""
    if not can_take_part(user):
        raise PermissionDenied
    if exercise.kind not in RANKED_KINDS:
        raise ValidationError(NOT_RANKED, code="not_ranked")
    name = _clean_name(display_name)
    key = name_key(name)
    _check_impersonation(user, name)
    try:
        with transaction.atomic():
            if Entry.objects.filter(exercise=exercise, name_key=key).exclude(user=user).exists():
                raise ValidationError(NAME_TAKEN, code="name_taken")
            entry, _created = Entry.objects.update_or_create(
                user=user, exercise=exercise, defaults={"display_name": name, "name_key": key}
            )
    except IntegrityError as exc:  # two learners racing for one name: the unique constraint decides
        raise ValidationError(NAME_TAKEN, code="name_taken") from exc
    return entry


def entry_leave(*, user: AbstractBaseUser, exercise) -> bool:
    """Opt out: the learner is no longer shown on any of the exercise's boards. False when not opted in."""
    deleted, _rows = Entry.objects.filter(user=user, exercise=exercise).delete()
    return bool(deleted)


def board_close(*, user: AbstractBaseUser, board: Board) -> Closing:
    """Close the board (once; closing again answers the first closing): its private ranking is revealed."""
    if not can_close_board(user, board.cohort):
        raise PermissionDenied(CLOSE_REFUSED)
    closing, _created = Closing.objects.get_or_create(
        exercise=board.exercise,
        cohort=board.cohort,
        defaults={"closed_by": user, "closed_at": timezone.now()},
    )
    return closing


def leaderboard_data_erase(user: AbstractBaseUser) -> None:
    """A deleted account leaves every board."""
    Entry.objects.filter(user=user).delete()
