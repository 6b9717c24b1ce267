"""The admin's lists read scores as percentages, rounded (issue 11 bug 15: 0.0909090909…)."""

from django.urls import reverse

from exercises.admin import percent
from exercises.models import Review
from tests.factories import SubmissionFactory


def test_a_score_reads_as_a_rounded_percentage():
    assert (percent(1 / 11), percent(1.0), percent(0.0), percent(None)) == ("9.1 %", "100.0 %", "0.0 %", None)


def test_the_submission_and_review_lists_show_percentages(admin_client, learner, mentor, softmax):
    submission = SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="failed", score=1 / 11)
    Review.objects.create(submission=submission, mentor=mentor, verdict="comment", body="x", score_override=2 / 3)
    submissions = admin_client.get(reverse("admin:exercises_submission_changelist")).content.decode()
    assert '<td class="field-score_percent">9.1 %</td>' in submissions and "0.0909" not in submissions
    reviews = admin_client.get(reverse("admin:exercises_review_changelist")).content.decode()
    assert '<td class="field-score_override_percent">66.7 %</td>' in reviews and "0.666" not in reviews


def test_the_exercise_list_filters_by_kind_stage_and_library(admin_client, softmax, quiz, bank_exercise):
    bank_exercise("pandas-clean")
    url = reverse("admin:exercises_exercise_changelist")
    page = admin_client.get(url).content.decode()
    assert "By library" in page and "?library=pandas" in page and "By stage" in page

    def listed(**query):
        response = admin_client.get(url, query)
        assert response.status_code == 200
        return sorted(e.slug for e in response.context["cl"].result_list)

    assert listed(library="pandas") == ["pandas-clean"]
    assert listed(kind="quiz") == ["quiz-cpu-vs-gpu"]
    assert listed(milestone__stage__id__exact=softmax.milestone.stage_id) == ["softmax"]
