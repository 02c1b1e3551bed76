"""JSON-over-HTTP channels that check every message before Rasa sees it.

`CheckedInput` is shared by the web chat (bot/webchat.py) and `RestInput`, which replaces
Rasa's REST channel at the same URL with the same request and reply format
(POST /webhooks/rest/webhook {"sender", "message"}). Both refuse malformed or oversized
requests with a 4xx and a French message, apply the rate limits (per visitor and per
client address, bot/ratelimit.py), normalise the text and mask personal data, and answer
with the apology rather than nothing if handling fails.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import ratelimit
from bot.conversation_keys import PlatformRecipient, conversation_key
from bot.http_errors import RequestError
from bot.http_hardening import json_error
from bot.messages import BAD_REQUEST, BAD_SENDER, EMPTY, NOT_AUTHENTICATED, NOT_JSON, TOO_LONG, too_many
from bot.normalise import normalise
from bot.privacy import mask
from bot.typography import french
from conversation.settings import current
from conversation.shared import APOLOGY

logger = logging.getLogger(__name__)

DEFAULT_MAX_LENGTH = 1000  # a life story and its question (visitors write 500–600 characters)
SENDER = re.compile(r"web-[0-9a-f]{32}")  # the widget's own id: 16 random bytes (bot/web/widget.js)
REST_SENDER = re.compile(r"[A-Za-z0-9_.:-]{1,128}")  # integrations choose their own ids (under rest:)


def visitor_text(text: str) -> str:
    """What Rasa, and so its tracker store, gets from any channel: normalised, personal data masked."""
    return mask(normalise(text))


def parse_json(body: bytes) -> Any:
    """The request's JSON, or a RequestError: bad UTF-8, bad JSON and nesting too deep for
    Python's parser (RecursionError) are all the same French 400."""
    try:
        return json.loads(body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise RequestError(400, BAD_REQUEST) from exc


def webhook_blueprint(name: str) -> Blueprint:
    """A channel's blueprint with the health route every Rasa channel has."""
    blueprint = Blueprint(name, __name__)

    @blueprint.route("/", methods=["GET"])
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    return blueprint


def json_object(body: bytes) -> dict[str, Any]:
    """A platform's update: a JSON object, or a RequestError (the French 400)."""
    payload = parse_json(body)
    if not isinstance(payload, dict):
        raise RequestError(400, BAD_REQUEST)
    return payload


def read_message(body: bytes, max_length: int, sender_pattern: re.Pattern[str] = SENDER) -> tuple[str, str]:
    """(sender, text) from a request body, or a RequestError with a French message for the page."""
    payload = parse_json(body)
    if not isinstance(payload, dict):
        raise RequestError(400, BAD_REQUEST)
    sender, text = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not sender_pattern.fullmatch(sender):
        raise RequestError(400, BAD_SENDER)
    if not isinstance(text, str):
        raise RequestError(400, BAD_REQUEST)
    text = normalise(text)
    if not text:
        raise RequestError(400, EMPTY)
    if len(text) > max_length:
        raise RequestError(413, TOO_LONG.format(length=len(text), limit=max_length))
    return sender, text


class CollectedReplies(PlatformRecipient, CollectingOutputChannel):
    """Rasa's collecting channel; each reply names the client's own id, not the conversation key."""


class CheckedInput(InputChannel):
    """A JSON channel that checks every message before Rasa sees it: well-formed, not too long,
    within the sender's rate limit, personal data masked; and never answers with silence."""

    sender_pattern = SENDER

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        from bot import rasa_patches

        if not rasa_patches.applied():
            logger.warning(
                "Rasa was started without bot/rasa_cli.py (e.g. `rasa run` by hand): no French typography, "
                "request-size limit or action time limit. Start the bot with `make run`."
            )
        credentials = credentials or {}
        return cls(int(credentials.get("max_message_length") or DEFAULT_MAX_LENGTH))

    def __init__(self, max_message_length: int = DEFAULT_MAX_LENGTH) -> None:
        self.max_message_length = max_message_length

    def metadata(self, request: Request) -> dict[str, Any]:
        return {}

    def replies(self, collected: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return collected

    def output_channel(self) -> CollectingOutputChannel:
        """Where the bot's replies to one message are collected."""
        return CollectedReplies()

    def refusal(self, request: Request) -> HTTPResponse | None:
        """A request refused before its body is read: JSON only, so that a web page on another
        site cannot post without the browser asking first (a preflight)."""
        media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return json_error(NOT_JSON, 415)
        return None

    async def answer(self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> HTTPResponse:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        try:
            sender, text = read_message(request.body, self.max_message_length, self.sender_pattern)
        except RequestError as error:
            return json_error(error.message, error.status)
        key = conversation_key(self.name(), sender)  # never another channel's conversation
        limiter = ratelimit.shared()
        address = ratelimit.counted_address(request.ip, request.headers.get("X-Forwarded-For"), limiter.limits)
        wait = limiter.retry_after(key, address)
        if wait:
            return json_error(too_many(wait), 429, {"Retry-After": str(wait)})
        collector = self.output_channel()
        text = mask(text)
        message = UserMessage(text, collector, key, input_channel=self.name(), metadata=self.metadata(request))
        try:
            await on_new_message(message)
        except Exception:  # noqa: BLE001 - the visitor must get an answer, the log gets the details
            logger.exception("%s: could not handle a message", self.name())
        return response.json(self.replies(collector.messages) or [{"text": french(APOLOGY), "buttons": []}])


def bearer_token(request: Request) -> str:
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison, so a forger learns nothing from response times."""
    return hmac.compare_digest(given.encode(), expected.encode())


class RestInput(CheckedInput):
    """Rasa's REST channel (same URL, request and reply format), with the checks above; the
    integrations' API, so when REST_TOKEN is set every request must carry it as a bearer token
    (whatever its address: behind a proxy on the same machine every caller is loopback)."""

    sender_pattern = REST_SENDER

    def refusal(self, request: Request) -> HTTPResponse | None:
        token = current().rest_token
        if token and not same_secret(bearer_token(request), token):
            return json_error(NOT_AUTHENTICATED, 401, {"WWW-Authenticate": "Bearer"})
        return super().refusal(request)

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest = webhook_blueprint("custom_webhook_RestInput")

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.answer(request, on_new_message)

        return rest
