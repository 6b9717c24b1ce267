"""config.prepared: an ORM read compiled once per database alias answers as the ORM does for every value it is
given, and refuses queries whose values cannot be swapped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count, F, Q, QuerySet

from accounts.models import MentorAssignment
from config.prepared import prepared
from planner.models import Enrolment
from tests.factories import EnrolmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def enrolments(user_id: int, slug: str) -> QuerySet:
    return (
        Enrolment.objects.filter(Q(user_id=user_id) | Q(track__slug=slug))
        .values("pk", "hours_per_week", "start_date", "created_at")
        .annotate(mine=Q(user_id=user_id), track_slug=F("track__slug"))
        .order_by("pk")
    )


def test_each_call_answers_what_the_orm_answers_for_its_own_values(django_assert_num_queries):
    built = []

    @prepared(user_id=int, slug=str)
    def query(user_id, slug):
        built.append((user_id, slug))
        return enrolments(user_id, slug)

    ada, bo = UserFactory(username="ada"), UserFactory(username="bo")
    first = EnrolmentFactory(user=ada, hours_per_week=Decimal("7.5"), start_date=dt.date(2026, 1, 5))
    second = EnrolmentFactory(user=bo, hours_per_week=Decimal("3.0"))
    for user, slug in ((ada, "no-such-track"), (bo, first.track.slug), (ada, second.track.slug), (bo, "")):
        with django_assert_num_queries(1):
            rows = query(user_id=user.pk, slug=slug)
        assert rows == list(enrolments(user.pk, slug)) and rows
    assert len(built) == 1  # compiled once, with stand-ins, and never again
    assert built[0][0] < 0 and built[0][1].startswith("prepared-")
    row = query(user_id=ada.pk, slug="")[0]
    # The database's values come back through the ORM's converters: Decimal, date, aware datetime, bool.
    assert row["hours_per_week"] == Decimal("7.5") and row["start_date"] == dt.date(2026, 1, 5)
    assert row["created_at"].tzinfo is not None and row["mine"] is True


def test_a_value_used_twice_is_given_once_and_nothing_is_found_for_unknown_values():
    @prepared(user_id=int)
    def links(user_id):
        return MentorAssignment.objects.filter(Q(mentor=user_id) | Q(learner=user_id)).values("mentor_id", "learner_id")

    ada, bo, cy = (UserFactory(username=name) for name in ("ada", "bo", "cy"))
    MentorAssignment.objects.create(mentor=ada, learner=bo)
    MentorAssignment.objects.create(mentor=cy, learner=ada)
    assert sorted((r["mentor_id"], r["learner_id"]) for r in links(user_id=ada.pk)) == sorted(
        [(ada.pk, bo.pk), (cy.pk, ada.pk)]
    )
    assert links(user_id=bo.pk) == [{"mentor_id": ada.pk, "learner_id": bo.pk}]
    assert links(user_id=10**6) == []


def test_columns_added_only_for_ordering_are_not_returned():
    @prepared(user_id=int)
    def mentors(user_id):  # DISTINCT with an ordering outside the selection: the ORM selects the ordering too
        return (
            MentorAssignment.objects.filter(learner=user_id)
            .values("mentor_id")
            .annotate(n=Count("pk"))
            .distinct()
            .order_by("mentor__username")
        )

    ada = UserFactory(username="ada")
    for name in ("zed", "amy"):
        MentorAssignment.objects.create(mentor=UserFactory(username=name), learner=ada)
    rows = mentors(user_id=ada.pk)
    assert rows == list(mentors.build(ada.pk)) and [set(r) for r in rows] == [{"mentor_id", "n"}] * 2


def test_a_lookup_that_rewrites_its_value_is_refused_when_first_compiled():
    @prepared(name=str)
    def containing(name):
        return MentorAssignment.objects.filter(mentor__username__contains=name).values("pk")

    with pytest.raises(ImproperlyConfigured, match="rewrites `name`"):
        containing(name="ad")


def test_a_value_that_never_reaches_the_sql_is_refused():
    @prepared(user_id=int, unused=int)
    def query(user_id, unused):
        return MentorAssignment.objects.filter(mentor=user_id).values("pk")

    with pytest.raises(ImproperlyConfigured, match="never reach the SQL"):
        query(user_id=1, unused=2)


def test_only_values_querysets_and_the_declared_values_are_taken():
    @prepared(user_id=int)
    def instances(user_id):
        return MentorAssignment.objects.filter(mentor=user_id)

    with pytest.raises(ImproperlyConfigured, match="values"):
        instances(user_id=1)

    @prepared(user_id=int)
    def query(user_id):
        return MentorAssignment.objects.filter(mentor=user_id).values("pk")

    with pytest.raises(TypeError, match="user_id"):
        query(mentor=1)
    with pytest.raises(TypeError, match="int or str"):
        prepared(when=dt.date)(lambda when: None)(when=dt.date.today())
