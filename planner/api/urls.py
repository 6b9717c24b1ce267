from django.urls import path

from planner.api import views

urlpatterns = [
    path("stages/", views.StageListApi.as_view(), name="api-stage-list"),
    path("tracks/", views.TrackListApi.as_view(), name="api-track-list"),
    path("tracks/<slug:slug>/", views.TrackDetailApi.as_view(), name="api-track-detail"),
    path("milestones/", views.MilestoneListApi.as_view(), name="api-milestone-list"),
    path("milestones/<slug:slug>/", views.MilestoneDetailApi.as_view(), name="api-milestone-detail"),
    path("enrolments/", views.EnrolmentCollectionApi.as_view(), name="api-enrolment-list"),
    path("enrolments/<int:pk>/", views.EnrolmentItemApi.as_view(), name="api-enrolment-detail"),
    path("enrolments/<int:pk>/plan/", views.PlanApi.as_view(), name="api-plan"),
    path("self-assessment/", views.SelfAssessmentApplyApi.as_view(), name="api-self-assessment"),
    path("progress/", views.ProgressListApi.as_view(), name="api-progress-list"),
    path("progress/<slug:slug>/", views.ProgressItemApi.as_view(), name="api-progress-detail"),
    path("summary/", views.ProgressSummaryApi.as_view(), name="api-summary"),
]
