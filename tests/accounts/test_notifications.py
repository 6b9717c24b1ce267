"""Notifications are a kind, params and targets, rendered per kind in the reader's language, listed a page at a
time with an unread filter (API and page)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from accounts.models import Notification
from accounts.notifications import notification_show
from accounts.selectors import notification_list
from accounts.services import notification_create, notifications_mark_read


def test_a_notification_renders_per_kind_in_the_readers_language_with_links_from_its_targets(world):
    learner = world.users["learner"]
    note = notification_create(user=learner, kind=Notification.Kind.SUBMISSION_GRADED, submission=world.submission)
    shown = notification_show(note)
    assert (shown.heading, shown.text, shown.body) == (
        "Submission graded",
        "Add one: attempt 1 failed.",
        "Add one: attempt 1 failed.",
    )
    assert (shown.page_url, shown.api_url) == (
        f"/submissions/{world.submission.pk}/",
        f"/api/v1/submissions/{world.submission.pk}/",
    )
    with translation.override("zh-hans"):
        assert notification_show(note).text == "加一：第 1 次尝试未通过。"


def test_titles_are_not_escaped_in_the_text_and_are_escaped_once_on_the_page(world, as_role):
    world.a.title_en = "Q&A <basics>"
    world.a.save()
    note = notification_create(user=world.users["learner"], kind=Notification.Kind.MILESTONE_DONE, milestone=world.a)
    assert notification_show(note).text == "Milestone done: Q&A <basics>"
    html = as_role("learner").get(reverse("notifications")).content.decode()
    assert "<p>Q&amp;A &lt;basics&gt; is complete.</p>" in html


def test_deleting_the_target_deletes_its_notifications(world):
    learner = world.users["learner"]
    notification_create(user=learner, kind=Notification.Kind.SUBMISSION_GRADED, submission=world.submission)
    world.submission.delete()
    assert not Notification.objects.filter(user=learner, kind=Notification.Kind.SUBMISSION_GRADED).exists()


def _many(world, n: int) -> list[Notification]:
    learner = world.users["learner"]
    return [
        notification_create(user=learner, kind=Notification.Kind.SUBMISSION_GRADED, submission=world.submission)
        for _ in range(n)
    ]


def test_the_api_lists_a_page_at_a_time_and_filters_unread(world, client_for):
    learner = world.users["learner"]
    notes = _many(world, 3)
    notifications_mark_read(user=learner, ids=[notes[0].pk])
    client = client_for(learner)
    body = client.get("/api/v1/notifications/?page_size=2").json()
    total = Notification.objects.filter(user=learner).count()
    assert (body["count"], len(body["results"]), body["next"] is not None) == (total, 2, True)
    first = body["results"][0]
    assert first == {
        "id": notes[2].pk,
        "kind": "submission_graded",
        "heading": "Submission graded",
        "message": "Add one: attempt 1 failed.",
        "url": f"/api/v1/submissions/{world.submission.pk}/",
        "page_url": f"/submissions/{world.submission.pk}/",
        "params": {},
        "milestone": None,
        "track": None,
        "submission": world.submission.pk,
        "created_at": first["created_at"],
        "read_at": None,
    }
    unread = client.get("/api/v1/notifications/?unread=true").json()
    assert unread["count"] == total - 1 and notes[0].pk not in [r["id"] for r in unread["results"]]
    read = client.get("/api/v1/notifications/?unread=false").json()
    assert [r["id"] for r in read["results"]] == [notes[0].pk]


def test_an_unknown_unread_value_is_a_400_that_says_so(world, client_for):
    response = client_for(world.users["learner"]).get("/api/v1/notifications/?unread=maybe")
    assert (response.status_code, response.json()) == (
        400,
        {"unread": ["Select a valid choice. maybe is not one of the available choices."]},
    )


def test_the_page_lists_twenty_at_a_time_and_filters_unread(world, as_role):
    learner = world.users["learner"]
    notes = _many(world, 25)
    notifications_mark_read(user=learner, ids=[notes[-1].pk])
    client = as_role("learner")
    total = Notification.objects.filter(user=learner).count()
    first = client.get(reverse("notifications")).content.decode()
    assert first.count('<li class="notification') == 20
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get(reverse("notifications") + "?page=2").content.decode()
    assert second.count('<li class="notification') == total - 20
    unread = client.get(reverse("notifications") + "?unread=1").content.decode()
    assert f'name="id" value="{notes[-1].pk}"' not in unread
    assert f'name="id" value="{notes[-2].pk}"' in unread
    assert list(notification_list(user=learner, unread=True)) == list(
        Notification.objects.filter(user=learner, read_at__isnull=True)
    )
