from django.forms.models import model_to_dict

from planner.admin import PREREQUISITE_CYCLE, MilestoneAdminForm
from planner.models import Progress
from planner.services import enrolment_create


def form_for(milestone, prerequisites):
    data = model_to_dict(milestone)
    data["prerequisites"] = [p.pk for p in prerequisites]
    return MilestoneAdminForm(data=data, instance=milestone)


def test_admin_refuses_a_prerequisite_that_would_make_a_cycle(small):
    form = form_for(small.a, [small.c])  # c needs b needs a
    assert not form.is_valid()
    assert form.errors["prerequisites"] == [PREREQUISITE_CYCLE.format(prereq="c", milestone="a")]
    assert not form_for(small.a, [small.a]).is_valid()


def test_admin_accepts_a_prerequisite_without_a_cycle(small):
    assert form_for(small.e, [small.c]).is_valid()


def test_admin_change_of_prerequisites_updates_learners_states(small, learner, admin_client):
    enrolment_create(user=learner, track=small.track)
    assert Progress.objects.get(user=learner, milestone=small.e).state == "available"
    admin = admin_client
    data = model_to_dict(small.e)
    data.update(
        {
            "prerequisites": [small.a.pk],
            "resources-TOTAL_FORMS": 0,
            "resources-INITIAL_FORMS": 0,
            "topics_en": "[]",
            "topics_zh": "[]",
            "stage": small.e.stage_id,
        }
    )
    response = admin.post(f"/admin/planner/milestone/{small.e.pk}/change/", data)
    assert response.status_code == 302, response.content[:2000]
    assert Progress.objects.get(user=learner, milestone=small.e).state == "locked"


def test_admin_pages_for_curriculum_models_load(small, learner, admin_client):
    enrolment_create(user=learner, track=small.track)
    for model in ("stage", "milestone", "track", "resource", "enrolment", "progress", "plan"):
        assert admin_client.get(f"/admin/planner/{model}/").status_code == 200, model
    assert admin_client.get(f"/admin/planner/milestone/{small.b.pk}/change/").status_code == 200
    assert admin_client.get(f"/admin/planner/track/{small.track.pk}/change/").status_code == 200
