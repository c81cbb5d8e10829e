"""gunicorn's settings for the web process (the Procfile's ``web``, ``make serve``).

The bind address comes from the Procfile and the number of workers from WEB_CONCURRENCY
(gunicorn reads it itself); the rest is here. https://docs.gunicorn.org/en/stable/settings.html
"""

timeout = 60
graceful_timeout = 20
# Each worker is replaced after about 2,000 requests, so that a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# One line per request with its duration in milliseconds and the worker that answered.
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s'

# The application is loaded once in the master process and warmed up there before any worker
# is forked (portal/warm_up.py). Code changes then need a restart, not a HUP.
preload_app = True


def when_ready(server):
    """Runs in the master after the application is loaded and before the workers start."""
    # Django is set up by now: loading the application did it.
    from django.db import connections

    from portal.warm_up import warm_up

    warm_up(server.app.wsgi())
    # Each worker opens connections of its own; one inherited socket shared by all would not do.
    connections.close_all()
