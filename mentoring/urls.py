from django.urls import path

from mentoring import views

urlpatterns = [
    path("mentor/", views.mentor_home, name="mentor-home"),
    path("mentor/learners/<int:learner_id>/", views.mentor_learner, name="mentor-learner"),
    path("mentor/learners/<int:learner_id>/sign-off/<slug:slug>/", views.mentor_sign_off, name="mentor-sign-off"),
    path(
        "mentor/learners/<int:learner_id>/sign-off/<slug:slug>/withdraw/",
        views.mentor_sign_off_withdraw,
        name="mentor-sign-off-withdraw",
    ),
    path("mentor/reviews/", views.review_queue_page, name="review-queue"),
]
