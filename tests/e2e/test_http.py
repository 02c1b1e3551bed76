"""End to end: the real action server and Rasa server, real questions over HTTP.

The stack (conftest.py) runs on its own ports (5105/5155) so it never talks to a bot
started with `make run`.
"""

from __future__ import annotations

import uuid

from bot.stack import Stack
from tests.e2e.stored import rest


def ask(stack: Stack, sender: str, message: str) -> str:
    return "\n".join(r.get("text", "") for r in stack.send(sender, message))


def normalise(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_first_message_gets_the_disclosure_then_the_answer(bot) -> None:
    reply = normalise(ask(bot, f"e2e-{uuid.uuid4()}", "combien gagne une assistante medicale en debut de carriere"))
    assert "assistant automatisé" in reply and "aucun avis médical" in reply
    assert "22 000 à 27 000 € brut par an" in reply
    assert "D'après « Comment devenir assistant médical »" in reply


def test_aide_soignante_gets_the_112_hour_fae_and_follow_up_duration(bot) -> None:
    sender = f"e2e-{uuid.uuid4()}"
    reply = normalise(ask(bot, sender, "je suis aide soignante, comment devenir assistante médicale ?"))
    assert "112 heures" in reply and "DEAS" in reply
    reply = normalise(ask(bot, sender, "ça dure combien de temps ?"))
    assert "112 heures" in reply


def test_salary_follow_up_with_experience(bot) -> None:
    sender = f"e2e-{uuid.uuid4()}"
    ask(bot, sender, "c koi le salaire d'une assistante medicale")
    reply = normalise(ask(bot, sender, "et avec de l'experience ?"))
    assert "28 000 à 33 000 € brut par an" in reply and "22 000" not in reply


def test_sloppy_questions_on_several_topics(bot) -> None:
    sender = f"e2e-{uuid.uuid4()}"
    cases = {
        "cb coute la formation ?": "5 000 à 10 000 €",
        "ou travaille une assistante medicale": "hôpitaux",
        "quels sont les inconvenients du metier": "charge mentale",
        "c'est quoi le cqp": "accueil administratif",
    }
    for question, fact in cases.items():
        assert fact in normalise(ask(bot, sender, question)), question


def test_medical_question_is_refused_with_the_emergency_number(bot) -> None:
    reply = ask(bot, f"e2e-{uuid.uuid4()}", "j'ai de la fièvre et mal à la tête, je prends quoi ?")
    assert "avis médical" in reply and "15" in reply


def test_full_orientation_conversation_then_salary_and_feedback(bot, feedback_db: str) -> None:
    sender = f"e2e-{uuid.uuid4()}"
    reply = normalise(ask(bot, sender, "je suis aide soignante depuis 6 ans, quelle formation pour moi ?"))
    # The profile decides the route: it comes at once, with why, duration and source.
    assert "titulaire du DEAS" in reply and "6 ans d'expérience" in reply and "112 heures" in reply
    assert "D'après « Comment devenir assistant médical »" in reply and "Quel diplôme" not in reply
    reply = normalise(ask(bot, sender, "avec mon cpf"))
    assert "112 heures" in reply and "CPF" in reply
    reply = normalise(ask(bot, sender, "combien je gagnerais ?"))
    assert "22 000 à 27 000 € brut par an" in reply  # a future assistant starts out: not asked
    reply = normalise(ask(bot, sender, "à l'hôpital"))
    assert "22 000 à 27 000 € brut par an" in reply and "grilles indiciaires" in reply
    reply = normalise(ask(bot, sender, "ça ne répond pas à ma question"))
    assert "Merci" in reply

    from feedback.store import FeedbackStore
    from knowledge.db import make_engine

    [row] = [f for f in FeedbackStore(make_engine(feedback_db)).feedback() if f.sender_id == rest(sender)]
    assert (row.sender_id, row.helpful, row.question) == (rest(sender), False, "combien je gagnerais ?")
