"""Accounts made before sign-up existed were made by staff: their addresses count as verified (or they could not sign
in once verification is mandatory). DRF's one-token-per-user keys become named per-client tokens, stored as digests;
the plaintext keys are removed."""

import hashlib

from django.db import migrations


def forwards(apps, schema_editor):
    User = apps.get_model("auth", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    ApiToken = apps.get_model("accounts", "ApiToken")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=u.pk, email=u.email.lower(), verified=True, primary=True)
            for u in User.objects.exclude(email="").exclude(pk__in=have)
        ],
        ignore_conflicts=True,
    )
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, user_id FROM authtoken_token")
        rows = cursor.fetchall()
        passwords = dict(User.objects.filter(pk__in=[r[1] for r in rows]).values_list("pk", "password"))
        ApiToken.objects.bulk_create(
            [
                ApiToken(
                    user_id=user_id,
                    name="API token",
                    prefix=key[:8],
                    digest=hashlib.sha256(key.encode()).hexdigest(),
                    password_stamp=hashlib.sha256(f"pathwise-token:{passwords[user_id]}".encode()).hexdigest(),
                )
                for key, user_id in rows
            ]
        )
        cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_profile_apitoken_emailsent"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
