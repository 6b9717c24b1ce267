"""The read side of notes: a learner's own (searchable) and the ones a learner shares with their mentors.
Review and rhythm reads live in learning.services.review / rhythm beside the rules they apply."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from learning.models import Note
from learning.permissions import can_read_shared_notes_of
from planner.models import Milestone

MAX_SEARCH_CHARS = 200


def note_list(*, user: AbstractBaseUser, text: str = "") -> QuerySet[Note]:
    """The learner's own notes, newest first; `text` finds it in the note or in the milestone's title or slug (either
    language), case-insensitively."""
    return _search(Note.objects.filter(user=user).select_related("milestone__stage"), text)


def _search(qs: QuerySet[Note], text: str) -> QuerySet[Note]:
    text = text.strip()[:MAX_SEARCH_CHARS]
    if text:
        qs = qs.filter(
            Q(body__icontains=text)
            | Q(milestone__title_en__icontains=text)
            | Q(milestone__title_zh__icontains=text)
            | Q(milestone__slug__icontains=text)
        )
    return qs


def note_get(*, user_id: int, milestone_id: int) -> Note | None:
    return Note.objects.select_related("milestone").filter(user_id=user_id, milestone_id=milestone_id).first()


def shared_note_list(*, viewer: AbstractBaseUser, learner_id: int, text: str = "") -> QuerySet[Note]:
    """The notes `learner_id` shares with their mentors, as `viewer` may read them: all of them for a mentor of the
    learner (and the learner), none for anyone else (staff included)."""
    if not can_read_shared_notes_of(viewer, learner_id):
        return Note.objects.none()
    shared = Note.objects.filter(user_id=learner_id, shared_with_mentors=True).select_related("milestone__stage")
    return _search(shared, text)


def milestone_by_slug(slug: str) -> Milestone | None:
    return Milestone.objects.select_related("stage").filter(slug=slug).first()
