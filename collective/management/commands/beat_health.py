import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from collective.beat import heartbeat_path


class Command(BaseCommand):
    help = (
        "Exit with an error unless Celery beat has ticked within the last --max-age seconds "
        "(the health check of the beat container)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-age",
            type=float,
            default=settings.BEAT_HEALTH_MAX_AGE,
            help="Seconds since the last tick after which beat counts as frozen.",
        )

    def handle(self, *args, max_age, **options):
        path = heartbeat_path()
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            raise CommandError(f"beat has not ticked yet (no {path})") from None
        if age > max_age:
            raise CommandError(f"beat is frozen: last tick {age:.0f} s ago (limit {max_age:.0f} s)")
        self.stdout.write(f"beat ok: last tick {age:.0f} s ago")
