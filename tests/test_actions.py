"""Every action, run on tracker fixtures; assertions are on the text the visitor receives."""

from __future__ import annotations

import time

import pytest
from rasa_sdk.events import SlotSet

from actions import actions as bot_actions
from actions import answers
from actions.actions import (
    ActionAnswer,
    ActionClarify,
    ActionHandoff,
    ActionOutOfScope,
    ActionSessionStart,
)
from actions.context import Context
from conversation.shared import APOLOGY, TOPIC_INTENTS
from tests.conftest import make_tracker, run_action

ARTICLE_000 = "« Comment devenir assistant médical »"
ARTICLE_001 = "« Assistant médical : formation, compétences et débouchés »"


def answer(intent: str, **kwargs) -> tuple[str, list]:
    messages, events = run_action(ActionAnswer(), make_tracker(intent, **kwargs))
    assert len(messages) == 1
    return messages[0]["text"], events


# (intent, entities, slots, facts the visitor must read)
TOPIC_FACTS = [
    ("ask_profession", {}, {}, ["2019", "Ma santé 2022", "désengorger"]),
    ("ask_missions", {}, {}, ["organiser l'agenda médical", "constantes vitales", "prélèvements sanguins"]),
    ("ask_training", {}, {}, ["CQP Assistant médical", "112 heures", "DEAS", "l'alternance", "VAE"]),
    ("ask_prerequisites", {}, {}, ["niveau baccalauréat", "secrétariat médical", "Bac + 3"]),
    ("ask_programme", {}, {}, ["Cours théoriques", "Ateliers pratiques", "Stages", "Certification"]),
    ("ask_duration", {}, {}, ["9 à 12 mois", "18 à 24 mois", "24 à 36 mois", "un an", "112 heures"]),
    ("ask_cost", {}, {}, ["5 000 à 10 000 €", "10 000 à 20 000 €", "financé par l'employeur", "estimations"]),
    ("ask_funding", {}, {}, ["CPF", "OPCO", "employeur"]),
    ("ask_skills", {}, {}, ["rigueur", "logiciels médicaux", "empathie"]),
    (
        "ask_salary",
        {},
        {},
        ["22 000 à 27 000 € brut par an", "1 460 à 1 790 € net par mois", "28 000 à 33 000 €"],
    ),
    ("ask_career", {}, {}, ["VAE", "pédiatrie", "coordination", "responsable administratif"]),
    ("ask_workplaces", {}, {}, ["hôpitaux", "cliniques", "maisons de santé", "urgences"]),
    ("ask_advantages", {}, {}, ["non pourvus", "utilité sociale", "un an"]),
    ("ask_drawbacks", {}, {}, ["rémunération modeste", "charge mentale"]),
    ("ask_job_market", {}, {}, ["non pourvus", "vieillissement de la population", "mobilité"]),
    ("ask_continuing_education", {}, {}, ["n'est pas obligatoire", "premiers secours", "RNCP", "CPF"]),
    ("compare_training", {}, {}, ["9 à 12 mois · Certificat", "18 à 24 mois · Diplôme d'État", "112 heures"]),
]


def test_every_topic_intent_has_a_fact_test() -> None:
    assert {row[0] for row in TOPIC_FACTS} == set(TOPIC_INTENTS)


@pytest.mark.parametrize(("intent", "entities", "slots", "facts"), TOPIC_FACTS)
def test_topic_answer_states_the_facts_and_cites_the_source(intent, entities, slots, facts) -> None:
    text, events = answer(intent, entities=entities, slots=slots)
    for fact in facts:
        assert fact in text, f"{fact!r} missing from:\n{text}"
    assert text.splitlines()[-1].startswith("D'après «")
    assert ARTICLE_000 in text or ARTICLE_001 in text
    assert SlotSet("topic", TOPIC_INTENTS[intent][0]) in events


def test_experienced_visitor_gets_only_the_experienced_band() -> None:
    text, _ = answer("ask_salary", entities={"experience": "experimente"})
    assert "28 000 à 33 000 € brut par an" in text and "1 860 à 2 190 € net" in text
    assert "22 000" not in text


def test_beginner_gets_only_the_starting_band() -> None:
    text, _ = answer("ask_salary", entities={"experience": "débutante"})
    assert "22 000 à 27 000 €" in text and "28 000" not in text


@pytest.mark.parametrize(
    ("entities", "fact"),
    [
        ({"workplace": "hopital"}, "grilles indiciaires"),
        ({"workplace": "libéral"}, "zones urbaines denses"),
        ({"workplace": "msp"}, "primes de résultats"),
        ({"training_format": "alternance"}, "SMIC"),
    ],
)
def test_salary_factor_follows_the_workplace(entities, fact) -> None:
    text, _ = answer("ask_salary", entities=entities)
    assert fact in text and "22 000" in text


@pytest.mark.parametrize("diploma", ["DEAS", "aide-soignante", "DEAP", "DEI", "infirmière"])
def test_health_diploma_holder_gets_the_112_hour_fae_not_the_generic_cqp(diploma) -> None:
    text, _ = answer("ask_training", entities={"diploma": diploma})
    assert "112 heures" in text and "formation d'adaptation à l'emploi" in text
    assert "blocs de compétences" not in text and "Plusieurs voies" not in text


def test_bac_holder_gets_the_cqp_with_its_four_blocks() -> None:
    text, _ = answer("ask_training", entities={"diploma": "bac"})
    assert "accessible dès le niveau baccalauréat" in text
    for block in [
        "suivi du parcours de santé",
        "accueil administratif",
        "risque contaminant",
        "assistance opérationnelle",
    ]:
        assert block in text


def test_remembered_diploma_narrows_the_duration() -> None:
    text, _ = answer("ask_duration", slots={"diploma": "DEAS"})
    assert "112 heures" in text and "9 à 12 mois" not in text


def test_durations_of_both_articles_are_given_with_their_source() -> None:
    text, _ = answer("ask_duration")
    assert f"Selon l'article {ARTICLE_001}" in text and "9 à 12 mois" in text
    assert f"L'article {ARTICLE_000} parle, lui, d'une formation d'un an" in text


def test_alternance_cost_is_the_employer_row() -> None:
    text, _ = answer("ask_cost", entities={"training_format": "alternance"})
    assert "souvent financé par l'employeur" in text and "5 000" not in text


def test_fae_cost_is_honestly_unknown() -> None:
    text, _ = answer("ask_cost", slots={"diploma": "DEI"})
    assert "ne donnent pas le coût de la FAE" in text


def test_workplace_entity_gives_that_environment() -> None:
    text, _ = answer("ask_workplaces", entities={"workplace": "hôpital"})
    assert text.startswith("En milieu hospitalier") and "permanences" in text


def test_unknown_entity_value_does_not_narrow_to_nothing() -> None:
    text, _ = answer("ask_funding", entities={"funding": "pôle emploi"})
    assert "CPF" in text and "OPCO" in text


@pytest.mark.parametrize(
    ("topic", "entities", "fact", "absent"),
    [
        ("salary", {"experience": "experimente"}, "28 000 à 33 000 €", "22 000"),
        ("salary", {"workplace": "hopital"}, "grilles indiciaires", None),
        ("workplaces", {"workplace": "hopital"}, "permanences", "cliniques"),
        ("training", {"diploma": "infirmier"}, "112 heures", None),
        ("cost", {"training_format": "court"}, "5 000 à 10 000 €", "20 000"),
    ],
)
def test_followup_is_answered_about_the_previous_topic(topic, entities, fact, absent) -> None:
    text, events = answer("followup", entities=entities, slots={"topic": topic})
    assert fact in text
    if absent:
        assert absent not in text
    assert SlotSet("topic", topic) in events


def test_followup_without_a_topic_asks_which_one() -> None:
    messages, events = run_action(ActionAnswer(), make_tracker("followup", entities={"workplace": "hopital"}))
    assert "De quel sujet" in messages[0]["text"]
    assert {"title": "Le salaire", "payload": "/ask_salary"} in messages[0]["buttons"]
    assert events == []


def test_welcome_discloses_the_bot_and_offers_topics() -> None:
    messages, events = run_action(ActionSessionStart(), make_tracker("session_start"))
    text = messages[0]["text"]
    assert "assistant automatisé" in text and "aucun avis médical" in text
    assert len(messages[0]["buttons"]) >= 5
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"


def test_no_second_welcome_when_the_web_chat_has_shown_it() -> None:
    tracker = make_tracker("session_start", slots={"session_started_metadata": {"welcome_shown": True}})
    messages, events = run_action(ActionSessionStart(), tracker)
    assert messages == []
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"


def test_out_of_scope_redirects_with_topic_buttons() -> None:
    messages, _ = run_action(ActionOutOfScope(), make_tracker("out_of_scope"))
    assert "uniquement aux questions sur le métier d'assistant médical" in messages[0]["text"]
    assert messages[0]["buttons"][0]["payload"].startswith("/ask_")


def test_clarify_offers_the_most_likely_topics() -> None:
    ranking = [
        ("nlu_fallback", 0.45),
        ("ask_cost", 0.3),
        ("greet", 0.1),
        ("ask_duration", 0.08),
        ("ask_salary", 0.02),
    ]
    messages, _ = run_action(ActionClarify(), make_tracker("nlu_fallback", ranking=ranking))
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/ask_cost", "/ask_duration", "/ask_salary"]


def test_handoff_uses_the_configured_contact(monkeypatch) -> None:
    monkeypatch.setenv("HANDOFF_CONTACT", "écrivez à orientation@example.fr")
    messages, _ = run_action(ActionHandoff(), make_tracker("request_human"))
    assert "écrivez à orientation@example.fr" in messages[0]["text"]
    monkeypatch.delenv("HANDOFF_CONTACT")
    messages, _ = run_action(ActionHandoff(), make_tracker("request_human"))
    assert "page Contact" in messages[0]["text"]


def test_a_goodbye_that_names_someone_is_a_goodbye_not_a_request_for_a_person() -> None:
    text = "Merci bien, j'en parlerai à ma conseillère France Travail. Bonne journée"
    messages, _ = run_action(ActionHandoff(), make_tracker("request_human", text=text, confidence=0.8))
    assert [m.get("response") for m in messages] == ["utter_goodbye"]
    asked = "je voudrais parler à une conseillère svp"
    messages, _ = run_action(ActionHandoff(), make_tracker("request_human", text=asked, confidence=0.9))
    assert "page Contact" in messages[0]["text"]


def test_a_crashing_answer_still_replies_politely(monkeypatch) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("database is gone")

    monkeypatch.setattr(bot_actions, "compose", broken)
    messages, events = run_action(ActionAnswer(), make_tracker("ask_salary"))
    assert [m["text"] for m in messages] == [APOLOGY]
    assert events == []


def test_unreachable_knowledge_database_gives_the_apology_quickly(monkeypatch) -> None:
    from knowledge.db import make_engine
    from knowledge.query import KnowledgeBase

    # A real PostgreSQL URL on a closed port: the driver really fails to connect.
    engine = make_engine("postgresql+psycopg2://kb@127.0.0.1:9/kb?connect_timeout=2")
    monkeypatch.setattr(bot_actions, "kb", KnowledgeBase(engine))
    start = time.monotonic()
    messages, events = run_action(ActionAnswer(), make_tracker("ask_salary"))
    assert [m["text"] for m in messages] == [APOLOGY]
    assert time.monotonic() - start < 5


def test_changing_a_fact_in_the_knowledge_base_changes_the_answer(tmp_path, content_copy, monkeypatch) -> None:
    from knowledge.db import make_engine
    from knowledge.load import read_content, write_content
    from knowledge.query import KnowledgeBase

    salary = content_copy / "salary.yml"
    salary.write_text(salary.read_text(encoding="utf-8").replace("22000", "22500"), encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'edited.sqlite3'}")
    write_content(engine, read_content(content_copy))
    monkeypatch.setattr(bot_actions, "kb", KnowledgeBase(engine))
    text, _ = answer("ask_salary", entities={"experience": "debutant"})
    assert "22 500 à 27 000 €" in text


def test_prerequisites_stay_general_and_add_the_visitors_own_route() -> None:
    text, _ = answer("ask_prerequisites", slots={"diploma": "DEAS"})
    assert "accessible dès le niveau baccalauréat" in text
    assert "Avec le DEAS (Diplôme d'État d'Aide-Soignant, niveau bac)" in text and "112 heures" in text


@pytest.mark.parametrize(
    "question", ["d'où viennent tes infos ?", "ça remplace l'avis d'un médecin ce que vous dites ?"]
)
def test_questions_about_the_answers_get_their_origin_and_the_articles_warning(question: str) -> None:
    messages, _ = run_action(ActionAnswer(), make_tracker("ask_profession", text=question))
    assert messages[0].get("response") == "utter_bot_challenge"
    assert "ne constituent pas un avis médical" in messages[1]["text"] and "Pour conclure" in messages[1]["text"]


@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        ("le salaire de départ, c'est combien d'après vos sources ?", "ask_salary", "22 000"),
        ("tes sources disent quelque chose sur la durée de la FAE ?", "ask_duration", "112 heures"),
    ],
)
def test_a_question_asked_of_the_sources_is_answered_not_taken_for_one_about_them(
    question: str, intent: str, expected: str
) -> None:
    messages, _ = run_action(ActionAnswer(), make_tracker(intent, text=question))
    assert all(m.get("response") != "utter_bot_challenge" for m in messages)
    assert expected in " ".join(m.get("text") or "" for m in messages)


def test_the_alternances_funding_names_the_other_ways_to_pay_too(kb) -> None:
    text = answers.funding(kb, Context(training_format="alternance")).text()
    assert "employeur" in text
    assert "CPF" in text and "OPCO" in text


def test_the_job_openings_say_where_the_jobs_are(kb) -> None:
    text = answers.job_market(kb, Context()).text()
    assert "non pourvus" in text
    assert "maisons de santé" in text and "hôpitaux" in text
