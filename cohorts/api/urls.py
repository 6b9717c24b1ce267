from django.urls import path

from cohorts.api import mentoring_views, views

urlpatterns = [
    path("cohorts/", views.CohortCollectionApi.as_view(), name="api-cohort-list"),
    path("cohorts/join/", views.JoinApi.as_view(), name="api-cohort-join"),
    path("cohorts/memberships/", views.MembershipListApi.as_view(), name="api-cohort-memberships"),
    path("cohorts/<int:pk>/", views.CohortItemApi.as_view(), name="api-cohort-detail"),
    path("cohorts/<int:pk>/progress/", views.CohortProgressApi.as_view(), name="api-cohort-progress"),
    path("cohorts/<int:pk>/progress.csv", views.CohortExportApi.as_view(), name="api-cohort-export"),
    path("cohorts/<int:pk>/invitations/", views.InvitationCollectionApi.as_view(), name="api-cohort-invitations"),
    path(
        "cohorts/<int:pk>/invitations/<int:invitation_id>/",
        views.InvitationRevokeApi.as_view(),
        name="api-cohort-invitation-detail",
    ),
    path("cohorts/<int:pk>/members/<int:learner_id>/", views.MemberRemoveApi.as_view(), name="api-cohort-member"),
    path("mentoring/requests/", mentoring_views.RequestCollectionApi.as_view(), name="api-mentoring-requests"),
    path("mentoring/queue/", mentoring_views.RequestQueueApi.as_view(), name="api-mentoring-queue"),
    path("mentoring/requests/<int:pk>/", mentoring_views.RequestItemApi.as_view(), name="api-mentoring-request-detail"),
    path(
        "mentoring/requests/<int:pk>/take/",
        mentoring_views.RequestTakeApi.as_view(),
        name="api-mentoring-request-take",
    ),
    path("mentoring/mentorships/", mentoring_views.MentorshipListApi.as_view(), name="api-mentorships"),
    path("mentoring/mentorships/<int:pk>/", mentoring_views.MentorshipEndApi.as_view(), name="api-mentorship-detail"),
    path("mentoring/tracks/", mentoring_views.MentorTracksApi.as_view(), name="api-mentor-tracks"),
]
