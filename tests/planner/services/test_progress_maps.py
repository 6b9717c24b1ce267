"""progress_maps gives each done milestone the date it was done in the reader's time zone (the pace counts hours
done between the enrolment's start and today, in local days)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

from planner.models import Progress
from planner.services.plans import progress_maps


def test_the_done_date_is_the_local_date_of_the_active_time_zone(world):
    learner = world.users["learner"]
    # 20:30 UTC on 1 March is already 2 March in Shanghai, still 1 March in New York.
    done = dt.datetime(2026, 3, 1, 20, 30, tzinfo=dt.UTC)
    Progress.objects.filter(user=learner, milestone=world.a).update(state="done", completed_at=done)
    for zone, day in (("Asia/Shanghai", dt.date(2026, 3, 2)), ("America/New_York", dt.date(2026, 3, 1))):
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            maps = progress_maps([learner.pk, world.users["other_learner"].pk])
        assert maps[learner.pk][world.a.pk] == ("done", day)
        assert maps[learner.pk][world.b.pk] == ("locked", None)
