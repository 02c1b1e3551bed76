"""The Rasa server's HTTP edge (bot/http_hardening.py): French errors, size limit, headers, no banner."""

from __future__ import annotations

import json
import logging

import pytest
from sanic import Sanic
from sanic.exceptions import InvalidUsage, MethodNotSupported, NotFound, PayloadTooLarge

from bot import http_hardening
from bot.http_errors import RequestError
from bot.typography import french


class FakeRequest:
    method = "POST"
    path = "/webhooks/rest/webhook"


@pytest.mark.parametrize(
    ("exception", "status", "start"),
    [
        (PayloadTooLarge("Request body exceeds the size limit"), 413, "Requête trop volumineuse : 64 Ko"),
        (InvalidUsage("Failed when parsing body as json"), 400, "Requête invalide"),
        (RecursionError("maximum recursion depth exceeded"), 400, "Requête invalide"),
        (UnicodeDecodeError("utf-8", b"\x80", 0, 1, "invalid start byte"), 400, "Requête invalide"),
        (NotFound("Requested URL /x not found"), 404, "Adresse inconnue"),
        (MethodNotSupported("Method GET not allowed", "GET", ["POST"]), 405, "Méthode non autorisée"),
        (RequestError(429, "Trop de messages."), 429, "Trop de messages"),
        (KeyError("boom"), 500, "Erreur interne"),
    ],
)
def test_every_error_is_a_short_french_json_error(exception, status, start, caplog) -> None:
    caplog.set_level(logging.WARNING)
    reply = http_hardening.french_error(FakeRequest(), exception)
    assert reply.status == status
    said = json.loads(reply.body)["error"]
    assert said == french(said)  # typeset like every bot text
    assert " ".join(said.replace("\u00a0", " ").replace("\u202f", " ").split()).startswith(start)
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    if status == 400:  # a refused body: one line, no traceback
        assert len(caplog.records) == 1 and caplog.records[0].exc_info is None


def test_the_server_gets_the_size_limit_and_the_handlers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUEST_MAX_BYTES", "32768")
    app = http_hardening.harden(Sanic("hardening_test"))
    assert app.config.REQUEST_MAX_SIZE == 32768
    handler = app.error_handler.lookup(RecursionError(), None)
    assert handler is http_hardening.french_error


def test_the_patches_install_the_hardening_and_the_quiet_root_route() -> None:
    import rasa.core.run
    import rasa.server

    from bot import rasa_patches

    rasa_patches.apply()
    assert rasa.core.run.configure_app.__wrapped__ is not None
    assert rasa.server.add_root_route is http_hardening.add_root_route
