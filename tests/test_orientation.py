"""The orientation adviser: rules from the knowledge base, the form reading free text, the answer."""

from __future__ import annotations

import pytest
import yaml

from actions.actions import ActionOrientation
from knowledge.db import make_engine
from knowledge.load import KnowledgeFileError, read_content, write_content
from knowledge.query import KnowledgeBase
from knowledge.recommend import Profile, recommend
from tests.conftest import make_tracker, run_action

ARTICLE_000 = "« Comment devenir assistant médical »"


def codes(kb: KnowledgeBase, profile: Profile) -> list[str]:
    return [rule.code for rule in recommend(kb, profile)]


@pytest.mark.parametrize("diploma", ["DEAS", "DEAP", "DEI"])
def test_health_diploma_holders_get_the_fae(kb, diploma: str) -> None:
    assert codes(kb, Profile(diploma=diploma, background="sante", experience_years=6))[0] == "fae_health_diploma"


@pytest.mark.parametrize("background", ["secretaire_medicale", "assistante_dentaire"])
def test_secretaries_and_dental_assistants_get_the_easier_cqp_and_the_vae(kb, background: str) -> None:
    found = codes(kb, Profile(diploma="bac", background=background, experience_years=5))
    assert found[:2] == ["cqp_secretary_dental", "vae_experienced"]


def test_vae_needs_experience(kb) -> None:
    beginner = Profile(diploma="bac", background="secretaire_medicale", experience_years=0)
    assert "vae_experienced" not in codes(kb, beginner)


def test_bac_holder_from_another_job_gets_the_cqp(kb) -> None:
    assert codes(kb, Profile(diploma="bac", background="autre", experience_years=10, alternance=False)) == [
        "cqp_bac",
        "funding_default",
    ]


def test_other_health_diploma_gets_the_cqp_for_health_professionals(kb) -> None:
    assert codes(kb, Profile(diploma="autre_sante", background="sante"))[0] == "cqp_health_professional"


@pytest.mark.parametrize(("diploma", "rule"), [("aucun", "no_bac"), ("etranger", "foreign_diploma")])
def test_situations_the_sources_do_not_cover_are_marked_uncovered(kb, diploma: str, rule: str) -> None:
    first = recommend(kb, Profile(diploma=diploma, background="autre"))[0]
    assert first.code == rule and not first.covered and first.route is None


@pytest.mark.parametrize(
    ("profile", "funding_rule"),
    [
        (Profile(diploma="bac", alternance=True, funding="cpf"), "funding_alternance"),
        (Profile(diploma="bac", alternance=False, funding="cpf"), "funding_cpf"),
        (Profile(diploma="bac", alternance=False, funding="opco"), "funding_opco"),
        (Profile(diploma="bac", alternance=False, funding="inconnu"), "funding_default"),
    ],
)
def test_funding_advice_follows_alternance_and_the_visitors_plan(kb, profile: Profile, funding_rule: str) -> None:
    assert codes(kb, profile)[-1] == funding_rule


def recommendation(**slots) -> tuple[str, dict]:
    messages, events = run_action(ActionOrientation(), make_tracker("inform", slots=slots))
    advice, next_steps = messages
    assert [b["payload"] for b in next_steps["buttons"]][-2:] == ["/ask_salary_profile", "/compare_training"]
    return advice["text"], {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_aide_soignante_is_told_112_hours_why_and_the_source() -> None:
    text, slots = recommendation(
        diploma="DEAS", background="sante", experience_years=6.0, wants_alternance=False, funding_plan="cpf"
    )
    assert "titulaire du DEAS" in text and "6 ans d'expérience" in text
    assert "112 heures" in text and "coût non précisé" in text
    assert "titulaires du DEAS, du DEAP et du DEI" in text
    assert "CPF" in text and ARTICLE_000 in text
    assert {"topic": "training", "recommended_route": "fae", "recommended_type": None}.items() <= slots.items()


def test_salesperson_with_bac_gets_cqp_duration_and_cost_from_both_articles() -> None:
    text, slots = recommendation(
        diploma="bac", background="autre", experience_years=8.0, wants_alternance=False, funding_plan="personnel"
    )
    assert "CQP Assistant médical" in text and "niveau baccalauréat" in text
    assert "un an" in text and "9 à 12 mois" in text and "5 000 à 10 000 €" in text
    assert "CPF ou OPCO" in text
    assert "« Assistant médical : formation, compétences et débouchés »" in text
    assert "VAE" not in text and "112" not in text
    assert slots["recommended_route"] == "cqp" and slots["recommended_type"] == "court"


def test_medical_secretary_in_alternance_gets_cqp_vae_alternance_and_employer_funding() -> None:
    text, slots = recommendation(
        diploma="bac",
        background="secretaire_medicale",
        experience_years=4.0,
        wants_alternance=True,
        funding_plan="employeur",
    )
    assert "facilite grandement votre reconversion" in text
    assert "VAE" in text and "sans préciser de durée d'expérience minimale" in text
    assert "24 à 36 mois" in text and "financée par l'employeur" in text
    assert slots["recommended_type"] == "alternance"


def test_no_bac_gets_an_honest_answer_and_the_handoff(store, monkeypatch) -> None:
    monkeypatch.setenv("HANDOFF_CONTACT", "écrivez à orientation@example.fr")
    text, slots = recommendation(diploma="aucun", background="autre", experience_years=3.0, wants_alternance=False)
    assert "ne disent pas comment accéder au métier sans le bac" in text
    assert "écrivez à orientation@example.fr" in text
    assert "CQP Assistant médical (" not in text and slots["recommended_route"] is None
    assert [g.kinds["uncovered"] for g in store.gaps()] == [1]


def test_foreign_diploma_gets_an_honest_answer() -> None:
    text, _ = recommendation(diploma="etranger", background="sante", experience_years=10.0)
    assert "diplôme obtenu à l'étranger" in text and "ne disent pas" in text


def test_changing_a_rule_in_the_knowledge_file_changes_the_advice(content_copy, tmp_path) -> None:
    path = content_copy / "orientation.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["recommendation_rules"][0]["reason"] = "Raison modifiée par l'équipe éditoriale."
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    write_content(engine, read_content(content_copy))
    rules = recommend(KnowledgeBase(engine), Profile(diploma="DEI"))
    assert rules[0].reason == "Raison modifiée par l'équipe éditoriale."


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"route": "cap"}, "recommendation_rules[0].route"),
        ({"when": {"diploma": ["BTS"]}}, "recommendation_rules[0].when.diploma[0]"),
        ({"funding": ["pret"]}, "recommendation_rules[0].funding[0]"),
        ({"reason": ""}, "recommendation_rules[0].reason"),
    ],
)
def test_a_broken_rule_is_rejected_with_file_and_field(content_copy, change: dict, field: str) -> None:
    path = content_copy / "orientation.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["recommendation_rules"][0].update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeFileError) as error:
        read_content(content_copy)
    assert error.value.file.endswith("orientation.yml") and error.value.field == field


# --- the form reading answers -------------------------------------------------------
