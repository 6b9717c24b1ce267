from django.urls import path

from planner import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("enrol/", views.enrol, name="enrol"),
    path("self-assessment/", views.self_assessment, name="self-assessment"),
    path("plan/", views.plan, name="plan"),
    path("milestones/<slug:slug>/", views.milestone_detail, name="milestone-detail"),
    path("milestones/<slug:slug>/state/", views.milestone_state, name="milestone-state"),
]
