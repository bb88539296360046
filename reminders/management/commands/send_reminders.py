from django.core.management.base import BaseCommand

from reminders import services


class Command(BaseCommand):
    help = "Run the reminder sweeps and send what is due, in this process (for cron users without beat)."

    def handle(self, *args, **options):
        written = services.sweep_all()
        statuses = [services.delivery_send(delivery_id) for delivery_id in services.deliveries_due()]
        sent = statuses.count("sent")
        self.stdout.write(
            f"Reminders due now: {written} (each is written once; later runs skip it), "
            f"sent now: {sent}, not sent (will retry or failed): {len(statuses) - sent}"
        )
