from django.urls import path

from leaderboards.api import views

urlpatterns = [
    path("leaderboards/", views.BoardListApi.as_view(), name="api-leaderboard-list"),
    path("leaderboards/<slug:slug>/", views.BoardDetailApi.as_view(), name="api-leaderboard-detail"),
    path("leaderboards/<slug:slug>/entry/", views.EntryApi.as_view(), name="api-leaderboard-entry"),
    path("leaderboards/<slug:slug>/close/", views.BoardCloseApi.as_view(), name="api-leaderboard-close"),
    path(
        "leaderboards/<slug:slug>/cohorts/<int:cohort_id>/",
        views.CohortBoardDetailApi.as_view(),
        name="api-leaderboard-cohort-detail",
    ),
    path(
        "leaderboards/<slug:slug>/cohorts/<int:cohort_id>/close/",
        views.CohortBoardCloseApi.as_view(),
        name="api-leaderboard-cohort-close",
    ),
]
