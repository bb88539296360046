from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from projects.demo import seed_demo_projects
from teams.demo import DEMO_PASSWORD, seed_demo_center


class Command(BaseCommand):
    help = (
        "Create the demo center (5 groups × 4 recruiters, director, deputy director, admin), its pipeline of "
        "demo projects, months of contact logs and follow-ups, and this year's targets. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="allow running with JUNENG_ENV=production")

    def handle(self, *args, force: bool, **options):
        if settings.PRODUCTION and not force:
            raise CommandError("Refusing to create demo users in production (use --force if you mean it).")
        # Apps depend one way (teams ← crm ← projects ← activities ← dashboards; premises, chainmap above projects):
        # this command is the one place that orchestrates every app's demo, so it alone reaches up to the apps above
        # (local imports; no other module of projects may import them).
        from activities.demo import seed_demo_activity
        from aftercare.demo import seed_demo_aftercare
        from chainmap.demo import seed_demo_chainmap
        from dashboards.demo import seed_demo_targets
        from exports.demo import seed_demo_exports
        from fieldwork.demo import seed_demo_fieldwork
        from merging.demo import seed_demo_duplicate
        from premises.demo import seed_demo_premises
        from supervision.demo import seed_demo_supervision

        with translation.override(settings.LANGUAGE_CODE):
            logins = seed_demo_center()
            project_count = seed_demo_projects()
            log_count, follow_up_count = seed_demo_activity()
            target_count = seed_demo_targets()
            trip_count, reception_count = seed_demo_fieldwork()
            building_count = seed_demo_premises()
            request_count = seed_demo_aftercare()
            export_count = seed_demo_exports()
            target_company_count = seed_demo_chainmap()
            order_count = seed_demo_supervision()
            duplicate_count = seed_demo_duplicate()
        self.stdout.write(self.style.SUCCESS(f"Demo center ready: {len(logins)} logins, password: {DEMO_PASSWORD}"))
        self.stdout.write("(Passwords are set only when a user is created; a changed one stays changed.)")
        for username, display_name, role, team in logins:
            self.stdout.write(f"  {username:<12} {display_name:<4}  {role}  {team}")
        self.stdout.write(self.style.SUCCESS(f"Demo projects: {project_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo contact logs: {log_count}, follow-ups: {follow_up_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo targets for this year: {target_count} (the center and each group)"))
        self.stdout.write(self.style.SUCCESS(f"Demo trips: {trip_count}, receptions: {reception_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo buildings: {building_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo service requests: {request_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo exports on record: {export_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo target companies (chain map): {target_company_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo supervision orders (督办): {order_count}"))
        self.stdout.write(self.style.SUCCESS(f"Demo duplicate companies to merge: {duplicate_count}"))
