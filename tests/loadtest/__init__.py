"""Load test harness (``make loadtest``): locust against ``make serve`` and the dev server."""
