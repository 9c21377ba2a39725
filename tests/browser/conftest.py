"""The browser harness: Playwright driving Debian's Chromium against `live_server`.

Every journey test uses the `page` fixture, `screenshot(page, name)` (PNG files under
test-artifacts/screenshots/) and `axe_violations(page)` (axe-core, serious and critical
WCAG 2.1 A/AA violations). Chromium missing: the tests are skipped with a clear reason,
unless APART_REQUIRE_BROWSER=1 (CI), where they fail.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

# Playwright's sync API runs an event loop; Django's ORM must still be usable from tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("APART_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SCRIPT = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists() or os.environ.get("APART_REQUIRE_BROWSER") == "1":
        return  # in CI a missing browser makes the `browser` fixture fail
    skip = pytest.mark.skip(reason=f"Chromium absent ({CHROMIUM}): browser test skipped")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    # A transactional test flushes the tables, migration rows included: put them back.
    from habilitations.applications import ensure_applications
    from habilitations.models import Application
    from indemnisation.bareme_data import ensure_bareme
    from indemnisation.models import Bareme, Smic

    ensure_applications(Application)
    ensure_bareme(Bareme, Smic)
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core on the page; the violations of the given impacts.

    A click that submits a form may still be replacing the document when axe starts: axe then
    reads a null document. Such a run says nothing about the page, so it is run again on the
    document once loaded."""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            page.evaluate(AXE_SCRIPT)
            result = page.evaluate(
                """async () => await axe.run(document, {
                    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                    resultTypes: ['violations']})"""
            )
        except PlaywrightError as error:
            if attempt == 2 or not _document_replaced(error):
                raise
            page.wait_for_timeout(200)
        else:
            return [v for v in result["violations"] if v.get("impact") in impacts]


def _document_replaced(error: Exception) -> bool:
    message = str(error)
    return "Execution context was destroyed" in message or "documentElement" in message


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )
