from django.urls import path

from exercises.api import views

urlpatterns = [
    path("exercises/", views.ExerciseListApi.as_view(), name="api-exercise-list"),
    path("exercises/<slug:slug>/", views.ExerciseDetailApi.as_view(), name="api-exercise-detail"),
    path("submissions/", views.SubmissionListCreateApi.as_view(), name="api-submission-list"),
    path("submissions/<int:pk>/", views.SubmissionDetailApi.as_view(), name="api-submission-detail"),
    path("submissions/<int:pk>/reviews/", views.ReviewCreateApi.as_view(), name="api-submission-review"),
    path("reviews/queue/", views.ReviewQueueApi.as_view(), name="api-review-queue"),
    path("sign-offs/", views.SignOffApi.as_view(), name="api-sign-off"),
]
