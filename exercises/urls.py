from django.urls import path

from exercises import views

urlpatterns = [
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise-detail"),
    path("exercises/<slug:slug>/submit/", views.exercise_submit, name="exercise-submit"),
    path("exercises/<slug:slug>/diff/", views.submission_diff, name="submission-diff"),
    path("submissions/<int:pk>/", views.submission_detail, name="submission-detail"),
    path("submissions/<int:pk>/status/", views.submission_status, name="submission-status"),
    path("submissions/<int:pk>/review/", views.submission_review, name="submission-review"),
    path("submissions/<int:pk>/request-review/", views.submission_review_request, name="submission-review-request"),
    path("submissions/<int:pk>/score/", views.submission_score, name="submission-score"),
]
