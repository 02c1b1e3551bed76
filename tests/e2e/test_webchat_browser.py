"""The web chat in a real browser: Debian's chromium driven by Playwright, against the real stack.

Screenshots go to results/browser/. axe-core comes from npm (tests/browser/package.json).
The browser context bypasses the page's Content-Security-Policy so that axe can be injected:
the XSS checks below therefore prove the rendering itself is safe, not merely the CSP.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.env import PROJECT_ROOT
from bot.stack import Stack

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No background traffic: the machine has no internet, and nothing should leave it anyway.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = PROJECT_ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = PROJECT_ROOT / "results" / "browser"
REPLY_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def browser() -> Iterator:
    assert Path(CHROMIUM).exists(), "Debian chromium missing: run `make browser-deps`"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, bot: Stack):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(bot.chat_url)
    yield page
    context.close()
    assert not errors, errors


def normalise(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def bubbles(page, who: str = "bot") -> list[str]:
    return [normalise(t) for t in page.locator(f".amchat-{who} .amchat-text").all_inner_texts()]


def ask(page, question: str) -> str:
    """Type a question as a visitor does and wait for the bot's answer."""
    before = len(bubbles(page))
    box = page.get_by_label("Votre message")
    box.fill(question)
    box.press("Enter")
    return wait_reply(page, before)


def wait_reply(page, before: int) -> str:
    page.wait_for_function(
        "n => document.querySelectorAll('.amchat-bot').length > n"
        " && document.querySelector('.amchat-typing').textContent === ''",
        arg=before,
        timeout=REPLY_TIMEOUT_MS,
    )
    return " ".join(bubbles(page)[before:])


def open_chat(page) -> None:
    page.get_by_role("button", name="Une question sur le métier ?").click()
    page.wait_for_selector(".amchat-bot", timeout=10_000)


def test_a_visitor_chats_clicks_reloads_and_keeps_the_conversation(page) -> None:
    open_chat(page)
    welcome = bubbles(page)[0]
    assert "assistant automatisé" in welcome and "aucun avis médical" in welcome
    page.screenshot(path=SHOTS / "1-welcome.png")

    answer = ask(page, "je suis aide soignante, comment devenir assistante medicale ?")
    assert "112 heures" in answer

    # A button sends its payload; the visitor sees the button's title as their message.
    before = len(bubbles(page))
    page.locator(".amchat-bot").first.get_by_role("button", name="Les lieux de travail").click()
    assert "hôpitaux" in wait_reply(page, before)
    assert bubbles(page, "user")[-1] == "Les lieux de travail"
    assert page.locator(".amchat-bot .amchat-text li").count() > 0  # lists in an answer are real lists

    answer = ask(page, "combien gagne une assistante medicale en debut de carriere")
    assert "22 000 à 27 000 € brut par an" in answer
    assert "D'après « Comment devenir assistant médical »" in answer
    page.screenshot(path=SHOTS / "2-answers.png")

    history = bubbles(page) + bubbles(page, "user")
    page.reload()
    page.wait_for_selector(".amchat-bot")
    assert bubbles(page) + bubbles(page, "user") == history  # same history, panel still open
    # Same sender after the reload: the bot still knows the topic was the salary.
    answer = ask(page, "et avec de l'experience ?")
    assert "28 000 à 33 000 € brut par an" in answer and "22 000" not in answer
    page.screenshot(path=SHOTS / "3-after-reload.png")

    page.get_by_role("button", name="Recommencer").click()
    page.wait_for_function("document.querySelectorAll('.amchat-message').length === 1", timeout=10_000)
    assert "assistant automatisé" in bubbles(page)[0]


def test_no_serious_accessibility_violation(page) -> None:
    open_chat(page)
    ask(page, "quels sont les avantages du metier ?")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    found = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"]]
    print("\naxe-core violations (id, impact, nodes):", found or "none")
    serious = [v for v in found if v[1] in ("serious", "critical")]
    assert not serious, serious


def test_keyboard_only(page) -> None:
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "amchat-launcher"
    page.keyboard.press("Enter")
    page.wait_for_selector(".amchat-bot")
    assert page.evaluate("document.activeElement.id") == "amchat-input"
    page.keyboard.type("ou travaille une assistante medicale")
    before = len(bubbles(page))
    page.keyboard.press("Enter")
    assert "hôpitaux" in wait_reply(page, before)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Escape")
    assert page.locator("#amchat-panel").is_hidden()
    assert page.evaluate("document.activeElement.className") == "amchat-launcher"


def test_visitor_html_is_shown_as_text_and_never_runs(page) -> None:
    open_chat(page)
    attacks = ['<img src=x onerror="window.__pwned = 1">', "<script>window.__pwned = 2</script>"]
    for attack in attacks:
        ask(page, attack)
    assert bubbles(page, "user")[-2:] == attacks  # shown literally
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".amchat-log img, .amchat-log script").count() == 0
    page.screenshot(path=SHOTS / "4-html-as-text.png")


def test_too_long_message_is_refused_politely_by_the_page(page) -> None:
    open_chat(page)
    box = page.get_by_label("Votre message")
    box.fill("a" * 600)
    box.press("Enter")
    assert "trop long (600 caractères)" in page.get_by_role("alert").inner_text()
    assert bubbles(page, "user") == []  # nothing was sent
    assert box.input_value() == "a" * 600  # nor lost: the visitor can shorten it


def test_readable_on_a_phone(browser, bot: Stack) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(bot.chat_url)
    open_chat(page)
    ask(page, "c koi le cqp")
    box = page.locator("#amchat-panel").bounding_box()
    assert box["width"] <= 375 and box["height"] <= 667
    page.screenshot(path=SHOTS / "5-phone.png")
    context.close()
