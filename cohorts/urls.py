from django.urls import path

from cohorts.views import cohorts, invitations, mentoring

urlpatterns = [
    path("cohorts/", cohorts.cohort_list, name="cohort-list"),
    path("cohorts/new/", cohorts.cohort_new, name="cohort-create"),
    path("cohorts/<int:cohort_id>/", cohorts.cohort_detail, name="cohort-detail"),
    path("cohorts/<int:cohort_id>/edit/", cohorts.cohort_edit, name="cohort-edit"),
    path("cohorts/<int:cohort_id>/delete/", cohorts.cohort_remove, name="cohort-delete"),
    path("cohorts/<int:cohort_id>/export.csv", cohorts.cohort_export, name="cohort-export"),
    path("cohorts/<int:cohort_id>/invitations/", invitations.invitations, name="cohort-invitations"),
    path(
        "cohorts/<int:cohort_id>/invitations/<int:invitation_id>/revoke/",
        invitations.invitation_revoke_page,
        name="cohort-invitation-revoke",
    ),
    path(
        "cohorts/<int:cohort_id>/members/<int:learner_id>/remove/",
        cohorts.member_remove,
        name="cohort-member-remove",
    ),
    path("join/", invitations.join_code, name="cohort-join-code"),
    path("join/<str:code>/", invitations.join, name="cohort-join"),
    path("mentoring/", mentoring.mentoring_home, name="mentoring-requests"),
    path("mentoring/tracks/", mentoring.mentor_tracks, name="mentor-tracks"),
    path("mentoring/submissions/<int:submission_id>/", mentoring.request_panel, name="mentoring-request-panel"),
    path("mentoring/requests/<int:request_id>/take/", mentoring.request_take, name="mentoring-request-take"),
    path("mentoring/requests/<int:request_id>/cancel/", mentoring.request_cancel, name="mentoring-request-cancel"),
    path("mentoring/mentorships/<int:mentorship_id>/end/", mentoring.mentorship_end_page, name="mentorship-end"),
]
