"""Running the portal in a second process against the test database (as another worker would)."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def server_url() -> str:
    """The PostgreSQL server of the test database, without a database name."""
    config = connection.settings_dict
    return (
        f"postgres://{config['USER']}:{config['PASSWORD']}@{config['HOST'] or '127.0.0.1'}:"
        f"{config['PORT'] or 5432}"
    )


def shared_database_url() -> str:
    """DATABASE_URL for a second process that should see the test database."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"
    return f"{server_url()}/{connection.settings_dict['NAME']}"


def clean_environment(**overrides: str) -> dict[str, str]:
    """This process's environment without Django's settings module, plus ``overrides``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO")}
    env.update(overrides)
    return env


def run_python(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    """``python ARGS`` in the project folder with a clean environment plus ``env``."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
