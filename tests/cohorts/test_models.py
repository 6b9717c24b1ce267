"""The cohorts app's models say what its migrations built: the fields and options Cohort and Invitation take from
their shared MentorMade base are the columns and options each was made with."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_cohorts_models_need_no_new_migration():
    call_command("makemigrations", "cohorts", "--check", "--dry-run", verbosity=0)
