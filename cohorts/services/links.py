"""The mentor links (accounts.MentorAssignment) this app makes and takes back.

A link exists while a reason does: the mentor mentors a cohort the learner is in, or took the learner's request
(a Mentorship). A link this app made is marked (ManagedAssignment) and deleted with its last reason; one made by
hand stays whatever happens here.
"""

from __future__ import annotations

from collections.abc import Iterable

from accounts.models import MentorAssignment
from cohorts.models import ManagedAssignment, Membership, Mentorship


def mentor_links_ensure(*, pairs: Iterable[tuple[int, int]]) -> None:
    """Link each (mentor id, learner id), marking the links made here. A mentor is never linked to themself."""
    wanted = {(m, learner) for m, learner in pairs if m != learner}
    if not wanted:
        return
    existing = set(
        MentorAssignment.objects.filter(
            mentor_id__in={m for m, _ in wanted}, learner_id__in={learner for _, learner in wanted}
        ).values_list("mentor_id", "learner_id")
    )
    missing = wanted - existing
    if not missing:
        return
    MentorAssignment.objects.bulk_create(
        [MentorAssignment(mentor_id=m, learner_id=learner) for m, learner in sorted(missing)], ignore_conflicts=True
    )
    # ignore_conflicts leaves the new rows' ids unset: read them back to mark them.
    made = MentorAssignment.objects.filter(
        mentor_id__in={m for m, _ in missing}, learner_id__in={learner for _, learner in missing}
    ).values_list("pk", "mentor_id", "learner_id")
    ManagedAssignment.objects.bulk_create(
        [ManagedAssignment(assignment_id=pk) for pk, m, learner in made if (m, learner) in missing],
        ignore_conflicts=True,
    )


def _still_wanted(mentor_id: int, learner_id: int) -> bool:
    if Mentorship.objects.filter(mentor_id=mentor_id, learner_id=learner_id).exists():
        return True
    return Membership.objects.filter(learner_id=learner_id, cohort__mentors__id=mentor_id).exists()


def mentor_links_release(*, pairs: Iterable[tuple[int, int]]) -> int:
    """Delete the links this app made for each pair that has no reason left; returns how many went."""
    gone = 0
    for mentor_id, learner_id in set(pairs):
        if _still_wanted(mentor_id, learner_id):
            continue
        deleted, _ = MentorAssignment.objects.filter(
            mentor_id=mentor_id, learner_id=learner_id, managed__isnull=False
        ).delete()
        gone += 1 if deleted else 0
    return gone
