import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from collective import demo
from collective.lib import emails
from collective.lib.apps import portal_apps


class Command(BaseCommand):
    help = "Fill the portal with realistic demo content and demo accounts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never on a live site)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            # Demo accounts have a published password: never create them on a live site by mistake.
            raise CommandError("DEBUG is off: refusing to create demo accounts (use --force).")
        for config in portal_apps():
            module_name = f"{config.name}.demo"
            if importlib.util.find_spec(module_name) is None:
                continue
            with transaction.atomic(), emails.suppressed():
                importlib.import_module(module_name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(demo.how_to_log_in())
