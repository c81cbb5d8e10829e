"""The load test's users (locust). Run by ``tests/loadtest/run_loadtest.py``, not by hand.

A week's mix on the portal: anonymous visitors browse (home, listings with filters, need and
analysis pages) and search (the page and the API, with facets); signed-in members read threads
and post contributions (about a tenth of all requests). Every post's submission key and the
answer it got are appended to LOADTEST_POSTS_LOG, so that ``check_posts`` can compare what the
users were told with what the database holds.

Environment: LOADTEST_TARGETS (JSON from ``prepare``), LOADTEST_POSTS_LOG (JSONL to append
to), LOADTEST_THINK (``1``: 0.5–1.5 s between requests, ``0``: none), LOADTEST_MAX_REQUESTS
(stop the run after this many requests).
"""

import json
import os
import random
import re
import threading
import uuid
from pathlib import Path
from urllib.parse import urlencode

from locust import HttpUser, between, constant, events, task

TARGETS = json.loads(Path(os.environ["LOADTEST_TARGETS"]).read_text(encoding="utf-8"))
POSTS_LOG = os.environ["LOADTEST_POSTS_LOG"]
THINK = between(0.5, 1.5) if os.environ.get("LOADTEST_THINK", "1") == "1" else constant(0)
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "200000"))
CACHE_LOG = os.environ.get("LOADTEST_CACHE_LOG", "")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ORGANISATION = re.compile(r'name="organisation"[^>]*>\s*<option value="(\d+)"', re.S)
_log_lock = threading.Lock()
_members = iter(TARGETS["members"] * 1000)
_members_lock = threading.Lock()
_requests = 0


@events.request.add_listener
def stop_when_bounded(**kwargs):
    """The run is bounded in requests as well as in users and time."""
    global _requests
    _requests += 1
    if _requests >= MAX_REQUESTS:
        from locust.runners import STATE_STOPPING

        runner = kwargs.get("context", {}).get("runner")
        if runner is not None and runner.state != STATE_STOPPING:
            runner.quit()


# Per kind of request: how many answers came from the page cache (X-Cache: HIT), were stored
# in it (MISS) or bypassed it (no header: signed in, search, posts).
_cache_status: dict[str, dict[str, int]] = {}


@events.request.add_listener
def count_cache_status(name, response=None, **kwargs):
    status = (response.headers.get("X-Cache") if response is not None else None) or "BYPASS"
    counts = _cache_status.setdefault(name, {})
    counts[status] = counts.get(status, 0) + 1


@events.quitting.add_listener
def write_cache_status(**kwargs):
    if CACHE_LOG:
        Path(CACHE_LOG).write_text(json.dumps(_cache_status), encoding="utf-8")


def log_post(entry: dict) -> None:
    with _log_lock, open(POSTS_LOG, "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


def search_params() -> dict:
    params = {"q": random.choice(TARGETS["queries"])}
    if random.random() < 0.5:
        params["region"] = random.choice(TARGETS["regions"])
    if random.random() < 0.3:
        params["type"] = random.choice(["analysis", "need", "good_example"])
    return params


class Visitor(HttpUser):
    """Anonymous browsing and searching."""

    weight = 9
    wait_time = THINK

    @task(2)
    def home(self):
        self.client.get("/", name="sida: start")

    @task(3)
    def listing(self):
        self.client.get(random.choice(TARGETS["listings"]), name="sida: listning")

    @task(4)
    def need(self):
        self.client.get(random.choice(TARGETS["needs"]), name="sida: behov")

    @task(2)
    def analysis(self):
        self.client.get(random.choice(TARGETS["analyses"]), name="sida: analys")

    @task(3)
    def search_page(self):
        self.client.get(f"/sok/?{urlencode(search_params())}", name="sök: sida")

    @task(3)
    def search_api(self):
        self.client.get(f"/api/search/?{urlencode(search_params())}", name="sök: api")


class Member(HttpUser):
    """A signed-in member of a participating organisation: reads threads, writes now and then."""

    weight = 1
    wait_time = THINK

    def on_start(self):
        with _members_lock:
            member = next(_members)
        self.thread = member["thread"]
        page = self.client.get("/konto/login/", name="konto: inloggning")
        token = CSRF.search(page.text).group(1)
        self.client.post(
            "/konto/login/",
            {
                "login": member["email"],
                "password": member["password"],
                "csrfmiddlewaretoken": token,
            },
            headers={"Referer": self.client.base_url + "/konto/login/"},
            name="konto: inloggning",
        )

    @task(3)
    def read_thread(self):
        self.client.get(self.thread, name="dialog: läsa tråd")

    @task(1)
    def post_contribution(self):
        page = self.client.get(self.thread, name="dialog: läsa tråd")
        token = CSRF.search(page.text)
        organisation = ORGANISATION.search(page.text)
        if not token or not organisation:
            return
        key = str(uuid.uuid4())
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "kind": "inspel",
            "organisation": organisation.group(1),
            "body": f"Lasttestets inlägg {key[:8]}: vi kan bidra med praktikplatser.",
            "submission_key": key,
        }
        with self.client.post(
            self.thread,
            data,
            headers={"Referer": self.client.base_url + self.thread},
            allow_redirects=False,
            name="dialog: skriva inlägg",
            catch_response=True,
        ) as response:
            acknowledged = response.status_code == 302 and "#inlagg-" in response.headers.get(
                "Location", ""
            )
            log_post({"key": key, "status": response.status_code, "acknowledged": acknowledged})
            if not acknowledged:
                response.failure(f"inlägget bekräftades inte ({response.status_code})")
            else:
                response.success()
