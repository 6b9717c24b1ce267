"""Weekly digest for 10,000 learners: preparing every mail (rendering in each reader's language from their
progress, plan and reviews) and delivering them, with the queries each takes per person.

    .venv/bin/python scripts/bench_digest.py [--learners 10000] [--reseed]

Learners are seeded as in bench_planner (random progress through their track), each with an address; one in a
hundred is also a mentor of a hundred others (their digest counts the reviews waiting). Delivery goes to Django's
in-memory mail backend: the figure is Pathwise's own cost per mail (lock, send call, record), not an SMTP
server's. A second run in the same week must prepare nothing (idempotence), and its cost is shown too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from scripts._bench import counted, django_start, use_database  # noqa: E402

use_database("pathwise_bench_digest")  # before bench_planner, whose own call then keeps this database
from scripts import bench_planner  # noqa: E402

MONDAY_9 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def seed(n_learners: int, rng: random.Random) -> None:
    from django.contrib.auth import get_user_model
    from django.db.models import Value
    from django.db.models.functions import Concat

    from accounts.models import EmailSent, MentorAssignment

    User = get_user_model()
    bench_planner.seed(n_learners, rng)
    learners = User.objects.filter(username__startswith=bench_planner.USERNAME_PREFIX)
    learners.update(email=Concat("username", Value("@example.org")))
    ids = list(learners.order_by("pk").values_list("pk", flat=True))
    mentors = ids[::100]
    MentorAssignment.objects.filter(mentor_id__in=mentors).delete()
    MentorAssignment.objects.bulk_create(
        [
            MentorAssignment(mentor_id=mentor, learner_id=learner)
            for i, mentor in enumerate(mentors)
            for learner in ids[i * 100 : (i + 1) * 100]
            if learner != mentor
        ],
        batch_size=5000,
    )
    EmailSent.objects.all().delete()


def ensure_verified_addresses() -> None:
    """Mail goes only to verified addresses: every seeded learner has one."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    learners = get_user_model().objects.filter(username__startswith=bench_planner.USERNAME_PREFIX)
    missing = learners.exclude(emailaddress__verified=True).values_list("pk", "email")
    EmailAddress.objects.bulk_create(
        [EmailAddress(user_id=pk, email=email, verified=True, primary=True) for pk, email in missing],
        batch_size=5000,
        ignore_conflicts=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20261207)

    t0 = time.perf_counter()
    django_start()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.db import connection

    from accounts.models import EmailSent
    from accounts.services.email import digest_recipients, digests_prepare, email_deliver

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    User = get_user_model()
    seeded = User.objects.filter(username__startswith=bench_planner.USERNAME_PREFIX).exclude(email="").count()
    if args.reseed or seeded != args.learners:
        seed(args.learners, rng)
    ensure_verified_addresses()
    EmailSent.objects.all().delete()
    setup_s = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    recipients = digest_recipients().count()

    ids, prepare_s, prepare_q = counted(lambda: digests_prepare(now=MONDAY_9))
    again, again_s, again_q = counted(lambda: digests_prepare(now=MONDAY_9 + dt.timedelta(hours=1)))
    new_rows = len(set(again) - set(ids))

    def deliver_all() -> int:
        return sum(email_deliver(email_id=email_id) for email_id in ids)

    sent, deliver_s, deliver_q = counted(deliver_all)
    n = max(1, len(ids))
    print(
        f"\nSeed: {recipients:,} recipients ({args.learners:,} learners, one in 100 also mentors 100 others); "
        f"setup {setup_s:.1f} s; PostgreSQL db `{connection.settings_dict['NAME']}`.\n"
    )
    print("| step | mails | time | per person | queries | queries per person |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        f"| prepare (render each digest) | {len(ids):,} | {prepare_s:.1f} s | {prepare_s / n * 1000:.1f} ms "
        f"| {prepare_q:,} | {prepare_q / n:.3f} |"
    )
    print(
        f"| deliver (locmem backend) | {sent:,} | {deliver_s:.1f} s | {deliver_s / n * 1000:.2f} ms "
        f"| {deliver_q:,} | {deliver_q / n:.2f} |"
    )
    print(
        f"| second run, same week | {new_rows} new | {again_s:.1f} s | {again_s / n * 1000:.2f} ms "
        f"| {again_q:,} | {again_q / n:.3f} |"
    )
    print(
        f"\nOne digest per person per week: the second run prepared {new_rows} new mails and the outbox holds "
        f"{len(mail.outbox):,} for {recipients:,} recipients."
    )


if __name__ == "__main__":
    main()
