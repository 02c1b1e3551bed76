"""French no-break spaces on every bot text (bot/typography.py), and the patch that applies them."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel

from bot import rasa_patches
from bot.typography import NARROW_NBSP as N
from bot.typography import NBSP as S
from bot.typography import french, french_message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Que souhaitez-vous savoir ?", f"Que souhaitez-vous savoir{N}?"),
        ("Bravo ! Et ensuite ; la suite", f"Bravo{N}! Et ensuite{N}; la suite"),
        ("Sources : l'article", f"Sources{S}: l'article"),
        ("D'après « Comment devenir assistant médical ».", f"D'après «{S}Comment devenir assistant médical{S}»."),
        ("«mot»", f"«{S}mot{S}»"),
        ("(pourquoi ?)", f"(pourquoi{N}?)"),
        ("Vraiment ?!", f"Vraiment{N}?!"),
        ("de 22 000 à 27 000 € brut", f"de 22{N}000 à 27{N}000{S}€ brut"),
        ("1 250 000 personnes", f"1{N}250{N}000 personnes"),
        ("30 % des cas, 112 heures, 10 h", f"30{S}% des cas, 112{S}heures, 10{S}h"),
        # A space that was already a no-break one of the wrong width is corrected.
        (f"Pourquoi{S}?", f"Pourquoi{N}?"),
    ],
)
def test_french_spaces(text: str, expected: str) -> None:
    assert french(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "https://www.example.fr/page?x=1&y=2#a:b",
        "Rendez-vous à 10:30, ou à 9h15.",
        "Le 06/12/2024, 3,5 %",
        "merci :) et :-) ou ;) ou :D",
        "Quoi?",  # no space written: none added (it may be a code, a URL part…)
        "numéro 0612345678",
        "ligne\n? au début",
        "",
    ],
)
def test_urls_times_numbers_and_emoticons_are_left_alone(text: str) -> None:
    assert french(text) == text.replace("3,5 %", f"3,5{S}%")


@pytest.mark.parametrize(
    "text",
    [
        "Que souhaitez-vous savoir ? « Le salaire » : 22 000 € ; bravo !",
        "Sources : https://example.fr/a?b=1 à 10:30 :)",
    ],
)
def test_idempotent(text: str) -> None:
    once = french(text)
    assert once != text and french(once) == once


def test_message_titles_are_typeset_but_not_payloads() -> None:
    message = {
        "text": "Une question ?",
        "buttons": [{"title": "Quelle formation pour moi ?", "payload": "/start_orientation"}],
        "custom": {"x": 1},
    }
    typeset = french_message(message)
    assert typeset == {
        "text": f"Une question{N}?",
        "buttons": [{"title": f"Quelle formation pour moi{N}?", "payload": "/start_orientation"}],
        "custom": {"x": 1},
    }
    assert message["text"] == "Une question ?"  # the caller's dict is not changed


def test_every_output_channel_sends_typeset_text() -> None:
    rasa_patches.apply()
    channel = CollectingOutputChannel()
    buttons = [{"title": "Le salaire ?", "payload": "/ask_salary"}]
    asyncio.run(channel.send_response("v", {"text": "Combien : « beaucoup » !", "buttons": buttons}))
    [sent] = channel.messages
    assert sent["text"] == f"Combien{S}: «{S}beaucoup{S}»{N}!"
    assert sent["buttons"] == [{"title": f"Le salaire{N}?", "payload": "/ask_salary"}]
