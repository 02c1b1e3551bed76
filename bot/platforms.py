"""Telegram, Slack and Facebook Messenger channels: Rasa's own, adapted to each platform's limits.

What changes from Rasa 3.6's channels, and why:
- Long answers are cut at paragraph or line boundaries under each platform's length limit
  (Rasa sends every paragraph as its own message, and nothing stops a 5 000-character one).
- Buttons are kept: Rasa drops all of them above 5 on Slack and above 3 on Messenger (our
  welcome has 8). Slack gets actions blocks of up to 25, Messenger quick replies (up to 13,
  titles of 20 characters), Telegram one inline button per row.
- Forged requests are refused with 403 and never reach the bot: Slack's signing secret
  (Rasa answers 400), Messenger's X-Hub-Signature-256 (Rasa checks the SHA-1 header and
  answers 200), Telegram's secret token header (Rasa checks nothing, and calls getMe on
  every message).
- No network call at start-up (Rasa's Telegram channel sets its webhook when the server
  starts, and crashes it if Telegram is unreachable); the README gives the one-off command.

The platform API base URLs can be pointed elsewhere (TELEGRAM_API_URL, SLACK_API_URL,
FACEBOOK_GRAPH_URL, in conversation/settings.py) only so the tests can use a local fake of each API.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput as RasaFacebookInput
from rasa.core.channels.facebook import Messenger as RasaMessenger
from rasa.core.channels.facebook import MessengerBot as RasaMessengerBot
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import ratelimit
from bot.checked_channel import json_object, same_secret, visitor_text, webhook_blueprint
from bot.conversation_keys import PlatformRecipient, conversation_key
from bot.messages import too_many
from conversation.settings import current
from conversation.shared import APOLOGY

logger = logging.getLogger(__name__)

TELEGRAM_MAX_TEXT = 4096
TELEGRAM_MAX_CALLBACK_BYTES = 64
SLACK_MAX_SECTION_TEXT = 3000
SLACK_MAX_BUTTONS_PER_BLOCK = 25
SLACK_MAX_BUTTON_TITLE = 75
MESSENGER_MAX_TEXT = 2000
MESSENGER_MAX_QUICK_REPLIES = 13
MESSENGER_MAX_TITLE = 20


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut between paragraphs, else lines, else words."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    for separator in ("\n\n", "\n", " "):
        parts = text.split(separator)
        if len(parts) > 1:
            pieces: list[str] = []
            current = ""
            for part in parts:
                candidate = f"{current}{separator}{part}" if current else part
                if len(candidate) <= limit:
                    current = candidate
                    continue
                if current:
                    pieces.append(current)
                current = part
            pieces.append(current)
            return [piece for chunk in pieces for piece in split_text(chunk, limit)]
    return [text[i : i + limit] for i in range(0, len(text), limit)]


def split_before_buttons(text: str, limit: int) -> tuple[list[str], str]:
    """(pieces sent first, the last piece, which carries the buttons: never empty)."""
    pieces = split_text(text, limit) or ["…"]
    return pieces[:-1], pieces[-1]


def shorten(title: str, limit: int) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def forbidden(platform: str) -> HTTPResponse:
    logger.warning("%s: request with a missing or wrong signature refused", platform)
    return response.text("forbidden", status=HTTPStatus.FORBIDDEN)


# ---------------------------------------------------------------------------- Telegram


class TelegramOutput(PlatformRecipient, OutputChannel):
    """Sends through the Bot API (aiogram, as Rasa does), within Telegram's limits."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, access_token: str) -> None:
        from aiogram import Bot
        from aiogram.bot.api import TelegramAPIServer

        server = TelegramAPIServer.from_base(current().telegram_api_url)
        self.bot = Bot(access_token, server=server)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for piece in split_text(text, TELEGRAM_MAX_TEXT):
            await self.bot.send_message(recipient_id, piece)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

        keyboard = InlineKeyboardMarkup()
        for button in buttons:
            payload = str(button["payload"])
            if len(payload.encode("utf-8")) <= TELEGRAM_MAX_CALLBACK_BYTES:  # Telegram refuses longer ones
                keyboard.row(InlineKeyboardButton(str(button["title"]), callback_data=payload))
        first, last = split_before_buttons(text, TELEGRAM_MAX_TEXT)
        for piece in first:
            await self.bot.send_message(recipient_id, piece)
        await self.bot.send_message(recipient_id, last, reply_markup=keyboard)


class TelegramInput(InputChannel):
    """Telegram webhook. Register it once with the secret token (see README)."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        if not credentials:
            return cls.raise_missing_credentials_exception()  # raises
        return cls(credentials["access_token"], credentials["secret_token"])

    def __init__(self, access_token: str, secret_token: str) -> None:
        self.access_token = access_token
        self.secret_token = secret_token
        self.output: TelegramOutput | None = None

    def get_output_channel(self) -> OutputChannel:
        # One Bot (and HTTP session) for the server's life, created in the server's event loop.
        if self.output is None:
            self.output = TelegramOutput(self.access_token)
        return self.output

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        telegram = webhook_blueprint("telegram_webhook")

        @telegram.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            header = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not same_secret(header, self.secret_token):
                return forbidden("Telegram")
            chat_id, text = telegram_message(json_object(request.body))
            if chat_id is None or not text:
                return response.text("ignored")  # stickers, joins, other shapes: nothing to answer
            await handle(on_new_message, text, chat_id, self.get_output_channel(), self.name())
            return response.text("success")

        return telegram


def field(value: Any, *path: str) -> Any:
    """value[path[0]][path[1]]…, or None where a level is missing or not an object."""
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def telegram_message(update: dict[str, Any]) -> tuple[str | None, str | None]:
    """(chat id, text) of a message or button press; (None, None) for anything else, whatever its shape."""
    if "callback_query" in update:
        query = field(update, "callback_query")
        chat_id, text = field(query, "message", "chat", "id"), field(query, "data")
    else:
        message = field(update, "message") or field(update, "edited_message")
        chat_id, text = field(message, "chat", "id"), field(message, "text")
    if isinstance(chat_id, bool) or not isinstance(chat_id, int | str) or not str(chat_id).lstrip("-").isdigit():
        return None, None
    return str(chat_id), text if isinstance(text, str) else None


async def over_the_limit(key: str, output: Callable[[], OutputChannel]) -> bool:
    """Count a platform visitor's message (under their conversation key); over the limit, tell
    them how long to wait (True)."""
    wait = ratelimit.shared().retry_after(key)
    if wait:
        await output().send_response(key, {"text": too_many(wait)})  # typeset like any reply
    return bool(wait)


async def handle(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    text: str,
    sender: str,
    output: OutputChannel,
    channel: str,
) -> None:
    """Hand a message to the bot under the user's conversation key (personal data masked,
    within the rate limit); if that fails, the visitor still gets the apology."""
    key = conversation_key(channel, sender)
    try:
        if await over_the_limit(key, lambda: output):
            return
        text = visitor_text(text)
        if text:
            await on_new_message(UserMessage(text, output, key, input_channel=channel))
    except Exception:  # noqa: BLE001 - the visitor must not be left without a reply
        logger.exception("%s: could not handle a message", channel)
        try:
            await output.send_response(key, {"text": APOLOGY})
        except Exception:  # noqa: BLE001 - the platform itself is unreachable: nothing more to do
            logger.exception("%s: could not send the apology", channel)


# ---------------------------------------------------------------------------- Slack


class SlackBot(PlatformRecipient, RasaSlackBot):
    def __init__(self, token: str, slack_channel: str | None = None, thread_id: str | None = None, proxy=None) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        from slack_sdk.web.async_client import AsyncWebClient

        self.client = AsyncWebClient(token, proxy=proxy, base_url=current().slack_api_url)

    @staticmethod
    def sections(text: str) -> list[dict[str, Any]]:
        return [
            {"type": "section", "text": {"type": "plain_text", "text": piece}}
            for piece in split_text(text, SLACK_MAX_SECTION_TEXT)
        ]

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for piece in split_text(text, SLACK_MAX_SECTION_TEXT):
            await self._post_message(channel=self.slack_channel or recipient_id, as_user=True, text=piece)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        elements = [
            {
                "type": "button",
                "text": {"type": "plain_text", "text": shorten(str(b["title"]), SLACK_MAX_BUTTON_TITLE)},
                "value": str(b["payload"]),
            }
            for b in buttons
        ]
        actions = [
            {"type": "actions", "elements": elements[i : i + SLACK_MAX_BUTTONS_PER_BLOCK]}
            for i in range(0, len(elements), SLACK_MAX_BUTTONS_PER_BLOCK)
        ]
        await self._post_message(
            channel=self.slack_channel or recipient_id,
            as_user=True,
            text=shorten(text, SLACK_MAX_SECTION_TEXT),  # the notification's preview
            blocks=[*self.sections(text), *actions],
        )


def slack_team(request: Request) -> str | None:
    """The workspace of a Slack event (JSON) or interactive payload (form-encoded)."""
    if request.headers.get("content-type") == "application/json":
        team = field(request.json, "team_id")
    else:
        try:
            team = field(json.loads(request.form.get("payload") or "{}"), "team", "id")
        except ValueError:
            team = None
    return team if isinstance(team, str) and team.isalnum() else None


class SlackInput(RasaSlackInput):
    """Rasa's Slack channel; a request without a valid signing-secret signature gets 403."""

    def get_output_channel(self, channel: str | None = None, thread_id: str | None = None) -> OutputChannel:
        return SlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)

    async def process_message(self, request, on_new_message, text, sender_id, metadata) -> Any:
        """Rasa's, with personal data masked and the rate limit applied first."""
        output = partial(self.get_output_channel, (metadata or {}).get("out_channel"))
        key = conversation_key(self.name(), sender_id, slack_team(request))
        if await over_the_limit(key, output):
            return response.text("")
        return await super().process_message(request, on_new_message, visitor_text(text), key, metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack = super().blueprint(on_new_message)

        @slack.middleware("request")
        async def authenticate(request: Request) -> HTTPResponse | None:
            if request.path.rstrip("/").endswith("/webhook") and not self.is_request_from_slack_authentic(request):
                return forbidden("Slack")
            return None

        return slack


# ---------------------------------------------------------------------------- Facebook Messenger


class MessengerBot(PlatformRecipient, RasaMessengerBot):
    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for piece in split_text(text, MESSENGER_MAX_TEXT):
            self.messenger_client.send({"text": piece}, recipient_id, "RESPONSE")

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Quick replies: up to 13 (a button template allows 3 and 640 characters of text)."""
        first, last = split_before_buttons(text, MESSENGER_MAX_TEXT)
        for piece in first:
            self.messenger_client.send({"text": piece}, recipient_id, "RESPONSE")
        quick_replies = [
            {
                "content_type": "text",
                "title": shorten(str(b["title"]), MESSENGER_MAX_TITLE),
                "payload": str(b["payload"]),
            }
            for b in buttons[:MESSENGER_MAX_QUICK_REPLIES]
        ]
        self.messenger_client.send({"text": last, "quick_replies": quick_replies}, recipient_id, "RESPONSE")


def messenger_client(page_access_token: str) -> Any:
    from fbmessenger import MessengerClient

    client = MessengerClient(page_access_token)
    client.graph_url = current().facebook_graph_url or client.graph_url
    return client


class Messenger(RasaMessenger):
    def __init__(self, page_access_token: str, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> None:
        super().__init__(page_access_token, on_new_message)
        self.client = messenger_client(page_access_token)

    async def _handle_user_message(self, text: str, sender_id: str, metadata: dict[str, Any] | None) -> None:
        await handle(self.on_new_message, text, sender_id, MessengerBot(self.client), self.name())


class FacebookInput(RasaFacebookInput):
    """Messenger webhook; a POST without a valid X-Hub-Signature-256 gets 403."""

    def get_output_channel(self) -> OutputChannel:
        return MessengerBot(messenger_client(self.fb_access_token))

    def signed(self, request: Request) -> bool:
        header = request.headers.get("X-Hub-Signature-256", "")
        expected = "sha256=" + hmac.new(self.fb_secret.encode(), request.body, hashlib.sha256).hexdigest()
        return same_secret(header, expected)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        facebook = webhook_blueprint("fb_webhook")

        @facebook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if same_secret(request.args.get("hub.verify_token", ""), self.fb_verify):
                return response.text(request.args.get("hub.challenge", ""))
            return forbidden("Facebook (verification)")

        @facebook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.signed(request):
                return forbidden("Facebook")
            payload = json_object(request.body)
            if not isinstance(payload.get("entry"), list):
                return response.text("no entry", status=HTTPStatus.BAD_REQUEST)
            await Messenger(self.fb_access_token, on_new_message).handle(payload, self.get_metadata(request))
            return response.text("success")

        return facebook
