"""Every app's models say what its migrations built: a changed field, option or shared abstract base (cohorts'
MentorMade) that needs a migration nobody wrote fails here, not on a deployment's `migrate`."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_need_no_new_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
