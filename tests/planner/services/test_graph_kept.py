"""curriculum_graph keeps the graph it read in process memory under the curriculum's version: later reads cost no
query, and any write to a curriculum table (a reload, an admin edit, a new prerequisite) is seen by the next read.
Committed transactions (transaction=True): a read inside a transaction is never kept."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test.utils import override_settings

from planner.curriculum_version import curriculum_changed
from planner.models import Milestone
from planner.services.graph import curriculum_graph
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_kept_graph_costs_no_query_until_the_curriculum_changes(django_assert_num_queries):
    first = MilestoneFactory(slug="first")
    with django_assert_num_queries(1):
        assert set(curriculum_graph()) == {first.pk}
    with django_assert_num_queries(0):
        assert set(curriculum_graph()) == {first.pk}
    second = MilestoneFactory(slug="second", stage=first.stage)  # a model write replaces the version
    with django_assert_num_queries(1):
        graph = curriculum_graph()
    assert set(graph) == {first.pk, second.pk} and graph[second.pk].prerequisites == ()
    second.prerequisites.add(first)  # m2m_changed replaces it too
    assert curriculum_graph()[second.pk].prerequisites == (first.pk,)
    Milestone.objects.filter(pk=first.pk).update(title_en="Renamed")  # a bulk write: its caller reports it
    assert curriculum_graph()[first.pk].title_en != "Renamed"
    curriculum_changed()
    assert curriculum_graph()[first.pk].title_en == "Renamed"


def test_a_graph_read_inside_a_transaction_is_not_kept(django_assert_num_queries):
    MilestoneFactory(slug="first")
    with transaction.atomic():
        curriculum_graph()
        with django_assert_num_queries(1):
            curriculum_graph()
    curriculum_graph()
    with django_assert_num_queries(0):
        curriculum_graph()


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_a_cache_that_keeps_nothing_reads_the_graph_every_time(django_assert_num_queries):
    MilestoneFactory(slug="first")
    for _ in range(2):
        with django_assert_num_queries(1):
            curriculum_graph()
