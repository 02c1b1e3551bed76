"""A question that picks up the words of the bot's previous reply is answered with that line, and
that its sources say no more (actions/echo.py)."""

from __future__ import annotations

from typing import Any

import actions.actions as bot_actions
from actions.echo import previous_reply
from knowledge.text import fold
from tests.conftest import make_tracker, run_action

BLOCKS_REPLY = (
    "Le CQP Assistant médical est la voie d'accès principale au métier.\n"
    "Il comprend 4 blocs de compétences (les quatre blocs de compétences peuvent être validés séparément) :\n"
    "- suivi du parcours de santé du patient\n"
    "- accueil administratif\n"
    "D'après « Comment devenir assistant médical » (« Quelle formation pour devenir assistant médical ? »)."
)
DRAWBACKS_REPLY = (
    "Les contraintes à anticiper :\n"
    "- Une charge mentale importante : accueil, téléphone, informatique et assistance au médecin en même temps, "
    "une pression constante qui peut s'avérer épuisante, surtout lors des pics d'activité saisonniers.\n"
    "D'après « Comment devenir assistant médical » (« Avantages et inconvénients du métier »)."
)


def _conversation(previous: str, text: str) -> list[dict[str, Any]]:
    return [
        {"event": "bot", "text": "Bonjour, je suis un assistant automatisé."},
        {"event": "user", "text": "question d'avant"},
        {"event": "bot", "text": previous},
        {"event": "user", "text": text},
    ]


def _reply(intent: str, text: str, previous: str, confidence: float = 0.5, slots: dict | None = None) -> str:
    action = bot_actions.ActionClarify() if intent == "nlu_fallback" else bot_actions.ActionAnswer()
    tracker = make_tracker(
        intent, text=text, confidence=confidence, events=_conversation(previous, text), slots=slots or {}
    )
    messages, _ = run_action(action, tracker)
    return fold(" ".join(m.get("text") or "" for m in messages))


def test_a_question_in_the_words_of_the_last_reply_gets_that_line_and_no_more() -> None:
    said = _reply("ask_training", "on peut valider juste un bloc ?", BLOCKS_REPLY, slots={"topic": "training"})
    assert "validés séparément" in said or "valides separement" in said
    assert "ne disent rien de plus" in said and "d'apres" in said
    assert "accueil administratif" not in said  # the line asked, not the whole reply again


def test_a_detail_the_sources_leave_out_is_said_to_be_all_they_say() -> None:
    said = _reply(
        "nlu_fallback",
        "les pics d'activité dont vous parlez, c'est à quelle période de l'année ?",
        DRAWBACKS_REPLY,
        confidence=0.4,
    )
    assert "ne disent rien de plus" in said and "pics d'activite" in said


def test_a_question_of_its_own_is_not_taken_for_an_echo() -> None:
    # An attribute asked in other words (« coûte combien »), an object the bot knows (« le CQP »),
    # an attribute's own name, a story or a word the reply does not hold: answered as usual.
    for intent, text in (
        ("ask_cost", "et les blocs, ça coûte combien ?"),
        ("ask_drawbacks", "et les inconvénients ?"),
        ("ask_training", "je suis aide-soignante, je peux valider un bloc ?"),
        ("ask_salary", "et le salaire ?"),
    ):
        said = _reply(intent, text, BLOCKS_REPLY, confidence=0.9, slots={"topic": "training"})
        assert "ne disent rien de plus" not in said, text


def test_the_previous_reply_is_what_the_bot_said_since_the_visitor_last_wrote() -> None:
    events = _conversation(BLOCKS_REPLY, "on peut valider juste un bloc ?")
    assert previous_reply(events) == BLOCKS_REPLY
    # The first message has no reply before it: the welcome names topics, it is not picked up.
    assert previous_reply(events[:1] + [{"event": "user", "text": "bonjour"}]) == ""


ROUTES_REPLY = (
    "Plusieurs voies mènent au métier :\n- le CQP Assistant médical : la voie principale\n"
    "D'après « Comment devenir assistant médical » (« Quelle formation pour devenir assistant médical ? »)."
)


def test_a_word_only_one_things_record_holds_is_about_that_thing() -> None:
    # « les blocs » are the CQP's alone: the CQP is answered, not the routes list again.
    said = _reply("ask_training", "ya combien de blocs", ROUTES_REPLY, confidence=0.7, slots={"topic": "training"})
    assert "4 blocs" in said and "plusieurs voies" not in said
    # What the sources are silent on is still said so, whatever record a word of it is in.
    night = _reply("ask_workplaces", "on travaille de nuit ?", ROUTES_REPLY, confidence=0.7)
    assert "ne precisent" in night


CAREER_REPLY = (
    "Avec l'expérience :\n"
    "- Devenir référent de la coordination de parcours de soins des patients chroniques.\n"
    "- Pour les profils les plus expérimentés : responsable administratif d'une maison de santé pluridisciplinaire.\n"
    "D'après « Comment devenir assistant médical » (« Les perspectives d'évolution pour votre carrière »)."
)


def test_two_common_words_together_pick_up_the_one_line_that_says_them() -> None:
    # « coordination » and « parcours » are each in many records; together, in few. The noun
    # phrase said first is what the question after it is about, not a statement.
    said = _reply("ask_programme", "et cette coordination de parcours, ça consiste en quoi ?", CAREER_REPLY, 0.55)
    assert "ne disent rien de plus" in said and "coordination de parcours de soins" in said
    assert "responsable administratif" not in said
