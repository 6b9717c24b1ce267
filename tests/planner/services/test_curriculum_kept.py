"""What each process keeps of the curriculum under its version (planner.curriculum_version.curriculum_kept): the graph
and the track picker. Later reads cost no query, and any write to a curriculum table (a reload, an admin edit, a new
prerequisite) is seen by the next read. Committed transactions (transaction=True): a read inside a transaction is
never kept."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from planner.curriculum_version import curriculum_changed
from planner.models import Milestone
from planner.selectors import track_picker_tracks
from planner.services.graph import curriculum_graph
from tests.factories import EnrolmentFactory, MilestoneFactory, TrackFactory, TrackMilestoneFactory, UserFactory

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


def test_the_track_picker_is_kept_until_a_track_changes_and_speaks_the_readers_language(django_assert_num_queries):
    data = TrackFactory(slug="data", title=("Data", "数据"), order=1)
    TrackMilestoneFactory(track=data, required=True)
    assert [(t.slug, t.milestone_count) for t in track_picker_tracks()] == [("data", 1)]
    with django_assert_num_queries(0):
        kept = track_picker_tracks()
    with translation.override("zh-hans"):
        assert kept[0].title == "数据"
    TrackFactory(slug="nlp", title_en="NLP", order=2)
    assert [t.slug for t in track_picker_tracks()] == ["data", "nlp"]


def test_the_dashboards_picker_offers_new_tracks_at_once_and_never_the_learners_own():
    learner = UserFactory(username="ada")
    data = TrackFactory(slug="data", title_en="Data track")
    EnrolmentFactory(user=learner, track=data)
    TrackFactory(slug="nlp", title_en="NLP track")
    client = Client()
    client.force_login(learner)
    client.get("/")  # keeps the picker
    TrackFactory(slug="llm", title_en="LLM track")
    form = client.get("/").context["enrol_form"]
    assert sorted(t.slug for t in form.tracks) == ["llm", "nlp"]
    assert not form.fields["track"].queryset.filter(slug="data").exists()  # a POST cannot pick it either
