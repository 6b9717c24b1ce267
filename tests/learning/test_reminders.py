"""Behind-plan reminders: a learner behind their plan (the planner's measure, on their today) is reminded once per
track and ISO week however often the job runs, in the app and by mail; one on or ahead of plan, or who turned
reminders off, is not."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone, translation

from accounts.models import EmailSent, Notification
from accounts.notifications import notification_show
from accounts.services.email import notification_emails_prepare
from learning.models import ReminderSent, WeeklyGoal
from learning.services.reminders import behind_plan_list, reminders_send
from planner.services import enrolment_create, progress_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pia(world):
    """5 h a week planned, started four weeks ago, nothing done: 13 h behind (all that is left of the track)."""
    pia = UserFactory(username="pia", email="pia@example.org")
    enrolment_create(
        user=pia, track=world.track, hours_per_week=5, start_date=timezone.localdate() - dt.timedelta(days=28)
    )
    return pia


@pytest.fixture
def quinn(world):
    """1 h a week planned, started four weeks ago, did `a` (4 h): on plan."""
    quinn = UserFactory(username="quinn")
    enrolment_create(
        user=quinn, track=world.track, hours_per_week=1, start_date=timezone.localdate() - dt.timedelta(days=28)
    )
    progress_update(user=quinn, milestone=world.a, state="done")
    return quinn


def reminders(user) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind="behind_plan"))


def test_a_learner_behind_plan_is_reminded_once_a_week_however_often_the_job_runs(world, pia, quinn):
    assert [(b.user.username, b.track, b.behind_hours) for b in behind_plan_list()] == [("pia", "nlp", 13.0)]

    assert reminders_send() == 1
    assert reminders_send() == 0
    assert reminders_send() == 0

    (notification,) = reminders(pia)
    assert notification.track == world.track
    assert notification_show(notification).text == (
        "You are behind your plan for NLP engineer. You are 13.0 h behind the weekly hours you planned. "
        "Open your plan to catch up or change it."
    )
    with translation.override("zh-hans"):
        assert "NLP 工程师" in notification_show(notification).text
    (sent,) = ReminderSent.objects.filter(user=pia)
    assert (sent.condition, sent.week) == ("behind_plan:nlp", notification.params["week"])
    assert reminders(quinn) == []


def test_the_next_week_brings_the_next_reminder(world, pia):
    assert reminders_send() == 1
    assert reminders_send(now=timezone.now() + dt.timedelta(days=7)) == 1
    assert len({n.params["week"] for n in reminders(pia)}) == 2


def test_a_learner_who_turned_reminders_off_is_not_reminded(world, pia):
    WeeklyGoal.objects.create(user=pia, kind="hours", hours=5, reminders=False)
    assert reminders_send() == 0
    assert reminders(pia) == []


def test_learners_in_their_first_two_weeks_are_not_judged_on_pace(world):
    """lena and otto started today: the planner's grace, so nobody is behind."""
    assert behind_plan_list() == []


def test_the_reminder_is_mailed_to_those_who_take_the_weekly_digest(world, pia):
    EmailAddress.objects.filter(user=pia).update(verified=True)  # the factory made it
    reminders_send()
    notification_emails_prepare()
    (mail,) = EmailSent.objects.filter(user=pia, kind="notification")
    assert "13.0 h behind" in mail.body


def test_the_command_sends_them_by_hand(world, pia, capsys):
    call_command("send_reminders", "--dry-run")
    assert capsys.readouterr().out.startswith("pia\tnlp\t")
    call_command("send_reminders")
    call_command("send_reminders")
    assert capsys.readouterr().out == "1 reminder(s) sent.\n0 reminder(s) sent.\n"
    assert len(reminders(pia)) == 1
