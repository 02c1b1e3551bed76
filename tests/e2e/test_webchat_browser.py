"""The web chat in a real browser: Debian's chromium driven by Playwright, against the real stack.

Screenshots go to results/browser/. axe-core comes from npm (tests/browser/package.json).
The browser context bypasses the page's Content-Security-Policy so that axe can be injected:
the XSS checks below therefore prove the rendering itself is safe, not merely the CSP.
Every check is what a visitor sees: positions inside the visible log, sizes in CSS pixels,
the names of controls, texts as shown. The cross-origin test restarts the Rasa server (with
the embedding page's origin allowed), so it comes last.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.env import PROJECT_ROOT
from bot.stack import Stack
from tests.e2e.stored import web
from tests.e2e.test_persistence_privacy import stored_events

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


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SMALL_PHONE = {"viewport": {"width": 320, "height": 568}, "is_mobile": True, "has_touch": True}
# 400 % zoom of a 1280×1024 screen (WCAG 1.4.10).
ZOOM_400 = {"viewport": {"width": 320, "height": 256}}
LONG_QUESTION = "comparer les formations"  # the comparison: the longest answer with the missions


@pytest.fixture(scope="module")
def browser() -> Iterator:
    assert Path(CHROMIUM).exists(), "Debian chromium missing: run `make browser-deps`"
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, bot: Stack) -> Iterator[Callable]:
    """Opens the chat's page in a new browser profile (viewport, phone…); no script error allowed."""
    contexts, errors = [], []

    def open_page(url: str | None = None, **options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(bypass_csp=True, locale="fr-FR", **options)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url or bot.chat_url)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, errors


@pytest.fixture
def page(open_page):
    return open_page()


def normalise(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def bubbles(page, who: str = "bot") -> list[str]:
    return [normalise(t) for t in page.locator(f".amchat-{who} .amchat-text").all_inner_texts()]


def raw_texts(page) -> list[str]:
    """The bot's texts exactly as shown, no-break spaces included."""
    return page.eval_on_selector_all(".amchat-bot .amchat-text", "nodes => nodes.map(n => n.textContent)")


def ask(page, question: str) -> str:
    """Type a question as a visitor does and wait for the bot's answer."""
    before = len(bubbles(page))
    box = page.get_by_label("Votre message")
    box.fill(question)
    box.press("Enter")
    return wait_reply(page, before)


def wait_reply(page, before: int, count: int = 1) -> str:
    page.wait_for_function(
        "([n, k]) => document.querySelectorAll('.amchat-bot').length >= n + k"
        " && document.querySelector('.amchat-typing').textContent === ''",
        arg=[before, count],
        timeout=REPLY_TIMEOUT_MS,
    )
    return " ".join(bubbles(page)[before:])


def open_chat(page) -> None:
    page.get_by_role("button", name="Une question sur le métier ?").click()
    page.wait_for_selector(".amchat-bot", timeout=10_000)


def box(page, locator) -> dict:
    found = locator.bounding_box()
    assert found, f"{locator} is not shown"
    return found


def sender(page) -> str:
    return page.evaluate("Object.keys(localStorage).map(k => JSON.parse(localStorage[k]).sender)[0]")


def axe_violations(page) -> list[tuple]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    found = [(v["id"], v["impact"], len(v["nodes"])) for v in results["violations"]]
    print("\naxe-core violations (id, impact, nodes):", found or "none")
    return [v for v in found if v[1] in ("serious", "critical")]


def test_a_visitor_chats_clicks_reloads_and_keeps_the_conversation(page, bot: Stack) -> None:
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
    # On a desktop-sized window the open chat follows the visitor to the site's next page.
    page.goto(bot.chat_url)
    assert page.locator("#amchat-panel").is_visible()

    page.get_by_role("button", name="Recommencer").click()
    page.wait_for_function("document.querySelectorAll('.amchat-message').length === 1", timeout=10_000)
    assert "assistant automatisé" in bubbles(page)[0]


@pytest.mark.parametrize("size", [{"viewport": {"width": 1366, "height": 768}}, SMALL_PHONE], ids=["desktop", "phone"])
def test_a_long_answer_opens_at_its_start(open_page, size: dict) -> None:
    page = open_page(**size)
    open_chat(page)
    for question in [LONG_QUESTION, "quelles sont les missions d'une assistante medicale ?"]:
        before = len(bubbles(page))
        ask(page, question)
        log = box(page, page.locator(".amchat-log"))
        asked = box(page, page.locator(".amchat-user").last)
        start = box(page, page.locator(".amchat-bot").nth(before))
        print(f"\n{question!r}: answer start {log['y'] - start['y']:.0f} px above the log's top (negative: in view)")
        # The visitor's question and the first lines of the answer are in the visible log.
        assert log["y"] - 1 <= asked["y"] < start["y"] and start["y"] + 48 <= log["y"] + log["height"]
        below = page.get_by_role("button", name="Nouveau message en dessous")
        assert below.is_visible()  # the rest is below, and the window says so
    name = "desktop" if size["viewport"]["width"] > 480 else "phone"
    page.screenshot(path=SHOTS / f"6-long-answer-start-{name}.png")
    below.click()
    page.wait_for_function(
        "(l => l.scrollHeight - l.scrollTop - l.clientHeight < 8)(document.querySelector('.amchat-log'))"
    )
    assert below.is_hidden()


def test_two_quick_messages_are_both_answered_in_order(page) -> None:
    open_chat(page)
    before = len(bubbles(page))
    # Typed one after the other, the second while the first is still waiting for its reply.
    waiting = page.evaluate(
        """() => {
          const box = document.getElementById('amchat-input'), form = box.form;
          box.value = 'combien gagne une assistante medicale ?'; form.requestSubmit();
          const choices = [...document.querySelectorAll('.amchat-choice')];
          const shown = {
            typing: document.querySelector('.amchat-typing').textContent,
            disabled: choices.filter(b => b.disabled).length, choices: choices.length,
            border: getComputedStyle(choices[0]).borderStyle,
          };
          box.value = 'ou travaille une assistante medicale ?'; form.requestSubmit();
          shown.box = box.value;
          return shown;
        }"""
    )
    assert waiting["typing"] == "L'assistant écrit…"
    assert waiting["disabled"] == waiting["choices"] > 0 and waiting["border"] == "dashed"  # visibly waiting
    assert waiting["box"] == ""  # taken, not refused
    page.screenshot(path=SHOTS / "7-two-quick-messages.png")
    wait_reply(page, before, count=2)
    assert bubbles(page, "user") == [
        "combien gagne une assistante medicale ?",
        "ou travaille une assistante medicale ?",
    ]
    first, second = bubbles(page)[before : before + 2]
    assert "22 000" in first and "hôpitaux" in second
    assert page.locator(".amchat-choice:disabled").count() == 0


def test_disclosure_privacy_line_and_erasing_my_data(open_page, tracker_db: str) -> None:
    page = open_page(**SMALL_PHONE)
    open_chat(page)
    ask(page, "quelles sont les missions d'une assistante medicale ?")  # a long answer fills the log
    label = page.locator("#amchat-label")
    assert normalise(label.inner_text()) == "Assistant automatisé, sans avis médical"
    assert box(page, label)["y"] >= 0 and box(page, label)["y"] + box(page, label)["height"] <= 568  # no scrolling
    privacy = page.locator(".amchat-privacy")
    assert normalise(privacy.inner_text()).startswith(
        "Votre conversation et vos avis sont gardés 30 jours après votre dernier message, "
        "dans ce navigateur et sur nos serveurs."
    )
    erase = page.get_by_role("button", name="Effacer mes données")
    assert box(page, erase)["y"] + box(page, erase)["height"] <= 568
    header = box(page, page.locator(".amchat-header"))
    assert header["height"] < 80  # two short lines beside the buttons, not four
    page.screenshot(path=SHOTS / "8-disclosure-privacy-320.png")
    assert not axe_violations(page)

    old = sender(page)
    assert stored_events(tracker_db, web(old))
    erase.click()
    page.wait_for_function(
        "!document.querySelector('.amchat-user') && document.querySelectorAll('.amchat-bot').length === 2"
        " && document.querySelector('.amchat-typing').textContent === ''",
        timeout=REPLY_TIMEOUT_MS,
    )
    shown = bubbles(page)
    assert shown[0] == "C'est fait : vos données sont effacées." and "assistant automatisé" in shown[1]
    assert bubbles(page, "user") == []
    assert stored_events(tracker_db, web(old)) == []  # really deleted on the server
    assert sender(page) != old
    page.screenshot(path=SHOTS / "9-after-erasing.png")
    page.reload()
    page.wait_for_selector(".amchat-bot")
    assert len(bubbles(page)) == 1 and "assistant automatisé" in bubbles(page)[0]


def test_rating_is_one_vote_on_the_answer_without_a_visitor_message(page, feedback_db: str) -> None:
    from feedback.store import FeedbackStore
    from knowledge.db import make_engine

    open_chat(page)
    ask(page, "combien gagne une assistante medicale ?")
    rated = page.locator(".amchat-bot").nth(len(bubbles(page)) - 1)
    # Then a question of the adviser is pending when the visitor rates the salary answer.
    before = len(bubbles(page))
    page.locator(".amchat-bot").first.get_by_role("button", name="Quelle formation pour moi ?").click()
    wait_reply(page, before)
    shown = (bubbles(page), bubbles(page, "user"))
    assert rated.get_by_role("button", name="Réponse utile").count() == 1
    assert rated.locator(".amchat-choice").count() == 0  # icons on the answer, not topic buttons

    useful, useless = rated.get_by_role("button", name="Réponse utile"), rated.get_by_role("button", name="Pas utile")
    useful.click()
    page.wait_for_function("document.querySelector('.amchat-note:not(:empty)')", timeout=REPLY_TIMEOUT_MS)
    assert normalise(rated.locator(".amchat-note").inner_text()) == "Merci pour votre retour !"
    assert (bubbles(page), bubbles(page, "user")) == shown  # no visitor bubble, no re-asked question
    assert useful.get_attribute("aria-pressed") == "true" and useless.get_attribute("aria-pressed") == "false"
    assert useful.is_disabled() and useless.is_disabled()  # one vote per answer
    page.screenshot(path=SHOTS / "10-rating.png")
    votes = [f for f in FeedbackStore(make_engine(feedback_db)).feedback() if f.sender_id == web(sender(page))]
    assert [(v.helpful, v.question) for v in votes] == [(True, "combien gagne une assistante medicale ?")]
    assert not axe_violations(page)

    page.reload()
    page.wait_for_selector(".amchat-vote")
    assert page.locator(".amchat-vote[aria-pressed='true']").count() == 1  # the vote is remembered


def test_no_serious_accessibility_violation(page) -> None:
    open_chat(page)
    ask(page, "quels sont les avantages du metier ?")
    assert not axe_violations(page)


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

    # A suggestion, then a vote, used from the keyboard: typing goes on in the message box.
    page.locator(".amchat-choice").first.focus()
    before = len(bubbles(page))
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "amchat-input"
    wait_reply(page, before)
    page.locator(".amchat-vote").last.focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.id") == "amchat-input"
    page.wait_for_function("document.querySelector('.amchat-note:not(:empty)')", timeout=REPLY_TIMEOUT_MS)

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
    box.fill("a" * 1100)
    box.press("Enter")
    assert "trop long (1100 caractères)" in page.get_by_role("alert").inner_text()
    assert bubbles(page, "user") == []  # nothing was sent
    assert box.input_value() == "a" * 1100  # nor lost: the visitor can shorten it


def test_bot_texts_have_french_no_break_spaces(page) -> None:
    open_chat(page)
    ask(page, "combien gagne une assistante medicale ?")
    ask(page, LONG_QUESTION)
    texts = raw_texts(page)
    assert "D'après «\u00a0Comment devenir assistant médical\u00a0»" in texts[1]
    assert "22\u202f000 à 27\u202f000\u00a0€" in texts[1] and "Que souhaitez-vous savoir\u202f?" in texts[0]
    breakable = [m for text in texts for m in re.findall(r"\S [?!;:»]|« ", text)]
    assert breakable == []  # no « at a line's end, no "»" or "?" at a line's start
    assert page.get_by_role("button", name="Quelle formation pour moi\u202f?").count() == 1


def test_readable_on_a_phone(open_page) -> None:
    page = open_page(**PHONE)
    open_chat(page)
    ask(page, "c koi le cqp")
    panel = box(page, page.locator("#amchat-panel"))
    assert panel["width"] <= 390 and panel["height"] <= 844
    # Every control is a 44 px touch target; the keyboard hint is not shown on a touch screen.
    small = [
        (b.get_attribute("class"), round(r["width"]), round(r["height"]))
        for b in page.locator(".amchat-panel button:visible").all()
        if (r := b.bounding_box()) and (r["width"] < 44 or r["height"] < 44)
    ]
    assert small == []
    assert page.get_by_text("Maj+Entrée").is_hidden()
    page.screenshot(path=SHOTS / "5-phone.png")


def test_reflows_at_400_percent_zoom_and_follows_the_font_size(open_page) -> None:
    page = open_page(**ZOOM_400)
    open_chat(page)
    ask(page, "c koi le cqp")
    height = box(page, page.locator(".amchat-log"))["height"]
    print(f"\nlog height at 320×256: {height:.0f} px")
    assert height >= 128  # half the window at least (it was 39 px)
    assert page.evaluate("(p => p.scrollWidth <= p.clientWidth)(document.querySelector('#amchat-panel'))")
    page.get_by_label("Votre message").focus()
    assert box(page, page.get_by_label("Votre message"))["y"] < 256  # the box is reachable
    page.screenshot(path=SHOTS / "11-zoom-400.png")

    page = open_page()
    page.add_style_tag(content="html { font-size: 24px }")  # the visitor's larger browser font
    open_chat(page)
    assert page.evaluate("getComputedStyle(document.querySelector('.amchat-text p')).fontSize") == "24px"


def test_phone_new_page_starts_closed_and_a_reply_while_closed_shows_a_badge(open_page, bot: Stack) -> None:
    page = open_page(**PHONE)
    open_chat(page)
    before = len(bubbles(page))
    page.evaluate(
        """() => {
          const box = document.getElementById('amchat-input');
          box.value = 'combien gagne une assistante medicale ?'; box.form.requestSubmit();
          document.querySelector('.amchat-close').click();
        }"""
    )
    badge = page.locator(".amchat-badge")
    badge.get_by_text("1", exact=True).wait_for(timeout=REPLY_TIMEOUT_MS)
    assert page.get_by_role("button", name=re.compile(r"métier.*, 1 nouveau message$")).is_visible()
    page.screenshot(path=SHOTS / "12-unread-badge.png")
    page.get_by_role("button", name="Une question sur le métier ?").click()
    assert "22 000" in " ".join(bubbles(page)[before:]) and badge.inner_text() == ""
    log = box(page, page.locator(".amchat-log"))
    assert box(page, page.locator(".amchat-user").last)["y"] >= log["y"] - 1  # read from its start

    page.goto(bot.chat_url)  # the site's next page: the open chat does not cover it again
    page.wait_for_selector(".amchat-launcher")
    assert page.locator("#amchat-panel").is_hidden()
    page.reload()  # but a reload keeps it as it was (closed here, and the conversation kept)
    open_chat(page)
    assert any("22 000" in b for b in bubbles(page))


class EmbedPage(BaseHTTPRequestHandler):
    """Another site's page that embeds the chat with the documented tag."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Autre site</title></head>'
            f'<body><h1>Autre site</h1><script src="{self.server.widget}" defer></script></body></html>'
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def other_site(bot: Stack) -> Iterator[str]:
    port = int(os.environ.get("E2E_EMBED_PORT") or bot.rasa_port + 80)
    server = ThreadingHTTPServer(("127.0.0.1", port), EmbedPage)
    server.widget = bot.chat_url + "widget.js"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    server.server_close()


def test_zz_embedded_on_another_origin_says_so_in_french_and_retries(open_page, other_site: str, bot: Stack) -> None:
    """Last: it restarts the Rasa server with the other site's origin allowed (kept afterwards)."""
    page = open_page(other_site + "/")
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    open_chat(page)
    notice = page.get_by_role("alert").filter(has_text="Impossible de joindre l'assistant")
    notice.wait_for(timeout=10_000)
    assert "assistant automatisé" in bubbles(page)[0]  # the disclosure even so
    assert "Failed to fetch" not in page.locator("#amchat-panel").inner_text()
    assert any(f"WEBCHAT_ALLOWED_ORIGINS={other_site}" in line for line in console), console
    ask_box = page.get_by_label("Votre message")
    ask_box.fill("comment devenir assistante medicale ?")
    ask_box.press("Enter")  # kept, and sent once the chat can reach the bot
    assert bubbles(page, "user") == ["comment devenir assistante medicale ?"]
    saved = page.evaluate("JSON.stringify(localStorage)")
    assert "Impossible" not in saved and "Failed" not in saved  # errors are never saved
    page.screenshot(path=SHOTS / "13-other-origin-refused.png")
    assert not axe_violations(page)  # the error notice and its button too

    # The site owner allows the origin, as the console said, and restarts the bot.
    rasa = next(p for p in bot.processes if "bot.rasa_cli" in p.args)
    bot.stop_process(rasa)
    bot.env["WEBCHAT_ALLOWED_ORIGINS"] = other_site
    bot.start_rasa()
    print(f"\nRasa server restarted with the origin allowed in {bot.wait_ready(timeout=240):.1f} s")

    before = len(bubbles(page))
    page.get_by_role("button", name="Réessayer").click()
    answer = wait_reply(page, before - 1, count=2)  # the welcome replaces its stand-in, then the answer
    assert "Que souhaitez-vous savoir ?" in answer and "CQP" in answer
    # In reading order: the welcome, the visitor's question, its answer.
    order = page.eval_on_selector_all(".amchat-message", "nodes => nodes.map(n => n.className.split('-').pop())")
    assert order == ["bot", "user", "bot"]
    assert "Que souhaitez-vous savoir" in bubbles(page)[0] and "CQP" in bubbles(page)[1]
    assert page.locator(".amchat-notice").count() == 0
    page.screenshot(path=SHOTS / "14-other-origin-allowed.png")
    page.reload()
    page.wait_for_selector(".amchat-bot")
    assert "Impossible" not in page.locator("#amchat-panel").inner_text()
