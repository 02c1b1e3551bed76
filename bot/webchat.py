"""The career website's chat window, served by the Rasa server itself.

Enabled in credentials.yml as `bot.webchat.WebChatInput`; everything lives under
/webhooks/webchat/:

- `GET  /`           a demo page with the chat (what `make run` prints);
- `GET  /widget.js`  the embeddable chat (one <script> tag on any site, see README);
- `GET  /welcome`    the first message, shown when the chat opens: nothing is stored yet;
- `POST /webhook`    {"sender": "...", "message": "..."} -> the bot's messages (JSON list);
                     a vote on an answer is the rating payload with "rated": the question that
                     answer replied to, as the visitor saw it (kept as message metadata).

It is REST, not socket.io: one request per message fits a question/answer bot, goes
through every proxy, and needs no client library. Replies are plain text and buttons;
the widget renders them as text, never as HTML.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.checked_channel import CheckedInput, CollectedReplies, json_object, visitor_text
from bot.http_errors import RequestError
from bot.typography import french_message
from conversation.settings import current
from conversation.shared import DATA_DELETED, FEEDBACK_BUTTONS, RATED_QUESTION, WELCOME_SHOWN, welcome_message

WEB_DIR = Path(__file__).resolve().parent / "web"
ASSETS = {
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
}
# The page and the widget need nothing from elsewhere; a visitor's text can never run as code.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # The chat needs no camera, microphone, location, payment or sensor: nothing may ask for them.
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "accelerometer=(), gyroscope=(), magnetometer=(), interest-cohort=()"
    ),
}


RATING_PAYLOADS = {button["payload"] for button in FEEDBACK_BUTTONS}


def bot_messages(collected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only what the widget renders: text, buttons (title, payload) and, apart, the rating.

    The rating buttons every answer carries (conversation/shared.py) become `rating`, which the
    widget shows as two icons on that answer rather than as topic buttons; other channels
    keep them as buttons. The deletion's confirmation (marked DATA_DELETED by the action,
    kept by `WebChatOutput`) becomes `forget`: the widget clears its own copy too. Texts were
    typeset by Rasa's output channel (bot/rasa_patches.py).
    """
    messages = []
    for message in collected:
        text = message.get("text")
        buttons: list[dict[str, str]] = []
        rating: list[dict[str, str]] = []
        for b in message.get("buttons") or []:
            button = {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            (rating if button["payload"] in RATING_PAYLOADS else buttons).append(button)
        reply: dict[str, Any] = {"text": text or "", "buttons": buttons}
        if rating:
            reply["rating"] = rating
        if message.get(DATA_DELETED):
            reply["forget"] = True
        if text or buttons or rating:
            messages.append(reply)
    return messages


class WebChatOutput(CollectedReplies):
    """Rasa's collecting channel, keeping the DATA_DELETED marker a bot message carries as
    metadata (Rasa passes it to the channel but the collector drops it)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        deleted = bool(message.get(DATA_DELETED))
        start = len(self.messages)
        await super().send_response(recipient_id, message)
        if deleted:
            for sent in self.messages[start:]:
                sent[DATA_DELETED] = True


def static_file(name: str, content_type: str) -> Callable[[Request], Coroutine[Any, Any, HTTPResponse]]:
    async def serve(request: Request) -> HTTPResponse:
        body = (WEB_DIR / name).read_text(encoding="utf-8")
        return HTTPResponse(body, content_type=content_type, headers={"X-Content-Type-Options": "nosniff"})

    return serve


class WebChatInput(CheckedInput):
    @classmethod
    def name(cls) -> str:
        return "webchat"

    def metadata(self, request: Request) -> dict[str, Any]:
        metadata: dict[str, Any] = {WELCOME_SHOWN: True}  # the widget showed it when the chat opened
        try:
            rated = json_object(request.body).get("rated")
        except RequestError:
            rated = None  # answer() has already refused a malformed body
        if isinstance(rated, str) and rated.strip():
            # A vote on an answer that may not be the last one: the question it replied to.
            metadata[RATED_QUESTION] = visitor_text(rated)[: self.max_message_length]
        return metadata

    def replies(self, collected: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return bot_messages(collected)

    def output_channel(self) -> CollectingOutputChannel:
        return WebChatOutput()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint("webchat_webhook", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(request: Request) -> HTTPResponse:
            html = (WEB_DIR / "index.html").read_text(encoding="utf-8")
            html = html.replace("{{max_length}}", str(self.max_message_length))
            return response.html(html, headers=PAGE_HEADERS)

        for asset, content_type in ASSETS.items():
            webchat.add_route(
                static_file(asset, content_type), f"/{asset}", methods=["GET"], name=asset.replace(".", "_")
            )

        @webchat.route("/welcome", methods=["GET"])
        async def welcome(request: Request) -> HTTPResponse:
            # Not sent through an output channel, so typeset here like every other bot text.
            return response.json(
                {
                    **french_message(welcome_message()),
                    "max_length": self.max_message_length,
                    # Told in the window's privacy line; the browser drops its copy after as long.
                    "retention_days": current().retention_days,
                }
            )

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer(request, on_new_message)

        return webchat
