from django.urls import path

from learning import views

urlpatterns = [
    path("notes/", views.note_list_page, name="notes"),
    path("milestones/<slug:slug>/note/", views.note_save_page, name="note-save"),
    path("review/", views.review_page, name="review"),
    path("rhythm/", views.rhythm_page, name="rhythm"),
    path("review/<int:card_id>/", views.review_answer_page, name="review-answer"),
]
