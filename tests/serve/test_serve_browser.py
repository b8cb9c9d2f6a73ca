"""The dashboard in real headless Chromium: search, open a pair, read its timeline and evidence.

Debian's /usr/bin/chromium driven by Playwright (its own browser download is not
used). Article text is hostile here: a script tag near a tie, an HTML title and
a javascript: URL must all stay inert text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from serve_corpus import HOSTILE_TITLE, SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object, live_url: str) -> Iterator[object]:
    """A fresh page that may only talk to the local server, with its errors collected."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.errors, page.outside = [], []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("dialog", lambda d: (page.errors.append(f"dialog {d.message}"), d.dismiss()))

    def only_local(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()  # type: ignore[attr-defined]
        else:
            page.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", only_local)
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_search_open_a_pair_and_read_its_evidence(page: object, live_url: str) -> None:
    p = page  # type: ignore[assignment]
    p.goto(live_url + "/")
    p.wait_for_selector("body[data-ready=true]")
    assert p.locator(".seg .on").inner_text() == "12 months"  # the current state by default
    assert p.locator(".network-svg .node").count() == 4  # Zorvex Capital's tie is older
    p.click("#preset-all")
    sync_api.expect(p.locator(".network-svg .node")).to_have_count(5)
    p.click("#preset-year")
    sync_api.expect(p.locator(".network-svg .node")).to_have_count(4)
    assert "Plimco ⇄ Zorvex" in p.locator("#alerts").inner_text()

    p.fill("#search", "plim")
    p.wait_for_selector(".suggestion >> text=Plimco")
    p.keyboard.press("Enter")
    p.wait_for_selector("#detail h2 >> text=Plimco")
    p.click(".party >> text=Zorvex")

    p.wait_for_selector(".pair-title")
    assert p.locator(".timeline-svg .score-dot").count() >= 4
    assert p.locator(".timeline-svg .turn").count() == 1
    cards = p.locator(".evidence-card")
    cards.first.wait_for()
    cards_before = cards.count()
    assert cards_before >= 8
    evidence = p.locator("#evidence").inner_text()
    assert "Zorvex sued Plimco over unpaid invoices." in evidence
    assert SCRIPT in evidence  # shown as text...
    assert p.evaluate("typeof window.__pwned") == "undefined"  # ...and never run
    assert p.locator("#evidence script, #evidence img").count() == 0

    hostile = p.locator(".evidence-card", has_text="criticized")
    assert HOSTILE_TITLE in hostile.inner_text()
    assert hostile.locator("a").count() == 0  # its javascript: URL is not a link
    safe = p.locator(".evidence-card", has_text="unpaid invoices").locator("a.title")
    assert safe.get_attribute("href") == "https://example.com/z6"
    assert safe.get_attribute("rel") == "noopener noreferrer"

    p.locator(".timeline-svg .period-hit[data-start='2025-01-01']").click()
    p.wait_for_selector(".filter-note >> text=Showing")
    assert p.locator(".evidence-card").count() == 1
    assert SCRIPT in p.locator("#evidence").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)  # the screenshot shows the injected script as text
    p.screenshot(path=str(ARTIFACTS / "dashboard.png"))
    p.click(".filter-note >> text=Show all")
    p.wait_for_selector(".filter-note", state="hidden")
    assert p.locator(".evidence-card").count() == cards_before
    assert p.errors == [] and p.outside == []


def test_an_unknown_pair_shows_a_message_not_a_blank(page: object, live_url: str) -> None:
    p = page  # type: ignore[assignment]
    p.goto(live_url + "/#/pair/Zorvex/Nobody%20Ltd")
    p.wait_for_selector("body[data-ready=true]")
    assert "unknown organization" in p.locator("#detail").inner_text()
    assert p.errors == [] and p.outside == []
