"""The career website's chat window, served by the Rasa server itself.

Enabled in credentials.yml as `bot.webchat.WebChatInput`; everything lives under
/webhooks/webchat/:

- `GET  /`           a demo page with the chat (what `make run` prints);
- `GET  /widget.js`  the embeddable chat (one <script> tag on any site, see README);
- `GET  /welcome`    the first message, shown when the chat opens: nothing is stored yet;
- `POST /webhook`    {"sender": "...", "message": "..."} -> the bot's messages (JSON list).

It is REST, not socket.io: one request per message fits a question/answer bot, goes
through every proxy, and needs no client library. Replies are plain text and buttons;
the widget renders them as text, never as HTML.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.messages import APOLOGY
from actions.topics import WELCOME_SHOWN, welcome_message

logger = logging.getLogger(__name__)

WEB_DIR = Path(__file__).resolve().parent / "web"
DEFAULT_MAX_LENGTH = 500
SENDER = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
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
}

TOO_LONG = "Votre message est trop long ({length} caractères) : {limit} caractères au maximum, merci de le raccourcir."
BAD_REQUEST = "Requête invalide : envoyez un objet JSON avec « sender » et « message »."
BAD_SENDER = "Identifiant de conversation invalide."
EMPTY = "Votre message est vide : écrivez votre question, s'il vous plaît."


class RequestError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def read_message(body: bytes, max_length: int) -> tuple[str, str]:
    """(sender, text) from a request body, or a RequestError with a French message for the page."""
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestError(400, BAD_REQUEST) from exc
    if not isinstance(payload, dict):
        raise RequestError(400, BAD_REQUEST)
    sender, text = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise RequestError(400, BAD_SENDER)
    if not isinstance(text, str):
        raise RequestError(400, BAD_REQUEST)
    text = text.strip()
    if not text:
        raise RequestError(400, EMPTY)
    if len(text) > max_length:
        raise RequestError(413, TOO_LONG.format(length=len(text), limit=max_length))
    return sender, text


def bot_messages(collected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Only what the widget renders: text and buttons (title, payload)."""
    messages = []
    for message in collected:
        text = message.get("text")
        buttons = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in message.get("buttons") or []
        ]
        if text or buttons:
            messages.append({"text": text or "", "buttons": buttons})
    return messages


def static_file(name: str, content_type: str) -> Callable[[Request], Awaitable[HTTPResponse]]:
    async def serve(request: Request) -> HTTPResponse:
        body = (WEB_DIR / name).read_text(encoding="utf-8")
        return HTTPResponse(body, content_type=content_type, headers={"X-Content-Type-Options": "nosniff"})

    return serve


class WebChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        return cls(int(credentials.get("max_message_length") or DEFAULT_MAX_LENGTH))

    def __init__(self, max_message_length: int = DEFAULT_MAX_LENGTH) -> None:
        self.max_message_length = max_message_length

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
            return response.json({**welcome_message(), "max_length": self.max_message_length})

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text = read_message(request.body, self.max_message_length)
            except RequestError as error:
                return response.json({"error": error.message}, status=error.status)
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata={WELCOME_SHOWN: True})
            try:
                await on_new_message(message)
            except Exception:  # noqa: BLE001 - the visitor must get an answer, the log gets the details
                logger.exception("Web chat: could not handle a message from %s", sender)
            return response.json(bot_messages(collector.messages) or [{"text": APOLOGY, "buttons": []}])

        return webchat
