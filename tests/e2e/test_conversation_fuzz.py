"""Seeded random conversations against the real stack: no state of a conversation traps a visitor.

Each conversation mixes what visitors type inside and outside the adviser ("je ne sais pas",
"euh", ages, numbers, emoji, nonsense, re-asking, changing an answer, digressions, stop,
hand-off, deletion). Every turn must get a reply that is not empty, repeats no text, and is
never the generic apology; after "supprimez mes données" nothing is left for that visitor
in either database. Bounded: 40 conversations of at most 8 turns, and a time budget.
"""

from __future__ import annotations

import json
import random
import time
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.stack import Stack
from bot.typography import french
from conversation.shared import APOLOGY, FORGOTTEN
from tests.e2e.stored import rest

SEED = 20261202
CONVERSATIONS = 40
MAX_TURNS = 8
TIME_BUDGET_SECONDS = 420

STARTS = [
    "quelle formation pour moi ?",
    "combien je gagnerais ?",
    "je suis aide-soignante",
    "je suis secrétaire médicale depuis 8 ans",
    "j'ai le bac",
    "je toucherais combien pour mon premier poste ?",
    "c koi un assistant medical",
    "bonjour",
]
POOL = [
    "je ne sais pas",
    "jsp",
    "euh",
    "peu importe",
    "je préfère ne pas répondre",
    "j'ai 35 ans",
    "3 ans",
    "6",
    "aucune",
    "oui",
    "non",
    "😀👍",
    "azerty qsdfgh",
    "??",
    "quelle formation pour moi ?",
    "combien je gagnerais ?",
    "en fait j'ai le DEAS",
    "je suis infirmière",
    "vendeuse",
    "sinon, c'est bien payé ?",
    "ça dure combien de temps ?",
    "et à l'hôpital ?",
    "stop",
    "recommencer",
    "je veux parler à un humain",
    "j'ai mal à la tête, je prends quoi ?",
    "quel temps fait-il ?",
    "merci",
    "mon numéro : 06 12 34 56 78",
    "pas utile",
]
DELETE = "supprimez mes données"


def texts(replies: list[dict]) -> list[str]:
    return [r.get("text") or "" for r in replies]


def stored_events(tracker_db: str, sender: str) -> int:
    engine = create_engine(tracker_db)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender}).scalar()
    engine.dispose()
    return int(count or 0)


def feedback_rows(feedback_db: str, sender: str) -> int:
    engine = create_engine(feedback_db)
    with engine.connect() as connection:
        tables = [r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
        total = 0
        for table in tables:
            columns = [r[1] for r in connection.execute(text(f"PRAGMA table_info({table})"))]
            if "sender_id" in columns:
                query = text(f"SELECT COUNT(*) FROM {table} WHERE sender_id = :s")  # noqa: S608 - table names from SQLite
                total += int(connection.execute(query, {"s": sender}).scalar() or 0)
    engine.dispose()
    return total


def check_turn(message: str, replies: list[dict]) -> None:
    shown = texts(replies)
    assert replies and all(t.strip() for t in shown), f"empty reply to {message!r}: {replies}"
    assert len(set(shown)) == len(shown), f"a text repeated in the reply to {message!r}: {shown}"
    assert french(APOLOGY) not in shown, f"the apology answered {message!r}"


def conversation(rng: random.Random) -> list[str]:
    turns = [rng.choice(STARTS)] + [rng.choice(POOL) for _ in range(rng.randint(2, MAX_TURNS - 2))]
    if rng.random() < 0.4:
        turns.insert(rng.randint(1, len(turns)), DELETE)
    return turns


def test_the_lock_reported_in_issue_13_is_gone(bot: Stack, tracker_db: str) -> None:
    sender = f"lock-{uuid.uuid4().hex}"
    bot.send(sender, "quelle formation pour moi ?")
    dont_know = texts(bot.send(sender, "je ne sais pas"))
    assert sum("pas sûr d'avoir compris" in t or "pas bien compris" in t for t in dont_know) <= 1
    salary = " ".join(texts(bot.send(sender, "combien gagne une assistante medicale ?"))).replace("\u202f", " ")
    assert "22 000" in salary
    assert texts(bot.send(sender, DELETE)) == [french(FORGOTTEN)]
    assert stored_events(tracker_db, rest(sender)) == 0


@pytest.mark.parametrize("pending", ["euh", "j'ai 35 ans", "06 12 34 56 78", "quelle formation pour moi ?"])
def test_nothing_said_to_a_pending_question_locks_the_conversation(bot: Stack, pending: str) -> None:
    sender = f"pending-{uuid.uuid4().hex}"
    bot.send(sender, "quelle formation pour moi ?")
    for message in (pending, pending, "stop", "combien dure la formation ?"):
        check_turn(message, bot.send(sender, message))
    last = " ".join(texts(bot.send(sender, "combien gagne une assistante medicale ?"))).replace("\u202f", " ")
    assert "22 000" in last


def test_random_conversations_are_all_clean(bot: Stack, tracker_db: str, feedback_db: str) -> None:
    rng = random.Random(SEED)
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    played = clean = 0
    failures: list[str] = []
    for number in range(CONVERSATIONS):
        if time.monotonic() > deadline:
            break
        sender = f"fuzz-{number}-{uuid.uuid4().hex[:8]}"
        turns = conversation(rng)
        played += 1
        try:
            for message in turns:
                replies = bot.send(sender, message)
                check_turn(message, replies)
                if message == DELETE:
                    assert texts(replies) == [french(FORGOTTEN)], f"deletion not confirmed: {texts(replies)}"
                    assert stored_events(tracker_db, rest(sender)) == 0, "tracker rows left after deletion"
                    assert feedback_rows(feedback_db, rest(sender)) == 0, "feedback rows left after deletion"
            clean += 1
        except AssertionError as error:
            failures.append(f"{json.dumps(turns, ensure_ascii=False)}: {error}")
    print(f"\nconversation fuzz: {clean}/{played} clean (seed {SEED})")
    assert played >= CONVERSATIONS // 2, "time budget too small to play enough conversations"
    assert not failures, "\n".join(failures)


PERSONAS = [
    ("aide-soignante", ["bonjour, je suis aide soignante et je voudrais devenir assistante médicale"], "112 heures"),
    ("nurse", ["quelle formation pour moi ?", "je suis infirmiere"], "112 heures"),
    ("auxiliaire de puériculture", ["jsuis auxiliaire de puericulture, je fais quoi comme formation"], "112 heures"),
    ("medical secretary, 8 years", ["je suis secrétaire médicale depuis 8 ans, quelle formation ?"], "VAE"),
    ("salesperson with the bac", ["je suis vendeuse avec le bac, je veux devenir assistante medicale"], "CQP"),
    ("no bac", ["quelle formation pour moi ?", "j'ai pas le bac"], "ne disent pas"),
    ("does not know anything", ["quelle formation pour moi ?", "je sais pas", "je sais pas", "je sais pas"], "CQP"),
]


@pytest.mark.parametrize(("persona", "messages", "fact"), PERSONAS, ids=[p[0] for p in PERSONAS])
def test_each_persona_gets_a_useful_answer_within_three_turns(bot: Stack, persona, messages, fact) -> None:
    sender = f"persona-{uuid.uuid4().hex}"
    seen = []
    for message in messages:
        replies = bot.send(sender, message)
        check_turn(message, replies)
        seen.append(" ".join(texts(replies)))
        if french(fact) in seen[-1]:  # the bot's texts are typeset ("112\u00a0heures")
            break
    assert french(fact) in seen[-1] and len(seen) <= 3, f"{persona}: {seen}"
