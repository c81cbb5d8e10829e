"""Playwright against Django's live server, in Debian's Chromium, with axe-core injected.

Browser downloads fail on these machines, so Playwright launches /usr/bin/chromium (Debian's
``chromium`` package). axe-core comes from npm into .tools/ (``make install-dev``).
"""

import json
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse ORM
# calls from that thread ("You cannot call this from an async context"). The tests only use
# the ORM between page actions, never concurrently with them.
# https://docs.djangoproject.com/en/5.2/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Mark the browser tests and run them last.

    They run in the live server on a flushed database, so every test after them would lack the
    reference data loaded once per session. pytest groups tests by session-scoped parameters
    (Playwright's browser_name), which can move them between other tests; this puts them back.
    """
    browser_tests = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    others = [item for item in items if "tests/browser/" not in str(item.fspath)]
    items[:] = others + browser_tests


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.skip("Chromium saknas: installera Debian-paketet chromium (/usr/bin/chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # Without these, Chromium keeps trying to reach Google's services, which this
        # machine's closed network refuses.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core saknas: kör `make install-dev` (npm install axe-core)")
    return AXE.read_text(encoding="utf-8")


SETTLE_SCRIPT = """
async () => {
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const deadline = performance.now() + 10000;
    const moving = () => document.getAnimations().filter((animation) =>
        animation.playState === "running"
        && (animation instanceof CSSTransition
            || animation.effect.getComputedTiming().endTime <= 2000));
    while (performance.now() < deadline) {
        await pause(120);
        const running = moving();
        if (running.length === 0) return;
        await Promise.race([
            Promise.all(running.map((animation) => animation.finished.catch(() => null))),
            pause(deadline - performance.now()),
        ]);
    }
}
"""


@pytest.fixture
def check_accessibility(page, axe_source):
    """Run axe on the current page; fail listing every WCAG 2.1 A/AA violation."""

    def check() -> None:
        # axe measures contrast from the colours on screen at that moment: text fading in (the
        # admin's messages take 0.5 s, after a 0.1 s delay) is measured half transparent and
        # fails. Wait until the page's transitions and short animations have ended; long or
        # endless decorative ones (the admin's 25 s "ping" badge) are not waited for.
        # A click that navigates returns when the new page starts to arrive; its scripts (and
        # the admin's message fade, started when the document has been parsed) come later.
        page.wait_for_load_state()
        page.evaluate(SETTLE_SCRIPT)
        page.evaluate(axe_source)
        results = page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_21_AA,
        )
        violations = [
            {
                "id": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "targets": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in results["violations"]
        ]
        assert violations == [], f"{page.url}: {json.dumps(violations, indent=2)}"
        assert results["passes"], "axe ran no checks at all"

    return check


@pytest.fixture
def site_url(live_server, portal_site, transactional_db):
    return live_server.url
