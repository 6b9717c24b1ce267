"""The mentor's pages (mentoring app): their learners at a glance cost the same queries however many there are."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.services import mentor_assign
from planner.services import enrolment_create
from tests.factories import UserFactory


def _home_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        html = client.get(reverse("mentor-home")).content.decode()
    return len(ctx.captured_queries), html


def test_the_learners_page_costs_the_same_queries_for_one_learner_or_many(world, as_role):
    client = as_role("mentor")
    one, html = _home_queries(client)
    assert html.count('class="card learner-card"') == 1
    for n in range(5):
        learner = UserFactory(username=f"extra{n}")
        mentor_assign(mentor=world.users["mentor"], learner=learner)
        enrolment_create(user=learner, track=world.track, start_date=timezone.localdate() - dt.timedelta(days=n))
    six, html = _home_queries(client)
    assert html.count('class="card learner-card"') == 6
    assert six == one


def test_the_dashboard_points_a_mentor_to_their_work_through_the_mentoring_card(world, as_role):
    html = as_role("mentor").get(reverse("dashboard")).content.decode()
    assert '<section class="card" aria-labelledby="mentoring-h" id="mentoring">' in html
    assert "1 submission waits for your review." in html
    assert 'id="mentoring"' not in as_role("learner").get(reverse("dashboard")).content.decode()
