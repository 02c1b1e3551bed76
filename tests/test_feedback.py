"""Salary for a profile, the comparison, feedback and the content-gap report."""

from __future__ import annotations

import pytest

from actions.actions import ActionAnswer, ActionClarify, ActionFeedback, ActionOutOfScope, ActionSalaryProfile
from feedback.report import format_gaps, main
from tests.conftest import make_tracker, run_action


def salary(**slots) -> str:
    messages, events = run_action(ActionSalaryProfile(), make_tracker("inform", slots=slots))
    assert {"event": "slot", "timestamp": None, "name": "topic", "value": "salary"} in events
    return messages[0]["text"]


@pytest.mark.parametrize(
    ("slots", "facts", "absent"),
    [
        ({"experience": "debutant", "work_setting": "hopital"}, ["22 000 à 27 000 €", "grilles indiciaires"], "28 000"),
        ({"experience": "experimente", "work_setting": "cabinet"}, ["28 000 à 33 000 €", "zone rurale"], "22 000"),
        ({"experience": "debutant", "work_setting": "msp"}, ["1 460 à 1 790 €", "primes de résultats"], "SMIC"),
        ({"experience": "debutant", "work_setting": "alternance"}, ["SMIC", "convention collective"], "rurale"),
        ({"experience": "debutant", "work_setting": "indifferent"}, ["diplôme de départ"], "grilles"),
        (
            {"experience": "debutant", "work_setting": "clinique"},
            ["ne donnent pas de salaire propre au travail en clinique"],
            "grilles",
        ),
    ],
)
def test_salary_for_each_profile(slots: dict, facts: list[str], absent: str) -> None:
    text = salary(**slots)
    for fact in facts:
        assert fact in text
    assert absent not in text
    assert "D'après « Comment devenir assistant médical » (« Quel est le salaire d'un assistant médical ? »)" in text


def test_compare_puts_every_training_side_by_side() -> None:
    messages, _ = run_action(ActionAnswer(), make_tracker("compare_training"))
    text = messages[0]["text"]
    for fact in ["Programme court : 9 à 12 mois · Certificat · 5 000 à 10 000 €", "Programme long : 18 à 24 mois"]:
        assert fact in text
    assert "24 à 36 mois · Diplôme d'État · variable" in text and "112 heures" in text
    assert "|" not in text  # no Markdown table: messaging platforms would show it raw


def test_answers_offer_feedback_buttons() -> None:
    messages, _ = run_action(ActionAnswer(), make_tracker("ask_salary"))
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/feedback_positive", "/feedback_negative"]


def test_training_answers_also_offer_personal_advice() -> None:
    messages, _ = run_action(ActionAnswer(), make_tracker("ask_training", entities={"diploma": "DEI"}))
    assert [b["payload"] for b in messages[0]["buttons"]][0] == "/start_orientation"


def conversation(question: str, feedback_text: str, feedback_intent: str) -> list[dict]:
    return [
        {"event": "user", "text": question, "parse_data": {"intent": {"name": "ask_cost"}}},
        {"event": "bot", "text": "..."},
        {"event": "user", "text": feedback_text, "parse_data": {"intent": {"name": feedback_intent}}},
    ]


def test_negative_feedback_is_stored_with_the_question_and_offers_the_handoff(store) -> None:
    tracker = make_tracker(
        "feedback_negative",
        text="ça répond pas à ma question",
        slots={"topic": "cost"},
        events=conversation("cb coute le cqp en alternance", "ça répond pas à ma question", "feedback_negative"),
    )
    messages, _ = run_action(ActionFeedback(), tracker)
    assert "Merci" in messages[0]["text"] and "conseiller" in messages[0]["text"]
    [row] = store.feedback()
    assert (row.helpful, row.question, row.topic, row.comment) == (
        False,
        "cb coute le cqp en alternance",
        "cost",
        "ça répond pas à ma question",
    )


def test_button_feedback_is_stored_with_the_button_label_as_question(store) -> None:
    events = conversation("/ask_salary", "/feedback_positive", "feedback_positive")
    events[0]["parse_data"]["intent"]["name"] = "ask_salary"
    tracker = make_tracker("feedback_positive", text="/feedback_positive", events=events)
    messages, _ = run_action(ActionFeedback(), tracker)
    assert messages[0]["text"] == "Merci pour votre retour !"
    [row] = store.feedback()
    assert (row.helpful, row.question, row.comment) == (True, "Le salaire", None)


def test_gap_report_lists_unanswered_and_unhelpful_questions_most_frequent_first(store, capsys) -> None:
    for text in ["et le machin truc ?", "Et le machin truc", "Quel temps fait-il ?"]:
        run_action(ActionOutOfScope() if "temps" in text else ActionClarify(), make_tracker("nlu_fallback", text=text))
    store.record_feedback("v1", helpful=False, question="combien coûte la VAE ?")
    store.record_feedback("v2", helpful=True, question="combien gagne une assistante ?")
    gaps = store.gaps()
    assert [(g.count, g.question) for g in gaps] == [
        (2, "Et le machin truc"),
        (1, "combien coûte la VAE ?"),
        (1, "Quel temps fait-il ?"),
    ]
    report = format_gaps(gaps)
    assert "not understood ×2" in report and "answer judged unhelpful ×1" in report and "out of scope ×1" in report
    assert "combien gagne" not in report


def test_gap_report_command_reads_the_configured_database(store, capsys) -> None:
    store.record_unanswered("v1", "fallback", "ça marche comment la vae inversée")
    assert main(["--database-url", str(store.engine.url)]) == 0
    assert "ça marche comment la vae inversée" in capsys.readouterr().out


def test_a_broken_feedback_database_does_not_stop_the_clarification(monkeypatch) -> None:
    from actions import actions as bot_actions

    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(bot_actions, "feedback_store", broken)
    messages, _ = run_action(ActionClarify(), make_tracker("nlu_fallback", text="blabla"))
    assert messages[0]["text"].startswith("Je ne suis pas sûr d'avoir compris")


def test_feedback_after_a_form_rates_the_question_that_started_it(store) -> None:
    events = [
        {"event": "user", "text": "combien je gagnerais ?", "parse_data": {"intent": {"name": "ask_salary_profile"}}},
        {"event": "user", "text": "non", "parse_data": {"intent": {"name": "deny"}}},
        {"event": "user", "text": "à l'hôpital", "parse_data": {"intent": {"name": "inform"}}},
        {"event": "user", "text": "/feedback_positive", "parse_data": {"intent": {"name": "feedback_positive"}}},
    ]
    run_action(ActionFeedback(), make_tracker("feedback_positive", text="/feedback_positive", events=events))
    assert store.feedback()[0].question == "combien je gagnerais ?"


def test_a_web_chat_vote_rates_the_question_of_the_answer_it_was_on(store) -> None:
    """The visitor rated an earlier answer: the web chat says which question it replied to."""
    events = conversation("combien gagne une assistante ?", "/feedback_negative", "feedback_negative")
    tracker = make_tracker("feedback_negative", text="/feedback_negative", events=events)
    tracker.latest_message["metadata"] = {"rated_question": "cb coute la formation"}
    run_action(ActionFeedback(), tracker)
    assert store.feedback()[0].question == "cb coute la formation"


def test_the_gap_report_cannot_be_forged_by_a_visitors_text(store) -> None:
    from feedback.report import format_gaps

    store.record_feedback(sender_id="rest:x", helpful=False, question="cb ça coûte\n  999  not understood ×999  forged")
    store.record_unanswered("rest:y", "out_of_scope", "la météo \x1b[31m\u202e")
    lines = format_gaps(store.gaps()).splitlines()
    assert len(lines) == 3  # the header and one row per question
    assert "\\n  999" in lines[1] + lines[2] and "\x1b" not in "".join(lines) and "\u202e" not in "".join(lines)
