"""Demo users for `make run`: a learner, a mentor assigned to them, and an admin (verified addresses).

Idempotent: existing users keep their data; passwords are (re)set to the printed ones only when created,
unless --reset-passwords is given.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.services import mentor_assign
from accounts.services.profiles import profile_create

DEMO_USERS = {
    "learner": {"password": "learn-nlp-2026", "is_staff": False, "is_superuser": False},
    "mentor": {"password": "mentor-nlp-2026", "is_staff": False, "is_superuser": False},
    "admin": {"password": "admin-nlp-2026", "is_staff": True, "is_superuser": True},
}


class Command(BaseCommand):
    help = "Create the demo learner, mentor (assigned to the learner) and admin, and print their logins."

    def add_arguments(self, parser):
        parser.add_argument("--reset-passwords", action="store_true", help="Set the demo passwords again.")

    @transaction.atomic
    def handle(self, *args, reset_passwords: bool = False, **options):
        User = get_user_model()
        users = {}
        for username, spec in DEMO_USERS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "is_staff": spec["is_staff"],
                    "is_superuser": spec["is_superuser"],
                    "email": f"{username}@pathwise.local",
                },
            )
            if created or reset_passwords:
                user.set_password(spec["password"])
                user.save()
            # Demo addresses count as verified, so the demo logins work when verification is mandatory too.
            EmailAddress.objects.get_or_create(
                user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
            )
            profile_create(user=user)
            users[username] = user
        mentor_assign(mentor=users["mentor"], learner=users["learner"])
        self.stdout.write("Demo logins (username / password):")
        for username, spec in DEMO_USERS.items():
            self.stdout.write(f"  {username:8} / {spec['password']}")
