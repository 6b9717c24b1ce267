"""The leaderboards' API (opt-in and out, close, list) and pages (both languages, the form, the phone layout)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from leaderboards.models import Closing, Entry
from leaderboards.services import NAME_TAKEN
from tests.leaderboards.conftest import graded
from tests.world import page_client

pytestmark = pytest.mark.django_db


def test_opt_in_rename_and_out_through_the_api(lb, client_for):
    url = reverse("api-leaderboard-entry", args=[lb.exercise.slug])
    api = client_for(lb.users["ada"])
    assert api.get(url).status_code == 404
    created = api.put(url, {"display_name": "Ada X"}, format="json")
    assert created.status_code == 200 and created.json()["display_name"] == "Ada X"
    assert api.put(url, {"display_name": "Ada Y"}, format="json").json()["display_name"] == "Ada Y"
    assert Entry.objects.get().display_name == "Ada Y"
    taken = client_for(lb.users["bo"]).put(url, {"display_name": "ada-y"}, format="json")
    assert taken.status_code == 400 and taken.json() == {"non_field_errors": [str(NAME_TAKEN)]}
    assert api.delete(url).status_code == 204
    assert api.delete(url).status_code == 404 and not Entry.objects.exists()


def test_the_list_and_a_cohort_close_through_the_api(lb, client_for):
    listed = client_for(lb.users["ada"]).get(reverse("api-leaderboard-list")).json()
    assert [(b["exercise"], b["cohort"], b["closed"]) for b in listed] == [
        ("tabular-classifier", None, False),
        ("tabular-classifier", lb.cohort.pk, False),
    ]
    url = reverse("api-leaderboard-cohort-close", args=[lb.exercise.slug, lb.cohort.pk])
    assert client_for(lb.users["ada"]).post(url).status_code == 403
    closed = client_for(lb.users["mentor"]).post(url)
    assert closed.status_code == 200
    assert closed.json()["board"]["closed_by"] == "mentor" and closed.json()["board"]["closed"] is True
    closing = Closing.objects.get()
    assert (closing.cohort, closing.closed_by) == (lb.cohort, lb.users["mentor"])


def test_the_exercise_page_links_its_leaderboard(lb):
    html = page_client(lb.users["ada"]).get(reverse("exercise-detail", args=[lb.exercise.slug])).content.decode()
    assert f'href="{reverse("leaderboard", args=[lb.exercise.slug])}" id="exercise-leaderboard">Leaderboard</a>' in html
    code = page_client(lb.users["ada"]).get(reverse("exercise-detail", args=[lb.code_exercise.slug])).content.decode()
    assert 'id="exercise-leaderboard"' not in code


def test_the_page_in_english_takes_part_and_shows_labelled_rows(lb):
    client = page_client(lb.users["ada"])
    response = client.post(reverse("leaderboard-entry", args=[lb.exercise.slug]), {"display_name": "Ada X"})
    assert response.status_code == 302 and response["Location"] == reverse("leaderboard", args=[lb.exercise.slug])
    graded(lb.users["ada"], lb.exercise, public=0.91, private=0.5)
    html = client.get(reverse("leaderboard", args=[lb.exercise.slug])).content.decode()
    assert "<h1>Leaderboard: Tabular classifier</h1>" in html
    # On a phone each row is a block of labelled lines (table.queue), so nothing scrolls sideways at 390 px.
    assert '<table class="queue leaderboard">' in html and '<td data-label="Name">Ada X</td>' in html
    assert '<td data-label="Public score">0.9100</td>' in html and "Private score" not in html
    assert "You take part as <strong>Ada X</strong>" in html
    assert 'href="/leaderboards/tabular-classifier/cohorts/' in html  # the cohort's board


def test_the_page_in_chinese_and_a_refused_name(lb):
    Entry.objects.create(user=lb.users["bo"], exercise=lb.exercise, display_name="Bo X", name_key="box")
    client = page_client(lb.users["ada"], "zh-hans")
    response = client.post(reverse("leaderboard-entry", args=[lb.exercise.slug]), {"display_name": "bo_x"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<h1>排行榜：表格分类器</h1>" in html
    assert "这个排行榜的另一位参赛者已使用这个显示名称或与之过于相似的名称。" in html
    assert ">参加</button>" in html and "所有人" in html


def test_closing_from_the_page_shows_the_private_ranking_in_chinese(lb):
    Entry.objects.create(user=lb.users["ada"], exercise=lb.exercise, display_name="Ada X", name_key="adax")
    graded(lb.users["ada"], lb.exercise, public=0.91, private=0.42)
    client = page_client(lb.users["mentor"], "zh-hans")
    url = reverse("leaderboard-cohort", args=[lb.exercise.slug, lb.cohort.pk])
    assert "关闭排行榜并公布私有排名" in client.get(url).content.decode()
    closed = client.post(reverse("leaderboard-cohort-close", args=[lb.exercise.slug, lb.cohort.pk]))
    assert closed.status_code == 302 and closed["Location"] == url
    html = client.get(url).content.decode()
    assert '<td data-label="私有分数">0.4200</td>' in html and '<td data-label="最终排名">1</td>' in html
    assert "关闭排行榜并公布私有排名" not in html
