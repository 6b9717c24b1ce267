from django.urls import path

from exercises.api import artefacts, regrade_views, views

urlpatterns = [
    path("exercises/", views.ExerciseListApi.as_view(), name="api-exercise-list"),
    path("exercises/<slug:slug>/", views.ExerciseDetailApi.as_view(), name="api-exercise-detail"),
    path("exercises/<slug:slug>/regrade/", regrade_views.ExerciseRegradeApi.as_view(), name="api-exercise-regrade"),
    path("submissions/", views.SubmissionListCreateApi.as_view(), name="api-submission-list"),
    path("submissions/<int:pk>/", views.SubmissionDetailApi.as_view(), name="api-submission-detail"),
    path("submissions/<int:pk>/regrade/", regrade_views.SubmissionRegradeApi.as_view(), name="api-submission-regrade"),
    path("submissions/<int:pk>/reviews/", views.ReviewCreateApi.as_view(), name="api-submission-review"),
    path(
        "submissions/<int:pk>/review-request/", views.ReviewRequestApi.as_view(), name="api-submission-review-request"
    ),
    path(
        "submissions/<int:pk>/rubric-scores/", artefacts.ArtefactScoreApi.as_view(), name="api-submission-rubric-scores"
    ),
    path("reviews/queue/", views.ReviewQueueApi.as_view(), name="api-review-queue"),
    path("sign-offs/", views.SignOffApi.as_view(), name="api-sign-off"),
    path("sign-offs/<int:learner>/<slug:milestone>/", views.SignOffWithdrawApi.as_view(), name="api-sign-off-withdraw"),
]
