"""The README stays usable: one table lists every environment variable, and every link in the
README and docs/ points to a file inside the repository."""

import re
from pathlib import Path

from portal.settings.base import env

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _configuration_table() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]


def test_every_environment_variable_is_in_the_readmes_configuration_table():
    table = _configuration_table()
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", table, re.M))
    assert set(env.scheme) - documented == set()


def test_links_stay_inside_the_repository_and_reach_existing_files():
    problems = []
    for document in DOCUMENTS:
        text = document.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            resolved = (document.parent / target).resolve()
            if ROOT not in resolved.parents or not resolved.exists():
                problems.append(f"{document.name}: {target}")
        # A path outside the repository, written as code rather than as a link.
        problems += [f"{document.name}: {path}" for path in re.findall(r"\.\./shared\S*", text)]
    assert problems == []
