from django.urls import path

from leaderboards import views

urlpatterns = [
    path("leaderboards/<slug:slug>/", views.board_page, name="leaderboard"),
    path("leaderboards/<slug:slug>/entry/", views.entry_page, name="leaderboard-entry"),
    path("leaderboards/<slug:slug>/close/", views.board_close_page, name="leaderboard-close"),
    path("leaderboards/<slug:slug>/cohorts/<int:cohort_id>/", views.board_page, name="leaderboard-cohort"),
    path(
        "leaderboards/<slug:slug>/cohorts/<int:cohort_id>/close/",
        views.board_close_page,
        name="leaderboard-cohort-close",
    ),
]
