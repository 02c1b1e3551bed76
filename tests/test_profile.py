"""Reading what visitors say about themselves (actions/profile.py), one message at a time."""

from __future__ import annotations

import pytest

from actions.profile import SKIPPED, Message, declines, read_orientation, read_salary


def orientation(text: str, intent: str = "inform", asked: str | None = None, **known) -> dict:
    entities = known.pop("entities", {})
    return read_orientation(Message(text, intent, entities), known, asked)


def test_one_sentence_gives_diploma_job_and_years() -> None:
    found = orientation("je suis aide-soignante depuis 6 ans", "start_orientation", entities={"diploma": ["DEAS"]})
    assert found == {"diploma": "DEAS", "background": "sante", "experience_years": 6.0}


def test_diploma_is_spotted_even_when_nlu_missed_it() -> None:
    assert orientation("aide soignante", asked="diploma")["diploma"] == "DEAS"


@pytest.mark.parametrize("text", ["je n'ai pas le bac", "pas de bac", "j'ai jamais eu le bac"])
def test_no_bac_is_not_read_as_bac(text: str) -> None:
    assert orientation(text, entities={"diploma": ["bac"]}, asked="diploma")["diploma"] == "aucun"


def test_free_text_job_is_another_job() -> None:
    assert orientation("je bosse en boulangerie", "nlu_fallback", asked="background", diploma="bac") == {
        "background": "autre"
    }


@pytest.mark.parametrize("text", ["euh", "?", "ok"])
def test_filler_is_not_a_job(text: str) -> None:
    assert orientation(text, "nlu_fallback", asked="background") == {}


def test_working_as_an_assistant_already_is_not_wanting_to_become_one() -> None:
    assert orientation("j'ai 7 ans d'expérience comme assistante médicale")["background"] == "assistant_medical"
    assert "background" not in orientation("je voudrais devenir assistante médicale")


def test_a_question_in_the_middle_states_nothing() -> None:
    assert orientation("combien ça coûte ?", "ask_cost", asked="background", diploma="bac") == {}


def test_changed_answer_replaces_the_old_one() -> None:
    found = orientation("en fait j'ai le DEAP", entities={"diploma": ["DEAP"]}, diploma="bac")
    assert found["diploma"] == "DEAP"


def test_a_diploma_put_aside_is_no_longer_the_visitors() -> None:
    found = orientation(
        "non, moi c'est un CAP petite enfance, pas le DEAP", entities={"diploma": ["DEAP"]}, diploma="DEAP"
    )
    assert "diploma" in found and found["diploma"] is None
    assert "diploma" not in orientation("pas le CQP, l'autre voie", diploma="DEAP")  # another thing put aside


def test_a_stray_word_tagged_as_diploma_changes_nothing() -> None:
    assert "diploma" not in orientation("je sais pas", entities={"diploma": ["sais"]}, diploma="bac")


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("oui", "affirm", True),
        ("non", "deny", False),
        ("plutôt pas", "inform", False),
        ("oui en alternance", "affirm", True),
    ],
)
def test_alternance_yes_or_no(text: str, intent: str, expected: bool) -> None:
    assert orientation(text, intent, asked="wants_alternance")["wants_alternance"] is expected


def test_alternance_named_without_a_question() -> None:
    assert orientation("pas d'alternance pour moi")["wants_alternance"] is False


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [("avec mon CPF", {"funding": ["CPF"]}, "cpf"), ("de ma poche", {}, "personnel"), ("aucune idée", {}, SKIPPED)],
)
def test_funding_answers(text: str, entities: dict, expected: str) -> None:
    assert orientation(text, entities=entities, asked="funding_plan")["funding_plan"] == expected


@pytest.mark.parametrize(
    "text", ["je ne sais pas", "jsp", "peu importe", "je préfère ne pas répondre", "aucune idée", "chais pas"]
)
@pytest.mark.parametrize("asked", ["diploma", "background", "experience_years"])
def test_not_knowing_is_a_valid_answer_to_every_question(text: str, asked: str) -> None:
    assert declines(Message(text))
    assert orientation(text, "nlu_fallback", asked=asked) == {asked: SKIPPED}


@pytest.mark.parametrize(("text", "years"), [("j'ai 35 ans", None), ("6", 6.0), ("aucune", 0.0), ("depuis 3 ans", 3.0)])
def test_an_age_is_not_experience(text: str, years: float | None) -> None:
    assert orientation(text, asked="experience_years").get("experience_years") == years


def salary(text: str, intent: str = "ask_salary_profile", asked: str | None = None, **known) -> dict:
    entities = known.pop("entities", {})
    return read_salary(Message(text, intent, entities), known, asked)


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("je toucherais combien pour mon premier poste ?", "ask_salary_profile", "debutant"),
        ("et après quelques années ?", "followup", "experimente"),
        ("j'ai 5 ans d'expérience comme assistante médicale, combien je peux gagner ?", "ask_salary", "experimente"),
        ("en sortie de formation je gagne combien", "ask_salary_profile", "debutant"),
        ("combien je gagnerais ?", "ask_salary_profile", None),
    ],
)
def test_salary_experience_read_from_the_question(text: str, intent: str, expected: str | None) -> None:
    assert salary(text, intent).get("experience") == expected


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [("oui 3 ans", "affirm", "experimente"), ("non jamais", "deny", "debutant"), ("je sais pas", "inform", SKIPPED)],
)
def test_salary_experience_answers(text: str, intent: str, expected: str) -> None:
    assert salary(text, intent, asked="experience")["experience"] == expected


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        ("en cabinet libéral dans un village ?", {}, "cabinet"),
        ("à l'hôpital", {"workplace": ["hôpital"]}, "hopital"),
        ("en maison de santé", {}, "msp"),
        ("pendant l'alternance", {}, "alternance"),
    ],
)
def test_salary_workplace(text: str, entities: dict, expected: str) -> None:
    assert salary(text, entities=entities)["work_setting"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ma fille est en terminale, elle hésite entre infirmière et assistante médicale. C'est varié ?",
        "ma sœur est aide-soignante, elle pourrait devenir assistante médicale ?",
        "est-ce qu'un assistant médical fait des prises de sang ou c'est réservé aux infirmiers ?",
        "combien dure la formation d'infirmier ?",
        "un aide-soignant peut devenir assistant médical ?",
        "Mon mari est infirmier, moi je cherche un métier utile",
    ],
)
def test_a_diploma_said_of_someone_else_or_asked_in_general_is_not_the_visitors(text: str) -> None:
    found = orientation(text, "start_orientation", entities={"diploma": ["infirmière", "aide-soignante", "DEI"]})
    assert "diploma" not in found and found.get("background") in (None, "autre"), found


@pytest.mark.parametrize(
    ("text", "diploma"),
    [
        ("ma sœur est infirmière et moi je suis aide-soignante, quelle formation ?", "DEAS"),
        ("je suis aide-soignante, combien dure la formation ?", "DEAS"),
        ("avec mon DEAS, combien de temps dure la formation ?", "DEAS"),
        ("aide-soignante depuis 10 ans", "DEAS"),
        ("j'ai le DEI, je peux faire quoi ?", "DEI"),
    ],
)
def test_the_visitors_own_diploma_is_read_beside_others(text: str, diploma: str) -> None:
    assert orientation(text, "start_orientation")["diploma"] == diploma


def test_a_profile_stated_before_the_question_mark_is_the_visitors() -> None:
    found = orientation("secretaire medicale depuis 3 ans, quelle formation pour moi ?", "start_orientation")
    assert found.get("background") == "secretaire_medicale", found


@pytest.mark.parametrize(
    "text",
    [
        "Je pense faire la formation d'assistant médical en alternance, ça dure combien de temps ?",
        "j'aimerais savoir le salaire d'une assistante médicale",
    ],
)
def test_naming_the_job_the_site_is_about_does_not_make_it_the_visitors(text: str) -> None:
    assert "background" not in orientation(text, "ask_duration")


@pytest.mark.parametrize(
    "text", ["je suis assistante médicale en cabinet depuis 3 ans", "assistante médicale depuis 5 ans, je veux évoluer"]
)
def test_saying_one_does_the_job_makes_it_the_visitors(text: str) -> None:
    assert orientation(text)["background"] == "assistant_medical"


@pytest.mark.parametrize(
    "text",
    ["j'ai le bac, il faut être aide-soignante avant ?", "avec mon bac je peux, ou faut il avoir le DEI d'abord ?"],
)
def test_a_diploma_asked_as_a_requirement_is_not_held(text: str) -> None:
    assert orientation(text, "ask_prerequisites").get("diploma") == "bac"
