"""The cohort pages in both languages: make a cohort, invite, join by link or code, the mentor's page, leave;
mentoring requests from the submission page to the queue."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import EmailSent
from accounts.services.email import email_deliver
from cohorts.models import Cohort, Invitation, Membership, MentoringRequest
from cohorts.services import cohort_join, mentor_tracks_set
from planner.services import enrolment_create
from tests.factories import SubmissionFactory, UserFactory


def html_of(response) -> str:
    return response.content.decode()


def test_a_mentor_makes_a_cohort_and_is_sent_to_invite_its_learners(world, as_role, today):
    client = as_role("mentor")
    response = client.post(
        reverse("cohort-create"),
        {"name": "Autumn NLP", "track": "nlp", "target_date": today.replace(year=today.year + 1).isoformat()},
    )
    cohort = Cohort.objects.get(name="Autumn NLP")
    assert response.status_code == 302 and response["Location"] == reverse("cohort-invitations", args=[cohort.pk])
    assert list(cohort.mentors.all()) == [world.users["mentor"]]


def test_the_new_cohort_form_says_what_is_wrong_in_chinese(world, as_role, today):
    client = as_role("mentor", lang="zh-hans")
    response = client.post(
        reverse("cohort-create"),
        {
            "name": "x",
            "track": "nlp",
            "start_date": today.isoformat(),
            "target_date": "2000-01-01",
            "mentors": "ghost",
        },
    )
    assert response.status_code == 400
    assert "以下用户名没有对应的账号：ghost。" in html_of(response)
    assert not Cohort.objects.exists()


def test_a_learner_cannot_open_the_new_cohort_page(world, as_role):
    assert as_role("learner").get(reverse("cohort-create")).status_code == 404


def test_a_join_link_is_shown_once_and_joins_after_a_click(world, cohort, as_role, newcomer, client):
    mentor = as_role("mentor")
    response = mentor.post(reverse("cohort-invitations", args=[cohort.pk]), {"kind": "link", "seats": "5", "days": "7"})
    assert response.status_code == 201
    url = re.search(r'id="new-join-url" value="([^"]+)"', html_of(response)).group(1)
    assert url.startswith("http://testserver/join/")
    again = html_of(mentor.get(reverse("cohort-invitations", args=[cohort.pk])))
    assert url not in again and 'id="new-join-url"' not in again
    client.force_login(newcomer)
    path = url.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200 and "Join the cohort" in html_of(page)
    assert not Membership.objects.filter(learner=newcomer).exists()  # a GET joins nobody
    joined = client.post(path)
    assert joined.status_code == 201
    assert "Finishing by then takes <strong>3.3 h a week</strong>; you planned 10 h a week." in html_of(joined)
    assert Membership.objects.filter(cohort=cohort, learner=newcomer).exists()


def test_the_join_page_speaks_chinese(cohort, link, newcomer, client):
    client.cookies["django_language"] = "zh-hans"
    client.force_login(newcomer)
    assert "加入学习小组" in html_of(client.get(reverse("cohort-join", args=[link[1]])))
    html = html_of(client.post(reverse("cohort-join", args=[link[1]])))
    assert "按期完成需要<strong>每周 3.3 小时</strong>；你计划的是每周 10 小时。" in html


def test_a_typed_code_leads_to_the_join_page(link, newcomer, client):
    client.force_login(newcomer)
    response = client.get(reverse("cohort-join-code"), {"code": f"  {link[1]} "})
    assert response.status_code == 302 and response["Location"] == reverse("cohort-join", args=[link[1]])


@pytest.mark.parametrize(("state", "status"), [("unknown", 404), ("revoked", 410), ("full", 410)])
def test_a_dead_invitation_says_why_with_a_4xx(cohort, link, newcomer, client, state, status):
    from django.utils import timezone

    code = link[1]
    if state == "unknown":
        code = "A" * 22
    elif state == "revoked":
        Invitation.objects.filter(pk=link[0].pk).update(revoked_at=timezone.now())
    else:
        Invitation.objects.filter(pk=link[0].pk).update(used=3)
    client.force_login(newcomer)
    for response in (client.get(reverse("cohort-join", args=[code])), client.post(reverse("cohort-join", args=[code]))):
        assert response.status_code == status
        assert 'role="alert"' in html_of(response)
    assert not Membership.objects.filter(learner=newcomer).exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_and_comes_back(link, client):
    path = reverse("cohort-join", args=[link[1]])
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == f"{reverse('login')}?next={path}"


def test_email_invitations_go_out_through_the_mail_path_in_the_readers_language(world, cohort, as_role):
    from accounts.models import Profile

    Profile.objects.update_or_create(user=world.users["other_learner"], defaults={"language": "zh-hans"})
    response = as_role("mentor").post(
        reverse("cohort-invitations", args=[cohort.pk]),
        {"kind": "email", "emails": "otto@example.org, new.person@example.org\nlena@example.org", "days": "10"},
    )
    assert response.status_code == 302
    rows = {row.to: row for row in EmailSent.objects.filter(kind="invitation")}
    assert set(rows) == {"otto@example.org", "new.person@example.org", "lena@example.org"}
    assert rows["otto@example.org"].user == world.users["other_learner"]
    assert rows["otto@example.org"].subject == "[Pathwise] 你受邀加入 Spring NLP"
    assert rows["new.person@example.org"].user is None
    assert rows["new.person@example.org"].subject == "[Pathwise] You are invited to Spring NLP"
    assert Invitation.objects.filter(cohort=cohort, kind="email", seats=1).count() == 3
    mail.outbox = []
    assert email_deliver(email_id=rows["new.person@example.org"].pk)
    body = mail.outbox[0].body
    code = re.search(r"/join/([A-Za-z0-9_-]{22})/", body).group(1)
    assert "mira invites you to the cohort Spring NLP on Pathwise (NLP engineer)." in body
    newcomer = UserFactory(username="newperson", email="new.person@example.org")
    cohort_join(user=newcomer, code=code)
    assert Membership.objects.filter(cohort=cohort, learner=newcomer).exists()


def test_addresses_that_are_not_addresses_are_a_400_naming_them(world, cohort, as_role):
    response = as_role("mentor").post(
        reverse("cohort-invitations", args=[cohort.pk]), {"kind": "email", "emails": "ok@example.org not-an-address"}
    )
    assert response.status_code == 400
    assert "These are not email addresses: not-an-address." in html_of(response)
    assert not Invitation.objects.exists()


def test_the_cohort_page_in_both_languages(world, cohort, link, as_role):
    cohort_join(user=world.users["learner"], code=link[1])
    english = html_of(as_role("mentor").get(reverse("cohort-detail", args=[cohort.pk])))
    assert '<h2 id="heatmap-h">Progress by stage</h2>' in english
    assert '<tr data-learner="lena">' in english
    # the inactivity field offers what the page and the API accept (cohorts.progress.MAX_INACTIVE_DAYS)
    assert 'id="inactive-days" min="1" max="365" value="7">' in english
    chinese = html_of(as_role("mentor", lang="zh-hans").get(reverse("cohort-detail", args=[cohort.pk])))
    assert '<h2 id="heatmap-h">各阶段进度</h2>' in chinese
    assert ">基础</a></th>" in chinese  # the stage's own Chinese title


@pytest.mark.parametrize(
    ("lang", "no_invitation", "no_waiting", "no_request", "no_cohort"),
    [
        (
            "en",
            "No invitations yet.",
            "Nothing waits for a review.",
            "No request is waiting in your tracks.",
            "You run no cohort yet. Make one, then invite its learners by email or with a join link.",
        ),
        (
            "zh-hans",
            "还没有邀请。",
            "没有等待评审的提交。",
            "你的路线中没有等待中的请求。",
            "你还没有学习小组。创建一个，然后通过电子邮件或加入链接邀请学员。",
        ),
    ],
    ids=["en", "zh-hans"],
)
def test_an_empty_table_on_a_cohort_page_is_one_line_saying_so(
    world, cohort, as_role, lang, no_invitation, no_waiting, no_request, no_cohort
):
    """mira's new cohort has no invitation and nothing to review; no request waits in her track; omar runs none."""
    mentor_tracks_set(user=world.users["mentor"], tracks=[world.track])
    mira, omar = as_role("mentor", lang=lang), as_role("other_mentor", lang=lang)
    shown = {
        no_invitation: html_of(mira.get(reverse("cohort-invitations", args=[cohort.pk]))),
        no_waiting: html_of(mira.get(reverse("cohort-detail", args=[cohort.pk]))),
        no_request: html_of(mira.get(reverse("mentoring-requests"))),
        no_cohort: html_of(omar.get(reverse("cohort-list"))),
    }
    for line, html in shown.items():
        assert f'<p class="muted">{line}</p>' in html
    assert 'class="invitations"' not in shown[no_invitation] and 'class="cohorts"' not in shown[no_cohort]
    assert 'class="queue"' not in shown[no_waiting] and 'class="queue"' not in shown[no_request]


def test_a_cohort_is_a_404_to_everyone_but_its_mentors_and_staff(world, cohort, link, as_role):
    cohort_join(user=world.users["learner"], code=link[1])
    url = reverse("cohort-detail", args=[cohort.pk])
    statuses = {role: as_role(role).get(url).status_code for role in ("learner", "other_learner", "other_mentor")}
    assert statuses == {"learner": 404, "other_learner": 404, "other_mentor": 404}
    assert as_role("admin").get(url).status_code == 200


def test_a_learner_leaves_and_the_cohorts_mentors_stop_mentoring_them(world, cohort, link, newcomer, client):
    from accounts.models import MentorAssignment

    cohort_join(user=newcomer, code=link[1])
    client.force_login(newcomer)
    response = client.post(reverse("cohort-member-remove", args=[cohort.pk, newcomer.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(learner=newcomer).exists()
    assert not MentorAssignment.objects.filter(learner=newcomer).exists()


def test_mentoring_request_panel_asks_and_the_queue_shows_it(world, as_role, client):
    sam = UserFactory(username="sam")
    enrolment_create(user=sam, track=world.track)
    submission = SubmissionFactory(user=sam, exercise=world.code, status="failed")
    client.force_login(sam)
    panel = html_of(client.get(reverse("mentoring-request-panel", args=[submission.pk])))
    assert "Ask for a mentor" in panel
    response = client.post(reverse("mentoring-request-panel", args=[submission.pk]), {"message": "Stuck on -1"})
    assert response.status_code == 302 and response["Location"] == reverse("submission-detail", args=[submission.pk])
    assert MentoringRequest.objects.get(learner=sam).message == "Stuck on -1"
    assert "is waiting in the mentors" in html_of(client.get(reverse("mentoring-request-panel", args=[submission.pk])))
    mentor_tracks_set(user=world.users["other_mentor"], tracks=[world.track])
    omar = as_role("other_mentor", lang="zh-hans")
    queue = html_of(omar.get(reverse("mentoring-requests")))
    assert "等待导师的请求" in queue and "Stuck on -1" in queue
    taken = omar.post(reverse("mentoring-request-take", args=[MentoringRequest.objects.get(learner=sam).pk]))
    assert taken.status_code == 302 and taken["Location"] == reverse("submission-detail", args=[submission.pk])
    assert omar.get(taken["Location"]).status_code == 200  # omar now sees sam's work


def test_a_track_with_a_nul_byte_is_a_400_not_a_server_error(world, as_role):
    mentor = as_role("mentor")
    response = mentor.post(reverse("cohort-create"), {"name": "X", "track": "nl\x00p"})
    assert response.status_code == 400
    assert "Select a valid choice." in html_of(response)
    response = mentor.post(reverse("mentor-tracks"), {"tracks": ["nlp", "nl\x00p"]})
    assert response.status_code == 400
    assert "Select a valid choice. nl\\0p is not one of the available choices." in html_of(response)
