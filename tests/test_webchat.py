"""The checked channels' request reading and the web chat's reply shaping (no server needed)."""

from __future__ import annotations

import json

import pytest

from bot.checked_channel import RequestError, read_message
from bot.webchat import WebChatInput, bot_messages

SENDER = "web-0123456789abcdef0123456789abcdef"


def body(**fields: object) -> bytes:
    return json.dumps(fields).encode("utf-8")


def test_reads_sender_and_trimmed_text() -> None:
    assert read_message(body(sender=SENDER, message="  c koi le cqp \n"), 500) == (SENDER, "c koi le cqp")


def test_control_characters_are_removed() -> None:
    assert read_message(body(sender=SENDER, message="\x00\x07\x1b[31mbonjour\x7f\u0085\n"), 500)[1] == "[31mbonjour"
    assert read_message(body(sender=SENDER, message="ligne 1\nligne 2\tfin"), 500)[1] == "ligne 1\nligne 2\tfin"
    with pytest.raises(RequestError):
        read_message(body(sender=SENDER, message="\x00\x01"), 500)


def test_length_limit_counts_characters_not_bytes() -> None:
    assert read_message(body(sender=SENDER, message="é" * 500), 500)[1] == "é" * 500
    with pytest.raises(RequestError) as error:
        read_message(body(sender=SENDER, message="é" * 501), 500)
    assert error.value.status == 413
    assert error.value.message.startswith("Votre message est trop long (501 caractères) : 500 caractères")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "Requête invalide"),
        (b"{", "Requête invalide"),
        (b'"bonjour"', "Requête invalide"),
        (b"\x80\x81", "Requête invalide"),
        (body(message="bonjour"), "Identifiant de conversation invalide."),
        (body(sender="court", message="bonjour"), "Identifiant de conversation invalide."),
        (body(sender="a" * 65, message="bonjour"), "Identifiant de conversation invalide."),
        (body(sender="web-<script>-000", message="bonjour"), "Identifiant de conversation invalide."),
        (body(sender=SENDER + "\n", message="bonjour"), "Identifiant de conversation invalide."),
        (b"[" * 100_000 + b"]" * 100_000, "Requête invalide"),
        (b'{"sender": ' * 50_000, "Requête invalide"),
        (body(sender=SENDER, message="\u200b\u200d "), "Votre message est vide"),
        (body(sender=SENDER, message=["bonjour"]), "Requête invalide"),
        (body(sender=SENDER, message=" \t "), "Votre message est vide"),
    ],
)
def test_bad_requests_are_refused_with_a_french_message(raw: bytes, expected: str) -> None:
    with pytest.raises(RequestError) as error:
        read_message(raw, 500)
    assert error.value.status == 400
    assert error.value.message.startswith(expected)


def test_replies_keep_text_and_buttons_only() -> None:
    collected = [
        {"recipient_id": SENDER, "text": "Bonjour", "buttons": [{"title": "Le salaire", "payload": "/ask_salary"}]},
        {"recipient_id": SENDER, "image": "http://example.org/x.png"},
        {"recipient_id": SENDER, "text": "<b>texte</b>", "custom": {"x": 1}},
    ]
    assert bot_messages(collected) == [
        {"text": "Bonjour", "buttons": [{"title": "Le salaire", "payload": "/ask_salary"}]},
        {"text": "<b>texte</b>", "buttons": []},  # the widget shows it as text
    ]


def test_rating_buttons_are_set_apart_and_the_deletion_is_flagged() -> None:
    from bot.typography import french
    from conversation.shared import DATA_DELETED, FEEDBACK_BUTTONS, FORGOTTEN

    topic = {"title": "Le salaire", "payload": "/ask_salary"}
    collected = [
        {"text": "Réponse", "buttons": [topic, *FEEDBACK_BUTTONS]},
        {"text": french(FORGOTTEN), DATA_DELETED: True},  # typeset by the output channel, marked by WebChatOutput
        {"text": french(FORGOTTEN)},  # the same words without the marker are only text
    ]
    assert bot_messages(collected) == [
        {"text": "Réponse", "buttons": [topic], "rating": FEEDBACK_BUTTONS},
        {"text": french(FORGOTTEN), "buttons": [], "forget": True},
        {"text": french(FORGOTTEN), "buttons": []},
    ]


def test_a_vote_carries_the_rated_question_masked() -> None:
    from types import SimpleNamespace

    from conversation.shared import RATED_QUESTION, WELCOME_SHOWN

    channel = WebChatInput()
    body = b'{"sender": "web-12345678", "message": "/feedback_positive", "rated": "moi@example.fr, salaire ?"}'
    assert channel.metadata(SimpleNamespace(body=body)) == {
        WELCOME_SHOWN: True,
        RATED_QUESTION: "[e-mail masqué], salaire ?",
    }
    assert channel.metadata(SimpleNamespace(body=b"[1]")) == {WELCOME_SHOWN: True}


def test_limit_comes_from_credentials() -> None:
    assert WebChatInput.from_credentials({"max_message_length": 280}).max_message_length == 280
    assert WebChatInput.from_credentials(None).max_message_length == 1000
