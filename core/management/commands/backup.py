"""`make backup`: the database, the uploads and a manifest into var/backups/<UTC time>/ (core/backups.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupRefused, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or SQLite's backup API) and MEDIA_ROOT with a checksummed manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir", type=Path, default=settings.VAR_DIR / "backups",
            help="folder the backup's own folder is created in (default: var/backups)",
        )  # fmt: skip

    def handle(self, *args, output_dir: Path, **options):
        try:
            directory = backup_create(root=output_dir)
        except BackupRefused as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write((directory / "manifest.json").read_text())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {directory}"))
