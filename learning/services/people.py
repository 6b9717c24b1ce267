"""A person's learning records when they delete their account: all of it is theirs alone, so all of it goes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from learning.models import Note, ReminderSent, ReviewCard, WeeklyGoal


def learning_data_erase(user: AbstractBaseUser) -> None:
    Note.objects.filter(user=user).delete()
    ReviewCard.objects.filter(user=user).delete()  # its log goes with it (cascade)
    WeeklyGoal.objects.filter(user=user).delete()
    ReminderSent.objects.filter(user=user).delete()
