from django.urls import path

from planner import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("enrol/", views.enrol, name="enrol"),
    path("self-assessment/", views.self_assessment, name="self-assessment"),
    path("plan/", views.plan, name="plan"),
    path("milestones/<slug:slug>/", views.milestone_detail, name="milestone-detail"),
    path("milestones/<slug:slug>/state/", views.milestone_state, name="milestone-state"),
    path("mentor/", views.mentor_home, name="mentor-home"),
    path("mentor/learners/<int:learner_id>/", views.mentor_learner, name="mentor-learner"),
    path("mentor/learners/<int:learner_id>/sign-off/<slug:slug>/", views.mentor_sign_off, name="mentor-sign-off"),
]
