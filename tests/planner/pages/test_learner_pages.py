"""The learner's pages: dashboard (roadmap graph, progress, next steps), enrolment, self-assessment, plan and
milestone pages, with the states they show and the changes their forms make."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from planner.models import Enrolment, Plan, Progress
from tests.factories import UserFactory


def test_dashboard_draws_the_roadmap_as_an_svg_of_linked_nodes_coloured_by_state(world, as_role):
    html = as_role("learner").get(reverse("dashboard")).content.decode()
    svg = re.search(r"<svg[^>]*class=\"roadmap-svg\".*?</svg>", html, re.S).group(0)
    assert '<title id="roadmap-title">Roadmap: 3 milestones in 2 stages</title>' in svg
    nodes = re.findall(r'<a href="([^"]+)" class="node state-(\w+)" data-slug="(\w+)"><title>([^<]+)</title>', svg)
    assert nodes == [
        ("/milestones/a/", "available", "a", "Alpha basics: Available · 4.0 h"),
        ("/milestones/b/", "locked", "b", "Beta graded: Locked · 6.0 h"),
        ("/milestones/m/", "locked", "m", "Mentor checked: Locked · 3.0 h"),
    ]
    assert svg.count('marker-end="url(#arrow)"') == 2  # a -> b, a -> m
    assert 'data-from="a" data-to="b"/>' in svg and 'data-from="a" data-to="m"/>' in svg
    assert "Stage 1" in svg and "Basics" in svg and "Advanced" in svg


def test_dashboard_shows_track_and_stage_progress_hours_left_and_finish(world, as_role):
    Progress.objects.filter(user=world.users["learner"], milestone=world.a).update(state="done")
    response = as_role("learner").get(reverse("dashboard"))
    html = response.content.decode()
    assert response.context["summary"]["percent_done"] == 30.8  # 4 of 13 hours
    assert '<p class="big">30.8%</p>' in html
    assert '<p class="big" id="hours-left">9 h</p>' in html
    finish = response.context["summary"]["projected_finish"]
    assert f'<p class="big" id="projected-finish">{finish:%Y-%m-%d}</p>' in html
    bar = '<div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{0}" aria-label="{1}">'
    assert bar.format(30.8, "Track progress") + '<span style="width: 30.8%"></span></div>' in html
    assert bar.format(100.0, "Basics") + '<span style="width: 100.0%"></span></div>' in html
    assert "1 of 3 milestones done or skipped" in html


def test_dashboard_lists_the_next_available_milestones(world, as_role):
    client = as_role("learner")
    client.post(reverse("milestone-state", args=["a"]), {"state": "skipped"})
    next_up = client.get(reverse("dashboard")).context["next_up"]
    assert [m["slug"] for m in next_up] == ["b", "m"]


def test_a_new_user_sees_the_enrol_form_and_enrolling_creates_the_enrolment_and_plan(world, db):
    from django.test import Client

    user = UserFactory(username="newbie")
    client = Client()
    client.force_login(user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Choose your track" in html
    assert '<label for="id_track">Track</label>' in html
    response = client.post(reverse("enrol"), {"track": world.track.pk, "hours_per_week": "6", "target_date": ""})
    assert response.status_code == 302
    assert response["Location"] == "/self-assessment/?track=nlp"
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.hours_per_week == 6
    assert Plan.objects.filter(enrolment=enrolment).exists()
    assert set(Progress.objects.filter(user=user).values_list("milestone__slug", "state")) == {
        ("a", "available"),
        ("b", "locked"),
        ("m", "locked"),
    }


def test_enrolling_twice_in_a_track_is_refused_by_the_form(world, as_role):
    response = as_role("learner").post(reverse("enrol"), {"track": world.track.pk, "hours_per_week": "6"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()


def test_self_assessment_groups_milestones_by_stage_and_skips_what_is_ticked(world, as_role):
    client = as_role("learner")
    html = client.get(reverse("self-assessment")).content.decode()
    assert "<legend>Stage 1: Basics</legend>" in html
    assert '<input type="checkbox" name="known" value="a" id="known-a"' in html
    assert '<label for="known-a">Alpha basics' in html
    response = client.post(reverse("self-assessment"), {"known": ["a"]})
    assert response.status_code == 302
    states = dict(Progress.objects.filter(user=world.users["learner"]).values_list("milestone__slug", "state"))
    assert states == {"a": "skipped", "b": "available", "m": "available"}
    # Unticking brings it back.
    client.post(reverse("self-assessment"), {})
    states = dict(Progress.objects.filter(user=world.users["learner"]).values_list("milestone__slug", "state"))
    assert states == {"a": "available", "b": "locked", "m": "locked"}


def test_plan_page_lists_weeks_and_regenerates_with_new_hours(world, as_role):
    client = as_role("learner")
    response = client.get(reverse("plan"))
    html = response.content.decode()
    assert "On track: 13 h left at 5 h/week" in html
    assert "3 weeks" in html
    assert '<a href="/milestones/a/">Alpha basics</a> <span class="muted">4 h</span>' in html
    response = client.post(reverse("plan"), {"track": "nlp", "hours_per_week": "13", "target_date": ""})
    assert response.status_code == 302
    plan = Plan.objects.get(enrolment__user=world.users["learner"])
    assert plan.hours_per_week == 13
    assert len(plan.weeks) == 1


def test_plan_page_says_when_the_target_cannot_be_met_and_what_would_meet_it(world, as_role):
    client = as_role("learner")
    target = timezone.localdate() + dt.timedelta(days=13)  # two whole weeks: 13 h needs 6.5 h/week
    client.post(reverse("plan"), {"track": "nlp", "hours_per_week": "2", "target_date": target.isoformat()})
    html = client.get(reverse("plan")).content.decode()
    assert f"The target date {target:%Y-%m-%d} cannot be met" in html
    assert "<strong>6.5 h/week</strong> would meet it." in html
    assert 'role="alert" id="plan-message"' in html


def test_plan_form_rejects_hours_out_of_range(world, as_role):
    response = as_role("learner").post(reverse("plan"), {"track": "nlp", "hours_per_week": "0"})
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()


def test_milestone_page_shows_summary_topics_resources_prerequisites_and_exercises(world, as_role):
    html = as_role("learner").get(reverse("milestone-detail", args=["a"])).content.decode()
    assert "<h1>Alpha basics</h1>" in html
    assert "<li>vectors</li>" in html
    assert "Linear Algebra Done Right</a>" in html and "— Sheldon Axler" in html
    assert '<a href="/milestones/b/">Beta graded</a>' in html  # unlocks
    html = as_role("learner").get(reverse("milestone-detail", args=["b"])).content.decode()
    assert '<a href="/milestones/a/">Alpha basics</a> <span class="badge available">Available</span>' in html
    assert '<a href="/exercises/add-one/">Add one</a>' in html
    assert '<span class="badge failed" data-exercise="add-one">Failed</span>' in html


def test_milestone_buttons_follow_the_completion_rule(world, as_role):
    client = as_role("learner")
    html = client.get(reverse("milestone-detail", args=["a"])).content.decode()
    assert ">Start</button>" in html and ">I have done this</button>" in html and ">Skip (I know this)</button>" in html
    client.post(reverse("milestone-state", args=["a"]), {"state": "done"})
    html = client.get(reverse("milestone-detail", args=["b"])).content.decode()
    assert ">Start</button>" in html
    assert ">I have done this</button>" not in html  # auto-graded: passing the exercise completes it


def test_milestone_actions_change_progress_and_report_refusals(world, as_role):
    client = as_role("learner")
    response = client.post(reverse("milestone-state", args=["b"]), {"state": "in_progress"}, follow=True)
    assert "This milestone is locked: finish or skip its prerequisites first." in response.content.decode()
    client.post(reverse("milestone-state", args=["a"]), {"state": "in_progress"})
    assert Progress.objects.get(user=world.users["learner"], milestone=world.a).state == "in_progress"
    response = client.post(reverse("milestone-state", args=["a"]), {"state": "done"}, follow=True)
    assert "Done: Alpha basics." in response.content.decode()
    assert Progress.objects.get(user=world.users["learner"], milestone=world.a).state == "done"
    assert Progress.objects.get(user=world.users["learner"], milestone=world.b).state == "available"


def test_learner_pages_show_only_their_own_progress(world, as_role):
    Progress.objects.filter(user=world.users["learner"], milestone=world.a).update(state="done")
    html = as_role("other_learner").get(reverse("milestone-detail", args=["a"])).content.decode()
    assert 'id="milestone-state" data-state="available"' in html


def test_plan_page_says_when_the_target_date_has_passed(world, as_role):
    enrolment = Enrolment.objects.get(user=world.users["learner"])
    Enrolment.objects.filter(pk=enrolment.pk).update(start_date=dt.date(2020, 1, 6), target_date=dt.date(2020, 3, 1))
    Plan.objects.filter(enrolment=enrolment).delete()
    html = as_role("learner").get(reverse("plan")).content.decode()
    assert "The target date 2020-03-01 has passed: 13 h are left. Set a new target date." in html


def test_a_mentor_milestone_says_how_it_completes_with_and_without_exercises(world, as_role):
    """Issue 11 bug 5: milestones without exercises promised a sign-off "once you have passed its exercises"."""
    from tests.factories import MilestoneFactory

    MilestoneFactory(slug="portfolio", completion="mentor", title_en="Portfolio")
    client = as_role("learner")
    html = client.get(reverse("milestone-detail", args=["portfolio"])).content.decode()
    assert (
        '<p class="muted" id="completion-hint">A mentor signs this milestone off: when you have done it, ask your'
        " mentor to review your work and sign it off.</p>"
    ) in html
    html = client.get(reverse("milestone-detail", args=["m"])).content.decode()  # m has quizzes; a is not done
    assert (
        '<p class="muted" id="completion-hint">A mentor signs this milestone off once you have passed its exercises.'
        " Its prerequisites come first: a locked milestone cannot be signed off.</p>"
    ) in html
    assert "Skip (I know this)" not in html  # a mentor's milestone is not skipped by the learner


def test_milestone_summary_keeps_its_maths_for_katex_in_both_languages(world, as_role):
    world.a.summary_en = "Factor it as $A = U \\Sigma V^\\top$, with **care**."
    world.a.summary_zh = "分解为 $A = U \\Sigma V^\\top$。"
    world.a.save()
    html = as_role("learner").get(reverse("milestone-detail", args=["a"])).content.decode()
    assert '<code class="math">A = U \\Sigma V^\\top</code>, with <strong>care</strong>.' in html
    assert "vendor/katex/katex.min.js" in html  # static/js/maths.js loads the vendored KaTeX, no CDN
    html = as_role("learner", lang="zh-hans").get(reverse("milestone-detail", args=["a"])).content.decode()
    assert '分解为 <code class="math">A = U \\Sigma V^\\top</code>。' in html
