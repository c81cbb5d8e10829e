"""``manage.py await_ready URL``: wait until /health/ answers 200, say so, then stay up.

It runs as the last process of ``make serve``'s Procfile. honcho stops every process as soon
as one exits, so after the announcement this one waits for the stop signal like the others;
if the portal never becomes healthy it exits with an error, which stops the stack.
"""

import signal
import time
import urllib.error
import urllib.request

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Väntar tills /health/ svarar 200 och meddelar att portalen är redo."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--timeout", type=float, default=180.0)

    def handle(self, *args, url: str, timeout: float, **options):
        deadline = time.monotonic() + timeout
        last = "inget svar ännu"
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except urllib.error.HTTPError as error:
                last = f"{error.code}: {error.read().decode('utf-8', 'replace')[:500]}"
            except OSError as error:
                last = str(error)
            time.sleep(0.5)
        else:
            raise CommandError(f"portalen blev inte frisk inom {timeout:.0f} s ({last})")
        site = url.removesuffix("health/")
        self.stdout.write(f"Portalen är redo: {site} (hälsa: {url}). Stoppa med Ctrl-C.")
        self.stdout.flush()
        stop = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stop)
        signal.sigwait(stop)
