"""Search ranks by relevance in either language (config.search): a title match before a summary or statement
match, whatever the curriculum order; the pages and the API share the selector."""

from __future__ import annotations

import pytest
from django.db import connection

from config.search import ranked_search
from planner.models import Milestone
from tests.factories import ExerciseFactory, MilestoneFactory, StageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def milestones():
    early, late = StageFactory(order=1), StageFactory(order=2)
    # Curriculum order puts the summary match first; relevance must not.
    body = MilestoneFactory(
        slug="data-wrangling",
        stage=early,
        title=("Data wrangling", "数据整理"),
        summary=("Clean tables before any attention model.", "在使用注意力模型之前先清洗表格。"),
    )
    title = MilestoneFactory(
        slug="self-attention",
        stage=late,
        title=("Self-attention", "自注意力机制"),
        summary=("Queries, keys and values.", "查询、键和值。"),
    )
    topic = MilestoneFactory(
        slug="rnn",
        stage=early,
        title=("Recurrent networks", "循环网络"),
        topics=(["attention over time"], ["随时间的注意力"]),
    )
    MilestoneFactory(slug="python-basics", stage=early, title=("Python basics", "Python 基础"))
    return body, title, topic


def _slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_milestone_search_puts_a_title_match_before_summary_and_topic_matches(milestones, client_for):
    client = client_for(UserFactory())
    assert _slugs(client.get("/api/v1/milestones/", {"search": "attention"})) == [
        "self-attention",
        "data-wrangling",
        "rnn",
    ]


def test_milestone_search_in_chinese_ranks_the_same_way(milestones, client_for):
    client = client_for(UserFactory())
    found = _slugs(client.get("/api/v1/milestones/", {"search": "注意力"}))
    assert found[:2] == ["self-attention", "data-wrangling"]
    assert "python-basics" not in found


def test_multi_word_search_matches_words_apart_on_postgresql(milestones, client_for):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's; SQLite matches the text as one piece")
    client = client_for(UserFactory())
    assert _slugs(client.get("/api/v1/milestones/", {"search": "clean attention"})) == ["data-wrangling"]


def test_exercise_search_puts_a_title_match_before_a_statement_match(client_for):
    stage = StageFactory(order=1)
    ExerciseFactory(
        slug="csv-loader",
        milestone__stage=stage,
        title=("Load a CSV", "读取 CSV"),
        statement=("Then softmax it.", "然后做 softmax 归一化。"),
    )
    ExerciseFactory(slug="softmax", milestone__stage=StageFactory(order=2), title=("Softmax", "Softmax 函数"))
    ExerciseFactory(slug="other", milestone__stage=stage, title=("Other", "其他"))
    client = client_for(UserFactory())
    assert _slugs(client.get("/api/v1/exercises/", {"search": "softmax"})) == ["softmax", "csv-loader"]
    assert _slugs(client.get("/api/v1/exercises/", {"search": "归一化"})) == ["csv-loader"]


def test_an_empty_search_leaves_the_list_and_its_order_alone(milestones):
    qs = Milestone.objects.order_by("stage__order", "order", "slug")
    assert list(ranked_search(qs, "   ", [("title_en", "A")])) == list(qs)
