"""Browser tests: Playwright drives Debian's Chromium against a live server.

Screenshots are kept under test-artifacts/screenshots/ as test artefacts. The tests skip with
the reason when Chromium or Playwright is missing (the README's test command installs both).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CATCHALL_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# The live server runs in a thread of this process; Django refuses ORM use from the event loop
# thread Playwright's sync API creates unless this is set.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@pytest.fixture
def shot(request):
    """Save a screenshot named after the test and a step."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(pg, step: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{step}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take


def login(pg, username: str, password: str) -> None:
    pg.goto("/login/")
    pg.get_by_label("Username").fill(username)
    pg.get_by_label("Password").fill(password)
    pg.get_by_role("button", name="Log in").click()


WIDTHS = (1366, 390)  # desktop and phone


def audit_widths(
    pg, label: str, problems: list[str], options: dict | None = None, *, prefix: str
) -> list[str]:
    """axe-core and sideways scrolling at each of WIDTHS, with a full-page screenshot of each
    (``{prefix}-{label}-{width}.png``); what is wrong is appended to ``problems``, which is
    returned. The page is left at the first width."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for width in WIDTHS:
        pg.set_viewport_size({"width": width, "height": 900})
        results = axe.run(pg, options=options)
        if results.violations_count:
            problems.append(f"{label} at {width}px:\n{results.generate_report()}")
        wide = pg.evaluate("document.documentElement.scrollWidth")
        if wide > width:
            problems.append(f"{label} at {width}px scrolls sideways ({wide}px)")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"{prefix}-{label}-{width}.png"), full_page=True)
    pg.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return problems
