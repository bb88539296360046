"""`make restore BACKUP=<dir>`: checks every checksum, restores the database and the uploads, then compares
the restored row counts with the manifest (core/backups.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupRefused, Database, backup_restore, backup_verify


class Command(BaseCommand):
    help = "Restore a backup folder made by `backup` into DATABASE_URL's database (or --database-url) and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="the backup's folder, e.g. var/backups/20260301T020000Z")
        parser.add_argument("--database-url", help="restore into this database instead of DATABASE_URL's")
        parser.add_argument("--media-root", type=Path, help="unpack the uploads here instead of MEDIA_ROOT")
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, backup: Path, database_url: str | None, media_root: Path | None, no_input: bool,
               **options):  # fmt: skip
        database = Database.from_url(database_url) if database_url else Database.default()
        media_root = media_root or Path(settings.MEDIA_ROOT)
        try:
            manifest = backup_verify(backup)  # before asking: a damaged backup is refused at once
            self.stdout.write(f"Backup of {manifest['created_at']} (Juneng {manifest.get('juneng_revision')}): "
                              "every checksum matches.")  # fmt: skip
            if not no_input and not self._confirmed(database, media_root):
                raise CommandError("Restore cancelled: nothing was changed.")
            rows = backup_restore(directory=backup, database=database, media_root=media_root)
        except BackupRefused as exc:
            raise CommandError(f"Restore refused: {exc}") from exc
        width = max(len(label) for label, _, _ in rows)
        self.stdout.write(f"{'table':<{width}}  {'backup':>9}  {'restored':>9}")
        for label, expected, restored in rows:
            mark = "" if expected == restored else "  MISMATCH"
            self.stdout.write(f"{label:<{width}}  {expected:>9}  {restored!s:>9}{mark}")
        if any(expected != restored for _, expected, restored in rows):
            raise CommandError("The restored row counts differ from the backup's manifest.")
        self.stdout.write(self.style.SUCCESS(f"Restored into {database.describe()}; uploads in {media_root}."))

    def _confirmed(self, database: Database, media_root: Path) -> bool:
        answer = input(
            f"This replaces the tables of {database.describe()} and writes the uploads into {media_root}.\n"
            "Stop the web processes, the worker and beat first. Type 'yes' to restore: "
        )
        return answer.strip().lower() == "yes"
