"""The Rasa server's HTTP edge: request size, errors, headers (applied by bot/rasa_patches.py).

- A request body over REQUEST_MAX_BYTES (default 64 KB: a message is at most 1 000
  characters; Telegram, Slack and Messenger updates are a few KB) is refused with a French
  413 from its Content-Length, before the body is read (Sanic's own REQUEST_MAX_SIZE; the
  default 100 MB let a 95 MB body be read and parsed first).
- Every error the server can raise before or around a channel (unparsable body, deep
  nesting, unknown route, wrong method, oversized body) is a short French JSON error with
  one log line and no traceback; only an unexpected failure is logged with its traceback.
- Every response carries `X-Content-Type-Options: nosniff`; `GET /` says the server is up
  without naming the Rasa version.
- A request line that is not UTF-8 gets the French 400 and one log line: Sanic 21 failed
  again while building the stand-in request for its error answer, and logged two tracebacks
  (with the raw line) instead of answering.
"""

from __future__ import annotations

import logging
from functools import update_wrapper
from typing import Any

from sanic import Sanic, response
from sanic.exceptions import MethodNotSupported, NotFound, PayloadTooLarge, SanicException
from sanic.request import Request
from sanic.response import BaseHTTPResponse, HTTPResponse

from bot.http_errors import RequestError
from bot.messages import BAD_REQUEST, INTERNAL, NOT_ALLOWED, NOT_FOUND, TOO_LARGE
from bot.typography import french
from conversation.settings import current

logger = logging.getLogger(__name__)


def request_max_bytes() -> int:
    return current().request_max_bytes


def json_error(message: str, status: int, headers: dict[str, str] | None = None) -> HTTPResponse:
    """Every refusal the server and its channels send: {"error": the French message, typeset}."""
    headers = {"X-Content-Type-Options": "nosniff", **(headers or {})}
    return response.json({"error": french(message)}, status=status, headers=headers)


def french_error(request: Request, exception: Exception) -> HTTPResponse:
    """The one error path of the server's own HTTP layer."""
    if isinstance(exception, RequestError):
        return json_error(exception.message, exception.status)
    if isinstance(exception, PayloadTooLarge):
        return json_error(TOO_LARGE.format(limit=request_max_bytes() // 1024), 413)
    if isinstance(exception, NotFound):
        return json_error(NOT_FOUND, 404)
    if isinstance(exception, MethodNotSupported):
        return json_error(NOT_ALLOWED, 405)
    if isinstance(exception, SanicException | ValueError | RecursionError | UnicodeError):
        status = getattr(exception, "status_code", 400) if isinstance(exception, SanicException) else 400
        logger.warning("%s %s refused (%s): %s", request.method, request.path, status, type(exception).__name__)
        return json_error(BAD_REQUEST if status == 400 else INTERNAL, status if status < 500 else 500)
    logger.error("%s %s failed", request.method, request.path, exc_info=exception)
    return json_error(INTERNAL, 500)


async def nosniff(_: Request, resp: BaseHTTPResponse) -> None:
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")


def answerable(create_empty_request: Any) -> Any:
    """sanic.http.Http.create_empty_request, dropping a URL that cannot be encoded back."""

    def create(self: Any) -> None:
        try:
            (self.url or "").encode()
        except UnicodeError:
            self.url = None
        create_empty_request(self)

    return update_wrapper(create, create_empty_request, assigned=(), updated=())


def harden(app: Sanic) -> Sanic:
    from sanic.http import Http

    if not hasattr(Http.create_empty_request, "__wrapped__"):
        Http.create_empty_request = answerable(Http.create_empty_request)  # type: ignore[method-assign]
    app.config.REQUEST_MAX_SIZE = request_max_bytes()
    for kind in (RequestError, SanicException, ValueError, RecursionError, UnicodeError, Exception):
        app.error_handler.add(kind, french_error)
    app.register_middleware(nosniff, "response")
    return app


def add_root_route(app: Sanic) -> None:
    """Rasa's `GET /`, without the version (it told a prober which vulnerabilities to try)."""

    @app.get("/")
    async def hello(_: Request) -> HTTPResponse:
        return response.text("Le serveur du bot fonctionne.")


def configured(configure_app: Any) -> Any:
    """rasa.core.run.configure_app, then the hardening above."""

    def configure(*args: Any, **kwargs: Any) -> Sanic:
        return harden(configure_app(*args, **kwargs))

    return update_wrapper(configure, configure_app, assigned=(), updated=())  # only sets __wrapped__
