"""Run the whole development stack in the foreground: web server, Celery worker and Celery beat.

Ctrl-C (or SIGTERM) stops all three; if one of them dies, the others are stopped too, so a broken
stack never looks alive.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from core.mail import mail_destination


class Command(BaseCommand):
    help = "Start the web server, a Celery worker and Celery beat together; Ctrl-C stops all three."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address:port of the web server")
        parser.add_argument("--concurrency", default="2", help="worker processes")
        parser.add_argument("--banner", default="", help="text printed once everything has started")

    def handle(self, *args, addr: str, concurrency: str, banner: str, **options):
        python = sys.executable
        manage = str(settings.BASE_DIR / "manage.py")
        commands = {
            "web": [python, manage, "runserver", addr, "--noreload"],
            "worker": [python, "-m", "celery", "-A", "config", "worker", "-l", "info", "-c", concurrency],
            "beat": [python, "-m", "celery", "-A", "config", "beat", "-l", "info"],
        }
        processes: dict[str, subprocess.Popen] = {}
        stopping = False

        def stop(*_args) -> None:
            nonlocal stopping
            if stopping:
                return
            stopping = True
            self.stdout.write("Stopping web, worker and beat …")
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()  # Celery does a warm shutdown of its pool on SIGTERM
            deadline = time.monotonic() + 15
            for process in processes.values():
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)  # the process and whatever it started

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, command in commands.items():
            # A session of its own, so that we decide how each child is stopped.
            processes[name] = subprocess.Popen(command, start_new_session=True)
        self.stdout.write(self.style.SUCCESS(f"Juneng: web on http://{addr}/ , Celery worker and beat started."))
        self.stdout.write(mail_destination())
        if banner:
            self.stdout.write(banner)
        exit_code = 0
        while not stopping:
            for name, process in processes.items():
                code = process.poll()
                if code is not None:
                    self.stderr.write(f"{name} exited with code {code}; stopping the others.")
                    exit_code = code or 1
                    stop()
                    break
            time.sleep(0.5)
        sys.exit(exit_code)
