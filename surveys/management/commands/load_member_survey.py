from django.core.management.base import BaseCommand

from surveys.member_survey import load_member_survey


class Command(BaseCommand):
    help = "Create the Collective's member survey (once; later edits in the admin are kept)."

    def add_arguments(self, parser):
        parser.add_argument("--publish", action="store_true", help="Publish it at once.")

    def handle(self, *args, publish=False, **options):
        survey, created = load_member_survey(publish=publish)
        if created:
            self.stdout.write(f"Created “{survey}” ({survey.get_status_display().lower()}).")
        else:
            self.stdout.write(f"“{survey}” already exists; left as it is.")
