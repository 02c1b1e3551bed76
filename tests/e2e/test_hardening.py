"""Probes of a hostile visitor against the real stack (issue: request limits, personal data,
rate limit, the action server): each one failed before the hardening."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from bot.messages import too_many
from bot.stack import Stack
from bot.typography import french
from tests.e2e.conftest import ACTION_SERVER_TOKEN, PER_ADDRESS, REST_AUTH
from tests.e2e.stored import rest, stored_texts


def http(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json", **REST_AUTH, **(headers or {})}, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def message(sender: str, text_: str) -> bytes:
    return json.dumps({"sender": sender, "message": text_}).encode()


def rasa_log(bot: Stack) -> str:
    return bot.log("rasa")


def test_an_oversized_body_is_refused_from_its_length_before_it_is_sent(bot: Stack) -> None:
    """Only the headers are sent: a server that waited for the 95 MB body would time out."""
    with socket.create_connection(("127.0.0.1", bot.rasa_port), timeout=10) as connection:
        connection.sendall(
            b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 95000000\r\n\r\n"
        )
        reply = connection.recv(4096).decode("utf-8", errors="replace")
    assert reply.startswith("HTTP/1.1 413")
    assert json.loads(reply.split("\r\n\r\n", 1)[1])["error"].startswith("Requête trop volumineuse")


def test_a_body_just_over_the_limit_gets_the_french_413_on_every_webhook(bot: Stack) -> None:
    body = message("big-" + uuid.uuid4().hex, "a" * 70_000)
    for path in ("rest/webhook", "webchat/webhook", "telegram/webhook"):
        status, headers, reply = http(f"{bot.rasa_url}/webhooks/{path}", body)
        assert status == 413, path
        assert json.loads(reply)["error"].startswith("Requête trop volumineuse")
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_deep_nesting_gets_the_french_400_and_one_log_line_without_traceback(bot: Stack) -> None:
    before = rasa_log(bot).count("Traceback")
    # Deeper than Python's parser can go, yet under the size limit.
    for body in (b"[" * 20_000 + b"]" * 20_000, b'{"a":' * 5_000 + b"1" + b"}" * 5_000):
        status, _, reply = http(bot.webhook_url, body)
        assert status == 400
        assert json.loads(reply)["error"].startswith("Requête invalide")
    time.sleep(0.5)
    assert rasa_log(bot).count("Traceback") == before


def test_a_lone_surrogate_does_not_lose_the_turn(bot: Stack, tracker_db: str) -> None:
    sender = "surrogate-" + uuid.uuid4().hex
    body = f'{{"sender": "{sender}", "message": "combien gagne une assistante medicale \\ud800 ?"}}'.encode()
    status, _, reply = http(bot.webhook_url, body)
    replies = json.loads(reply)
    said = " ".join(r.get("text", "") for r in replies).replace("\u202f", " ").replace("\u00a0", " ")
    assert status == 200
    assert "€" in said and "Désolé" not in said
    assert stored_texts(tracker_db, rest(sender)) == ["combien gagne une assistante medicale \ufffd ?"]


def test_personal_data_is_masked_through_invisible_characters_and_new_kinds(bot: Stack, tracker_db: str) -> None:
    sender = "pii2-" + uuid.uuid4().hex
    typed = (
        "06\u200b12 34 56 78, iban FR76 3000 6000 0112 3456 7890 189, carte 4970 1012 3456 7893, "
        "secu 1-85-05-78-006-084-36, jean@exämple.fr, née le 12/03/1990, je m'appelle Marie Dupont, "
        "12 rue des Lilas 75015 Paris"
    )
    status, _, _ = http(bot.webhook_url, message(sender, typed))
    assert status == 200
    [stored] = stored_texts(tracker_db, rest(sender))
    for secret in ("12 34", "3000", "4970", "006-084", "exämple", "1990", "Dupont", "Lilas", "75015"):
        assert secret not in stored, secret
    assert len(re.findall(r"\[[^\]]+ masquée?\]", stored)) == 8, stored


def test_a_sender_id_with_a_trailing_newline_is_refused(bot: Stack, tracker_db: str) -> None:
    sender = "newline-" + uuid.uuid4().hex
    status, _, reply = http(bot.webhook_url, message(sender + "\n", "bonjour"))
    assert status == 400 and json.loads(reply)["error"] == "Identifiant de conversation invalide."
    assert stored_texts(tracker_db, rest(sender + "\n")) == []


def test_new_ids_from_one_address_are_limited_and_told_when_to_retry(bot: Stack) -> None:
    """The test comes from 127.0.0.1 (the trusted proxy here) and names its client address."""
    client = {"X-Forwarded-For": f"203.0.113.{uuid.uuid4().int % 200 + 1}"}
    senders = [f"addr-{i}-{uuid.uuid4().hex}" for i in range(PER_ADDRESS)]
    statuses = [http(bot.webhook_url, message(sender, "bonjour"), client)[0] for sender in senders]
    assert set(statuses) == {200}
    status, headers, reply = http(bot.webhook_url, message("addr-new-" + uuid.uuid4().hex, "bonjour"), client)
    assert status == 429
    wait = int(headers["Retry-After"])
    assert 1 <= wait <= 60 and json.loads(reply) == {"error": french(too_many(wait))}
    other = {"X-Forwarded-For": "198.51.100.77"}
    assert http(bot.webhook_url, message("addr-other-" + uuid.uuid4().hex, "bonjour"), other)[0] == 200


def test_the_action_server_refuses_requests_without_the_shared_secret(bot: Stack) -> None:
    action_url = f"http://127.0.0.1:{bot.action_port}"
    call = json.dumps(
        {"next_action": "action_delete_my_data", "sender_id": "victim", "tracker": {"sender_id": "victim"}}
    ).encode()
    assert http(f"{action_url}/webhook", call)[0] == 401
    assert http(f"{action_url}/webhook", call, {"X-Action-Token": "guess"})[0] == 401
    assert http(f"{action_url}/actions", method="GET")[0] == 401
    assert http(f"{action_url}/health", method="GET")[0] == 200
    status, _, reply = http(f"{action_url}/actions", headers={"X-Action-Token": ACTION_SERVER_TOKEN}, method="GET")
    assert status == 200 and {"name": "action_delete_my_data"} in json.loads(reply)
    # and Rasa, which carries it, still runs custom actions
    replies = json.loads(http(bot.webhook_url, message("token-" + uuid.uuid4().hex, "combien gagne une assistante"))[2])
    assert "€" in " ".join(r.get("text", "") for r in replies)


def test_the_databases_are_readable_by_their_owner_only(tracker_db: str, feedback_db: str) -> None:
    for url in (tracker_db, feedback_db):
        path = Path(url.removeprefix("sqlite:///"))
        assert path.exists(), path
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_no_version_banner_and_nosniff_and_permissions_policy(bot: Stack) -> None:
    status, _, body = http(f"{bot.rasa_url}/", method="GET")
    assert status == 200 and b"Rasa" not in body and b"3.6" not in body
    status, headers, _ = http(bot.webhook_url, message("headers-" + uuid.uuid4().hex, "bonjour"))
    assert status == 200 and headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = http(f"{bot.rasa_url}/no/such/page", method="GET")
    assert status == 404 and json.loads(body)["error"] == "Adresse inconnue."
    assert headers["X-Content-Type-Options"] == "nosniff"
    _, headers, _ = http(bot.chat_url, method="GET")
    assert "camera=()" in headers["Permissions-Policy"]
