"""Account deletion by its owner: personal data removed or anonymised; what other people's work refers to (a
mentor's review of a submission) is kept, attributed to a "deleted learner"."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from accounts.extensions import registry
from accounts.models import ApiToken, EmailSent, MentorAssignment, Notification, Profile


@transaction.atomic
def account_delete(*, user: AbstractBaseUser) -> None:
    """Each app erases its own data first (planner: enrolments, progress, plans; exercises: submissions nobody
    else's work refers to), then the person's row is anonymised and closed. The row itself stays, so kept
    submissions and the reviews on them keep their foreign keys."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    for erase in registry.personal_data_erasers:
        erase(user)
    ApiToken.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    EmailSent.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    # A mentor keeps the link to a deleted learner: the submissions they reviewed stay readable to them, under
    # "deleted learner". A deleted mentor mentors nobody.
    MentorAssignment.objects.filter(mentor=user).delete()
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    # A new (unusable) password changes the session hash: every session of this account ends on its next request.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    Profile.objects.update_or_create(
        user=user,
        defaults={
            "display_name": "",
            "language": "",
            "time_zone": "",
            "email_review_received": False,
            "email_submission_graded": False,
            "email_milestone_signed_off": False,
            "email_weekly_digest": False,
            "deleted_at": timezone.now(),
        },
    )
