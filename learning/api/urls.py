from django.urls import path

from learning.api import review_views, views

urlpatterns = [
    path("notes/", views.NoteCollectionApi.as_view(), name="api-note-list"),
    path("notes/<slug:slug>/", views.NoteItemApi.as_view(), name="api-note-detail"),
    path("review/", review_views.ReviewDueApi.as_view(), name="api-review-due"),
    path("review/<int:card_id>/", review_views.ReviewAnswerApi.as_view(), name="api-review-answer"),
]
