"""Email in development: every message goes to a file of its own and gets one short line in the log,
instead of its whole MIME text on the console (`make run` sends hundreds of demo reminders at first start)."""

import logging
import uuid
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased

logger = logging.getLogger("juneng.mail")

SUBJECT_SHOWN = 60


class DevelopmentEmailBackend(filebased.EmailBackend):
    """MAILERS backend: `OPTIONS = {"file_path": ...}`; writes `<time>-<random>.eml` per message (opens
    in any mail client) and logs `mail to …: subject → file`. Nothing leaves the machine."""

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            path = Path(self.file_path) / f"{datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            try:
                path.write_bytes(message.message().as_bytes())
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            subject = (
                message.subject if len(message.subject) <= SUBJECT_SHOWN else message.subject[:SUBJECT_SHOWN] + "…"
            )
            logger.info("mail to %s: %s → %s", ", ".join(message.recipients()), subject, path)
            sent += 1
        return sent


def mail_destination() -> str:
    """Where the default mailer's messages go, in one line for the start banner."""
    config = settings.MAILERS.get("default", {})
    backend = config.get("BACKEND", "")
    options = config.get("OPTIONS", {})
    if backend.endswith("DevelopmentEmailBackend"):
        return f"Email is not sent: each message is written to {options['file_path']}/ (one .eml file each)."
    if backend.endswith("smtp.EmailBackend"):
        return f"Email is sent through SMTP at {options.get('host')}:{options.get('port')}."
    if backend.endswith("console.EmailBackend"):
        return "Email is printed on the console, not sent."
    return f"Email goes through {backend}."
