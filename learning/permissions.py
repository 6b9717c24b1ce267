"""Who may read what of a learner's learning records: every rule of this app in one place.

Notes are private: their author reads and writes them; a mentor of the author reads those the author shares with
their mentors, and nobody else does, staff included (a note is not progress data staff need to run the site).
Review cards and goals are the learner's own; mentors and staff read them through progress, not here.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from accounts.permissions import is_mentor_of
from learning.models import Note


def can_read_note(user: AbstractBaseUser | AnonymousUser, note: Note) -> bool:
    if not user.is_authenticated:
        return False
    if user.pk == note.user_id:
        return True
    return note.shared_with_mentors and is_mentor_of(user, note.user_id)


def can_read_shared_notes_of(user: AbstractBaseUser | AnonymousUser, learner_id: int) -> bool:
    """Whether `user` may list the notes `learner_id` shares with their mentors."""
    return user.is_authenticated and (user.pk == learner_id or is_mentor_of(user, learner_id))
