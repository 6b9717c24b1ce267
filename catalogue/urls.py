from django.urls import path

from catalogue import views

urlpatterns = [
    path("milestones/", views.milestone_catalogue, name="milestone-catalogue"),
    path("exercises/", views.exercise_catalogue, name="exercise-catalogue"),
]
