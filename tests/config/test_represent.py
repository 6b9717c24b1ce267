"""`represent` renders through one output serializer kept per thread: the same answer as a new serializer for each
object, with nothing of one object left in the next one's answer, in every thread."""

from __future__ import annotations

import decimal
from concurrent.futures import ThreadPoolExecutor

from accounts.api.serializers import MeOutput
from accounts.services.profiles import EMAIL_FIELDS
from config.api import represent


def _account(n: int, **changes) -> dict:
    return {
        "id": n,
        "username": f"learner-{n}",
        "display_name": f"Learner {n}",
        "email": f"learner-{n}@example.org",
        "email_verified": n % 2 == 0,
        "pending_email": "",
        "language": ["", "en", "zh-hans"][n % 3],
        "time_zone": "Asia/Shanghai" if n % 2 else "",
        "weekly_hours": decimal.Decimal(n) / 2 if n % 4 else None,
        "email_notifications": {kind: (n + i) % 2 == 0 for i, kind in enumerate(EMAIL_FIELDS)},
        "is_staff": False,
        "is_mentor": bool(n % 3),
        "mentor_ids": list(range(n % 4)),
        "learner_ids": list(range(n % 5)),
        "unread_notifications": n,
        **changes,
    }


def test_each_object_renders_as_a_new_serializer_renders_it():
    for n in range(12):
        kept = represent(MeOutput, _account(n))
        assert kept == MeOutput(_account(n)).data
        assert kept["email_notifications"] == _account(n)["email_notifications"]


def test_threads_keep_their_own_serializer_and_agree():
    def both(n: int) -> tuple[dict, dict]:
        return represent(MeOutput, _account(n)), dict(MeOutput(_account(n)).data)

    with ThreadPoolExecutor(4) as pool:
        for kept, fresh in pool.map(both, range(40)):
            assert kept == fresh
