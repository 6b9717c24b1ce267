"""Cohort data and accounts: deletion erases a person's cohort data; the new notification kinds read in both
languages and lead to the right page."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import MentorAssignment, Notification
from accounts.services.deletion import account_delete
from cohorts.models import Invitation, Membership, MentoringRequest, MentorOptIn
from cohorts.services import (
    cohort_create,
    cohort_join,
    invitation_create_link,
    mentor_tracks_set,
    mentoring_request_create,
    mentoring_request_take,
)
from planner.services import enrolment_create
from tests.factories import SubmissionFactory, UserFactory


def test_deleting_an_account_erases_its_memberships_requests_and_opt_ins(world, cohort, link):
    sam = UserFactory(username="sam")
    enrolment_create(user=sam, track=world.track)
    other = UserFactory(username="sol")
    enrolment_create(user=other, track=world.track)
    mentoring_request_create(user=sam, submission=SubmissionFactory(user=sam, exercise=world.code, status="failed"))
    cohort_join(user=other, code=link[1])
    mentor_tracks_set(user=world.users["mentor"], tracks=[world.track])
    account_delete(user=sam)
    assert not MentoringRequest.objects.filter(learner=sam).exists()
    account_delete(user=world.users["mentor"])
    assert not MentorOptIn.objects.filter(mentor=world.users["mentor"]).exists()
    assert list(cohort.mentors.all()) == []
    assert Membership.objects.filter(learner=other).exists()  # the member stays; staff give the cohort a mentor


def test_a_deleted_learner_leaves_their_cohorts(world, cohort, link, newcomer):
    cohort_join(user=newcomer, code=link[1])
    account_delete(user=newcomer)
    assert not Membership.objects.filter(learner=newcomer).exists()
    # The mentor link stays, as accounts' deletion keeps it: the mentor still reads reviewed work ("deleted learner").
    assert MentorAssignment.objects.filter(mentor=world.users["mentor"], learner=newcomer).exists()


@pytest.mark.parametrize(
    ("lang", "joined", "taken", "ended"),
    [
        (
            "en",
            "<p>nina joined your cohort Spring NLP.</p>",
            "<p>omar took your mentoring request: they are your mentor for NLP engineer now.</p>",
            "<p>nina ended the mentoring for NLP engineer.</p>",
        ),
        (
            "zh-hans",
            "<p>nina 加入了你的学习小组 Spring NLP。</p>",
            "<p>omar 接受了你的指导请求：现在是你在 NLP 工程师 的导师。</p>",
            "<p>nina 结束了 NLP 工程师 的指导。</p>",
        ),
    ],
)
def test_the_new_notifications_read_in_both_languages_and_open_the_right_page(
    world, cohort, link, newcomer, client, lang, joined, taken, ended
):
    from cohorts.services import mentorship_end

    cohort_join(user=newcomer, code=link[1])
    mentor = world.users["mentor"]
    client.cookies["django_language"] = lang
    client.force_login(mentor)
    html = client.get(reverse("notifications")).content.decode()
    assert joined in html
    assert f'name="next" value="{reverse("cohort-detail", args=[cohort.pk])}"' in html

    omar = world.users["other_mentor"]
    mentor_tracks_set(user=omar, tracks=[world.track])
    submission = SubmissionFactory(user=newcomer, exercise=world.code, status="failed")
    # nina has a cohort mentor for the track now; her request is made as if before she joined.
    request = MentoringRequest.objects.create(learner=newcomer, track=world.track, submission=submission)
    mentorship = mentoring_request_take(user=omar, request=request)
    client.force_login(newcomer)
    html = client.get(reverse("notifications")).content.decode()
    assert taken in html
    assert f'name="next" value="{reverse("submission-detail", args=[submission.pk])}"' in html
    mentorship_end(user=newcomer, mentorship=mentorship)
    client.force_login(omar)
    html = client.get(reverse("notifications")).content.decode()
    assert ended in html
    assert Notification.objects.filter(user=omar, kind="mentorship_ended").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_joins_never_pass_the_seat_limit(world):
    """Eight learners join a two-seat link at once, each in its own connection: exactly two get in."""
    cohort = cohort_create(user=world.users["mentor"], name="Race", track=world.track)
    invitation, code = invitation_create_link(user=world.users["mentor"], cohort=cohort, seats=2)
    learners = [UserFactory(username=f"racer{n}") for n in range(8)]
    barrier = threading.Barrier(len(learners))
    outcomes: list[str] = []

    def join(user):
        try:
            barrier.wait()
            cohort_join(user=user, code=code)
            outcomes.append("in")
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=join, args=(user,)) for user in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ValidationError"] * 6 + ["in"] * 2
    assert Membership.objects.filter(cohort=cohort).count() == 2
    assert Invitation.objects.get(pk=invitation.pk).used == 2
