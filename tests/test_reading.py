"""The one reading of a message (actions/reading.py): speech acts, every (attribute, objects) pair
asked, exclusions, and their resolution against the dialogue state, asserted on the reading
itself, independently of the reply texts. Phrasings written for these tests, not taken from any
answer set. Then the replies these readings lead to, through the actions.
"""

from __future__ import annotations

from typing import Any

import pytest

from actions import actions as bot_actions
from actions.reading import (
    CORRECT,
    GREET,
    HEALTH,
    LEAVE,
    STATE,
    THANK,
    aimed_in,
    attributes_in,
    clauses,
    excluded_in,
    object_pronouns,
    objects_in,
    own_situation,
    read_message,
    resolve,
    someone_elses_situation,
)
from knowledge.text import fold, numbers_as_digits
from tests.conftest import make_tracker, run_action, tagged


def parse(text: str, intent: str = "nlu_fallback", confidence: float = 0.4, **ranking: float) -> dict[str, Any]:
    """An NLU result as the Rasa server sends it to the action server."""
    ranks = [{"name": intent, "confidence": confidence}] + [{"name": n, "confidence": c} for n, c in ranking.items()]
    return {"text": text, "intent": {"name": intent, "confidence": confidence}, "intent_ranking": ranks}


def pairs(text: str, intent: str = "nlu_fallback", slots: dict[str, Any] | None = None, **kw: Any) -> list:
    reading = read_message(parse(text, intent, **kw))
    return [(a.attribute, a.objects) for a in resolve(reading, slots or {})]


# ---------------------------------------------------------------------------- things asked


def test_two_questions_in_one_message_are_both_read_and_the_second_leans_on_the_first() -> None:
    assert pairs("c'est quoi la VAE et combien ça coûte ?") == [
        ("profession", {"route": "vae"}),
        ("cost", {"route": "vae"}),
    ]


def test_two_questions_across_sentences() -> None:
    assert [a for a, _ in pairs("faut-il le bac ? et la formation dure combien de temps ?")] == [
        "prerequisites",
        "duration",
    ]


def test_a_dictated_question_without_punctuation_is_a_question() -> None:
    reading = read_message(parse("bonjour je voudrais savoir combien on gagne en maison de sante"))
    assert [(a.attribute, a.objects) for a in reading.asks] == [("salary", {"workplace": "msp"})]


def test_a_dictated_story_then_a_request_is_a_statement_and_a_question() -> None:
    # Greetings and fillers are no statement; the request after the story starts the question.
    reading = read_message(
        parse("euh bonjour alors je suis vendeuse en boulangerie depuis 6 ans je voudrais savoir combien coute le cqp")
    )
    assert {STATE, "ask"} <= reading.acts
    assert [(a.attribute, a.objects) for a in reading.asks] == [("cost", {"route": "cqp"})]
    assert reading.asks[0].clause.startswith("je voudrais savoir")


def test_a_request_that_opens_the_message_stays_one_question() -> None:
    reading = read_message(parse("je voudrais savoir si je peux faire le cqp avec un bac pro"))
    assert len(reading.asks) == 1 and STATE not in reading.acts


def test_a_figure_after_de_names_the_thing_it_does_not_ask_its_measure() -> None:
    assert [a for a, _ in pairs("la FAE de 112 heures, elle s'adresse à qui ?")] == ["audience"]
    assert [a for a, _ in pairs("la FAE c'est 112 heures ?")] == ["duration"]


def test_a_noun_phrase_said_first_is_the_topic_of_the_question_after_it() -> None:
    assert clauses("le programme long, il mène à quoi ?") == [("le programme long il mène à quoi", True)]
    # …but a clause that asks on its own stays a question of its own.
    assert len(clauses("la formation continue ça coûte combien, et ça dure combien ?")) == 2


def test_being_paid_asks_the_pay_and_paying_asks_the_funding() -> None:
    # The classifier drawn to funding by « formation »: the visitor being paid names the pay.
    assert pairs("en apprentissage on est payé comment pendant la formation ?", "ask_funding", confidence=0.9) == [
        ("salary", {"training_format": "alternance"})
    ]
    assert [a for a, _ in pairs("qui va payer ma formation en alternance ?", "ask_funding", confidence=0.9)] == [
        "funding"
    ]


def test_what_is_hardest_asks_the_drawbacks() -> None:
    assert [
        a for a, _ in pairs("qu'est-ce qui est le plus difficile dans ce boulot ?", "ask_advantages", confidence=0.8)
    ] == ["drawbacks"]


def test_a_measure_of_a_topic_names_that_topic() -> None:
    assert pairs("les formations continues coûtent combien ?") == [("cost", {"subject": "continuing_education"})]


def test_a_one_word_query_asks_its_attribute() -> None:
    assert pairs("debouches ?") == [("job_market", {})]


def test_the_classifier_decides_one_question_unless_its_words_name_the_attribute() -> None:
    assert pairs("il prépare le matériel ?", "ask_missions", confidence=0.9) == [("missions", {})]
    named = "je me renseigne sur le métier, c'est quoi les inconvénients ?"
    assert pairs(named, "ask_missions", confidence=0.5) == [("drawbacks", {})]


def test_number_words_are_read_as_digits() -> None:
    assert numbers_as_digits("vingt-deux mille brut") == "22000 brut"
    assert numbers_as_digits("cent douze heures, seize ans") == "112 heures, 16 ans"
    assert numbers_as_digits("peut-il faire un stage ?") == "peut-il faire un stage ?"


# ---------------------------------------------------------------------------- negation


def test_an_excluded_route_is_not_asked_about() -> None:
    reading = read_message(parse("sans passer par le CQP, quelles sont les autres voies ?"))
    assert reading.excluded == {"route": frozenset({"cqp"})}
    assert all("route" not in a.objects for a in reading.asks)


def test_a_dislike_said_after_the_place_excludes_it() -> None:
    reading = read_message(parse("l'hôpital ça me tente pas, on peut bosser où sinon ?"))
    assert reading.excluded == {"workplace": frozenset({"hopital"})}


def test_a_correction_keeps_the_named_route_not_the_excluded_one() -> None:
    slots = {"topic": "duration", "attribute": "duration", "focus": {"route": "cqp"}}
    reading = read_message(parse("non pardon je parlais de la VAE, pas du CQP", "ask_training", 0.95))
    assert CORRECT in reading.acts
    assert [(a.attribute, a.objects) for a in resolve(reading, slots)] == [("duration", {"route": "vae"})]


def test_a_correction_naming_another_thing_beside_a_bare_question_asks_the_previous_attribute() -> None:
    slots = {"topic": "cost", "attribute": "cost", "focus": {"training_format": "long"}}
    reading = read_message(parse("oh non trop cher, plutôt le programme court alors : combien ?"))
    assert CORRECT in reading.acts
    assert {(a.attribute, a.objects["training_format"]) for a in resolve(reading, slots)} == {("cost", "court")}


def test_saying_what_one_meant_corrects_and_asks_it() -> None:
    slots = {"topic": "salary", "attribute": "salary"}
    reading = read_message(parse("je parlais de l'OPCO, pas du salaire"))
    assert CORRECT in reading.acts
    assert [(a.attribute, a.objects) for a in resolve(reading, slots)] == [("funding", {"funding": "opco"})]
    text = reply("nlu_fallback", "je parlais de l'OPCO, pas du salaire", slots=slots, confidence=0.4)
    assert "opco" in text and "22 000" not in text
    reading = read_message(parse("nan pas les points forts, je demandais les points faibles"))
    assert [a.attribute for a in reading.asks] == ["drawbacks"]


# ---------------------------------------------------------------------------- follow-ups


def test_a_pronoun_takes_the_previous_object() -> None:
    slots = {"topic": "cost", "focus": {"training_format": "long"}}
    assert pairs("il mène à quel diplôme ?", slots=slots) == [("diploma_obtained", {"training_format": "long"})]


def test_a_named_place_takes_the_previous_attribute() -> None:
    assert pairs("et en clinique ?", "followup", slots={"topic": "salary"}) == [("salary", {"workplace": "clinique"})]


def test_an_object_pronoun_tagged_by_spacy_leans_on_the_previous_answer() -> None:
    latest = parse("on peut les valider séparément ?")
    latest["syntax"] = [
        ["on", "on", "PRON"],
        ["peut", "pouvoir", "VERB"],
        ["les", "le", "PRON"],
        ["valider", "valider", "VERB"],
    ]
    assert object_pronouns(latest["syntax"]) == {"les"}
    reading = read_message(latest)
    assert resolve(reading, {"topic": "training", "focus": {"route": "cqp"}})[0].objects == {"route": "cqp"}
    assert object_pronouns([["les", "le", "DET"]]) == set()  # « les blocs »: an article


def test_a_thing_the_sources_never_mention_is_read_as_the_visitor_wrote_it() -> None:
    text = "l'assistant médical s'occupe des Défibrillateurs du cabinet ?"
    latest = {**parse(text, "ask_missions", 0.8), "syntax": tagged(text)}
    assert read_message(latest).unheard == ("Défibrillateurs",)
    text = "l'assistant médical s'occupe du matériel du cabinet ?"  # the articles' own words
    assert read_message({**parse(text, "ask_missions", 0.8), "syntax": tagged(text)}).unheard == ()


def test_the_visitors_story_is_not_what_is_asked_about() -> None:
    text = "je suis cariste dans un entrepôt frigorifique. le métier d'assistant médical est moins physique ?"
    latest = {**parse(text, "ask_drawbacks", 0.7), "syntax": tagged(text)}
    assert read_message(latest).unheard == ()


def test_what_the_message_names_before_its_question_grounds_it() -> None:
    assert pairs("cabinet en ville ou à la campagne, quel salaire ?", "ask_salary", confidence=0.9) == [
        ("salary", {"workplace": "cabinet"})
    ]


def test_the_visitors_own_situation_does_not_ground_the_question() -> None:
    assert pairs("je travaille en clinique. qui finance la formation ?", "ask_funding", confidence=0.9) == [
        ("funding", {})
    ]


# ---------------------------------------------------------------------------- speech acts


def test_social_acts_from_the_classifiers_ranking() -> None:
    reading = read_message(parse("merci bien, bonne soirée", "nlu_fallback", 0.45, thanks=0.4, goodbye=0.42))
    assert {THANK, LEAVE} <= reading.acts
    assert not reading.asks
    assert STATE not in reading.acts


def test_a_greeting_with_a_question_asks() -> None:
    reading = read_message(parse("bonjour, c'est quoi le salaire au début ?", "greet", 0.5, ask_salary=0.4))
    assert [a.attribute for a in reading.asks] == ["salary"]
    assert GREET not in reading.acts


def test_a_profile_and_a_question() -> None:
    reading = read_message(parse("je suis aide-soignante. combien dure la formation ?", "ask_duration", 0.9), True)
    assert STATE in reading.acts
    assert [a.attribute for a in reading.asks] == ["duration"]


def test_a_health_question_is_health() -> None:
    reading = read_message(parse("j'ai de la fièvre depuis hier, je dois prendre quoi ?", "medical_advice", 0.9))
    assert HEALTH in reading.acts
    assert not reading.asks


@pytest.mark.parametrize(
    "text",
    [
        "j'ai mal au dos à force de porter des cartons, ce métier est moins physique ?",
        "avec mon stress au travail actuel, c'est un poste où il y a de la pression ?",
        "elle mesure la température des patients ?",
        "il y a des règles d'hygiène strictes dans ce métier ?",
    ],
)
def test_a_career_question_that_mentions_health_is_not_health(text: str) -> None:
    reading = read_message(parse(text, "medical_advice", 0.7))
    assert HEALTH not in reading.acts
    assert reading.asks


def test_both_a_career_and_a_health_question() -> None:
    text = "le salaire est correct ? et sinon j'ai mal à la tête depuis ce matin, je prends quoi ?"
    reading = read_message(parse(text, "ask_salary", 0.6))
    assert HEALTH in reading.acts
    assert [a.attribute for a in reading.asks] == ["salary"]


# ---------------------------------------------------------------------------- replies


def reply(intent: str, text: str, slots: dict[str, Any] | None = None, confidence: float = 0.9, **ranking) -> str:
    action = {
        "medical_advice": bot_actions.ActionMedicalAdvice(),
        "nlu_fallback": bot_actions.ActionClarify(),
        "goodbye": bot_actions.ActionSocial(),
    }.get(intent, bot_actions.ActionAnswer())
    ranks = [(intent, confidence), *ranking.items()]
    messages, _ = run_action(action, make_tracker(intent, text=text, slots=slots, confidence=confidence, ranking=ranks))
    return fold(
        " ".join(m.get("text") or "" for m in messages) + " " + " ".join(str(m.get("response")) for m in messages)
    )


def test_a_question_about_what_the_sources_never_mention_says_so_before_the_nearest_facts() -> None:
    text = "l'assistant médical s'occupe des défibrillateurs du cabinet ?"
    tracker = make_tracker("ask_missions", text=text, confidence=0.8, syntax=tagged(text))
    messages, _ = run_action(bot_actions.ActionAnswer(), tracker)
    said = fold(" ".join(m.get("text") or "" for m in messages))
    assert said.startswith(
        "mes sources ne mentionnent pas « defibrillateurs ». voici ce qu'elles disent de plus proche"
    )
    assert "materiel" in said  # the nearest facts, given as such


def test_a_question_in_the_sources_words_gets_no_such_warning() -> None:
    text = "l'assistant médical prépare le matériel du cabinet ?"
    tracker = make_tracker("ask_missions", text=text, confidence=0.8, syntax=tagged(text))
    messages, _ = run_action(bot_actions.ActionAnswer(), tracker)
    said = fold(" ".join(m.get("text") or "" for m in messages))
    assert "materiel" in said and "ne mentionnent pas" not in said


@pytest.mark.parametrize(
    ("text", "trained"),
    [
        ("la formation d'aide-soignant elle prend combien de mois ?", "DEAS"),
        ("et pour devenir infirmière ça prend combien d'années ?", "DEI"),
        ("l'école d'auxiliaire de puériculture c'est cher ?", "DEAP"),
        ("quand on a le DEAS, la formation dure combien ?", None),  # a holder of it: the FAE
        ("je suis infirmière : combien coûte la formation ?", None),
    ],
)
def test_the_training_that_leads_to_a_diploma_is_an_object_of_its_own(text: str, trained: str | None) -> None:
    reading = read_message(parse(text, "ask_duration", 0.9))
    assert reading.asks[0].objects.get("training_of") == trained


def test_the_length_of_another_diplomas_training_is_said_to_be_unknown_with_the_diplomas_level() -> None:
    text = reply("ask_duration", "les études d'infirmière ça prend combien d'années ?")
    assert "ne donnent pas la duree de la formation menant au dei" in text
    assert "bac + 3" in text and "112 heures" in text  # what they do say, as such
    assert "avec le dei, la formation d'adaptation a l'emploi (fae) dure" not in text


def test_a_profile_decides_which_training_the_hours_are_asked_of() -> None:
    # The FAE's hours are known; the CQP's are not: for a DEAS holder « la formation » is the FAE.
    text = reply(
        "ask_duration", "bonjour j ai le deas depuis huit ans je voudrais savoir combien d heures dure la formation"
    )
    assert "112 heures" in text and "volume horaire" not in text


def test_both_questions_get_their_answer_in_one_reply() -> None:
    text = reply("ask_cost", "c'est quoi la FAE et combien ça coûte ?")
    assert "112 heures" in text  # what it is
    assert "ne donnent pas le cout" in text  # its cost, honestly


def test_a_career_question_with_pain_is_answered_not_refused() -> None:
    text = reply(
        "medical_advice", "mal aux genoux à force de rester debout, ce métier est plus calme ?", confidence=0.8
    )
    assert "charge mentale" in text
    assert "avis medical" not in text


def test_the_health_part_is_refused_after_the_career_answer() -> None:
    text = reply(
        "ask_salary", "le salaire au début c'est combien ? et j'ai mal au ventre, je prends quoi ?", confidence=0.6
    )
    assert "22 000" in text
    assert "utter_medical_advice" in text


def test_excluded_places_are_left_out_of_the_list() -> None:
    text = reply("ask_workplaces", "je ne veux pas travailler à l'hôpital, où d'autre ?")
    assert "maisons de sante" in text
    assert "hopita" not in text


def test_the_cost_of_continuing_education_is_an_honest_gap() -> None:
    text = reply("ask_cost", "la formation continue coûte combien ?", confidence=0.7)
    assert "ne precisent pas le cout" in text
    assert "5 000" not in text


def test_how_continuing_education_is_followed_is_its_own_fact_after_it() -> None:
    # A fragment after continuing education asks how its modules are followed (« souvent à
    # distance »); the same words about the access training are an honest gap.
    slots = {"topic": "continuing_education"}
    assert pairs("sur place ?", slots=slots) == [("modality", {"subject": "continuing_education"})]
    after = reply("nlu_fallback", "sur place ?", slots=slots, confidence=0.3)
    assert "souvent a distance" in after and "ne disent pas" not in after
    access = reply("ask_training", "le cqp se fait sur place ?", confidence=0.8)
    assert "ne disent pas si la formation d'acces au metier peut se suivre a distance" in access


def test_a_route_kept_for_some_diplomas_points_the_others_to_the_cqp() -> None:
    text = reply("ask_training", "j'ai un cap petite enfance, la FAE je peux la faire ?")
    assert "titulaires du deas, du deap ou du dei" in text
    assert "sans l'un de ces diplomes, la voie d'acces principale est le cqp" in text


def test_taking_the_cqp_in_parts_is_read_and_answered_without_yes_or_no() -> None:
    slots = {"topic": "training", "focus": {"route": "cqp"}}
    assert pairs("je dois les passer tous en une fois ?", slots=slots)[0][0] == "modular"
    assert pairs("je pourrais les faire bloc par bloc", slots=slots)[0][0] == "modular"  # no « ? »: still asked
    text = reply("nlu_fallback", "je pourrais les faire bloc par bloc", slots=slots, confidence=0.4)
    assert "peuvent etre valides separement" in text and "gestion du risque contaminant" in text
    assert not text.startswith(("oui", "non"))


def test_a_goodbye_that_asks_something_is_answered() -> None:
    text = reply("goodbye", "on travaille la nuit ?", confidence=0.5)
    assert "nuit" in text and "ne precisent" in text
    assert "au revoir" not in text


def test_a_question_taken_for_a_rating_is_answered_not_stored() -> None:
    tracker = make_tracker("feedback_positive", text="ce métier a une utilité sociale ?", confidence=0.8)
    messages, _ = run_action(bot_actions.ActionFeedback(), tracker)
    text = fold(" ".join(m.get("text") or "" for m in messages))
    assert "utilite sociale" in text
    assert "merci pour votre retour" not in text


def test_a_typed_answer_to_the_advisers_question_is_not_a_rating() -> None:
    tracker = make_tracker(
        "feedback_negative", text="je ne sais pas", confidence=0.7, slots={"pending_question": "diploma"}
    )
    messages, events = run_action(bot_actions.ActionFeedback(), tracker)
    text = fold(" ".join(m.get("text") or "" for m in messages))
    assert "je le note" not in text and "merci pour votre retour" not in text
    assert text  # the adviser goes on (or says what it does without the answer)


def test_a_place_typed_with_a_typo_is_still_named() -> None:
    assert pairs("on bosse en maison de sabté ?", "ask_workplaces", confidence=0.9) == [
        ("workplaces", {"workplace": "msp"})
    ]
    assert pairs("le cqp ?")[0][1] == {"route": "cqp"}  # short names only as written


def test_a_negated_attribute_is_not_answered() -> None:
    assert pairs("je ne veux pas le salaire, juste les débouchés") == [("job_market", {})]


def test_excluding_one_thing_and_naming_another_corrects_the_previous_question() -> None:
    reading = read_message(parse("pas le cqp, le programme long"))
    assert CORRECT in reading.acts
    assert [(a.attribute, a.objects) for a in resolve(reading, {"topic": "cost"})] == [
        ("cost", {"training_format": "long"})
    ]


def test_a_thing_refused_after_its_name_is_excluded_but_not_a_question_tag() -> None:
    assert read_message(parse("la VAE non, autre chose ?")).excluded == {"route": frozenset({"vae"})}
    assert read_message(parse("l'alternance c'est payant ou pas ?")).excluded == {}


def test_an_intention_is_stated_a_request_asks() -> None:
    assert [a.attribute for a in read_message(parse("je veux me former. qui paie la formation ?")).asks] == ["funding"]
    assert [a.attribute for a in read_message(parse("je voudrais les inconvénients")).asks] == ["drawbacks"]


def test_an_excluded_route_does_not_come_back_through_the_facts_named() -> None:
    text = reply("ask_training", "pas le cqp, l'autre voie avec un diplôme de santé c'est quoi ?")
    assert "112" in text
    assert "blocs" not in text


# ------------------------------------------------- what the state and the object named decide


def test_a_message_that_opens_with_a_connector_leans_on_the_previous_answer() -> None:
    assert clauses("et pour un ostéopathe ?") == [("et pour un ostéopathe", True)]
    assert pairs("et pour un ostéopathe ?", "followup", slots={"topic": "salary"}) == [("salary", {})]


def test_another_professions_pay_asked_as_a_follow_up_is_an_honest_gap() -> None:
    text = reply("followup", "et pour une orthophoniste ?", slots={"topic": "salary"}, confidence=0.7)
    assert "sources ne donnent pas le salaire des autres professions" in text
    assert "22000" not in text.replace(" ", "").replace("\u202f", "")


def test_an_experience_level_after_the_career_keeps_the_career() -> None:
    # « expérimenté » is also the experienced salary band's keyword: it names the object, not the pay.
    text = reply("followup", "et pour quelqu'un de très expérimenté ?", slots={"topic": "career"})
    assert "vae" in text or "responsable administratif" in text
    assert "brut par an" not in text


def test_a_sure_topic_is_narrowed_not_moved_by_a_fact_found_through_a_named_object() -> None:
    text = reply("ask_career", "au bout de plusieurs années de métier, on peut viser quoi ?", confidence=0.95)
    assert "vae" in text or "responsable administratif" in text
    assert "brut par an" not in text


def test_a_named_objects_own_record_still_moves_a_sure_topic() -> None:
    # The clinic's own record answers « on peut bosser en clinique ? », whatever the classifier said.
    text = reply("ask_missions", "on peut bosser en clinique ?", confidence=0.9)
    assert "clinique" in text


def test_whether_a_place_is_possible_after_the_pay_asks_about_the_place() -> None:
    # « et à l'hôpital ? » after the pay is the hospital's pay; « c'est possible ? » asks whether it is a place at all.
    assert pairs("et en maison de santé, c'est possible ?", "followup", slots={"topic": "salary"}) == [
        ("profession", {"workplace": "msp"})
    ]
    text = reply("followup", "et en maison de santé, c'est possible ?", slots={"topic": "salary"})
    assert "brut par an" not in text and "maison" in text


def test_a_measure_of_those_things_after_continuing_education_is_theirs() -> None:
    slots = {"topic": "continuing_education"}
    assert pairs("et ça coûte combien ces modules ?", "ask_cost", slots=slots) == [
        ("cost", {"subject": "continuing_education"})
    ]
    text = reply("ask_cost", "et ça coûte combien ces modules ?", slots=slots)
    assert "5 000" not in text and "ne precisent pas" in text


def test_the_diploma_needed_is_not_the_diploma_obtained() -> None:
    assert attributes_in("il faut quel diplôme pour se lancer ?") == ["prerequisites"]
    assert attributes_in("quel diplôme faut-il avoir avant ?") == ["prerequisites"]
    assert attributes_in("on obtient quel diplôme en sortant ?") == ["diploma_obtained"]


def test_a_follow_up_with_nothing_before_it_is_asked_about_not_guessed() -> None:
    text = reply("followup", "et pour quelqu'un d'expérimenté ?")
    assert "brut par an" not in text and "quel sujet" in text


# ---------------------------------------------------------------------------- from the fresh conversations


def test_a_medical_guess_on_a_message_without_a_word_of_health_is_not_refused() -> None:
    text = "j'ai aucune idée de ce que je préfère en fait, t'en penses quoi ?"
    reading = read_message(parse(text, "medical_advice", 0.8))
    assert HEALTH not in reading.acts


def test_symptoms_told_in_a_story_make_the_question_after_them_a_health_question() -> None:
    text = (
        "Je suis aide-soignante et je pensais me reconvertir, mais depuis une semaine j'ai des douleurs dans "
        "le dos quand je marche. Qu'est-ce que ça peut être ?"
    )
    assert HEALTH in read_message(parse(text, "medical_advice", 0.95)).acts


def test_thanks_that_open_a_message_are_thanks() -> None:
    reading = read_message(parse("merci je vais chercher de mon côté", "nlu_fallback", 0.45))
    assert reading.acts == {THANK}


def test_a_goodbye_while_the_adviser_waits_for_an_answer_is_a_goodbye() -> None:
    slots = {"pending_question": "diploma", "topic": "training"}
    tracker = make_tracker("nlu_fallback", text="merci au revoir", confidence=0.45, slots=slots)
    messages, _ = run_action(bot_actions.ActionClarify(), tracker)
    said = " ".join(str(m.get("response")) + (m.get("text") or "") for m in messages)
    assert "utter_goodbye" in said
    assert "Quel diplôme" not in said


def test_thanks_and_a_goodbye_that_ask_nothing_get_a_goodbye_whatever_topic_a_word_drew() -> None:
    # « continuation » drew continuing education in the fifth trial
    text = reply("ask_continuing_education", "ok super, merci pour tout et bonne continuation", confidence=0.7)
    assert "utter_goodbye" in text
    assert "formation continue" not in text


def test_thanks_before_a_health_question_do_not_hide_it() -> None:
    text = reply(
        "medical_advice",
        "Ok merci. Autre chose : je me suis coupée avec un scalpel, je dois faire un vaccin ?",
        confidence=0.9,
    )
    assert "utter_medical_advice" in text
    assert "utter_thanks" not in text


def test_asking_what_a_diploma_is_does_not_make_it_the_visitors() -> None:
    asked = make_tracker("ask_training", {"diploma": "DEAS"}, text="c'est quoi le DEAS ?", confidence=0.8)
    _, events = run_action(bot_actions.ActionAnswer(), asked)
    assert not any(e.get("name") == "diploma" for e in events)
    told = make_tracker("ask_duration", {"diploma": "DEAS"}, text="j'ai le DEAS, la formation dure combien ?")
    _, events = run_action(bot_actions.ActionAnswer(), told)
    assert any(e.get("name") == "diploma" and e.get("value") == "DEAS" for e in events)


def test_the_format_asked_about_comes_before_the_visitors_diploma() -> None:
    text = reply("ask_duration", "non pas la VAE, l'alternance, elle dure combien ?", {"diploma": "DEAS"}, 0.6)
    assert "24 a 36 mois" in text
    assert "112" not in text


def test_a_specialtys_pay_is_an_honest_gap_before_the_jobs_figures() -> None:
    text = reply("ask_salary", "combien gagne un assistant médical dans un cabinet de pédiatrie ?")
    assert text.startswith("mes sources ne donnent pas de salaire propre au travail en pediatrie")
    assert "22 000" in text  # then the job's figures, labelled as general


def test_who_pays_after_a_training_format_is_its_funding_when_the_classifier_hesitates() -> None:
    slots = {"topic": "duration", "focus": {"training_format": "alternance"}}
    text = reply("ask_drawbacks", "et c'est qui qui paie ?", slots, confidence=0.49)
    assert "employeur" in text
    assert "charge mentale" not in text


def test_a_follow_up_about_a_thing_the_previous_list_named_stays_with_that_list() -> None:
    slots = {"topic": "continuing_education"}
    text = reply("ask_programme", "c'est quoi comme modules ?", slots, confidence=0.47)
    assert "premiers secours" in text
    assert "anatomie" not in text  # not the training programme « modules » usually asks
    moved = reply("ask_drawbacks", "et les inconvénients ?", {"topic": "advantages"}, confidence=0.56)
    assert "charge mentale" in moved  # naming another list moves on


def test_a_question_the_classifier_gave_up_on_is_answered_from_its_words() -> None:
    # The fallback classifier puts nlu_fallback first in the ranking; the words still ask the pay.
    slots = {"topic": "salary"}
    tracker = make_tracker(
        "nlu_fallback",
        text="c brut ou net ?",
        confidence=0.45,
        slots=slots,
        ranking=[("nlu_fallback", 0.45), ("ask_salary", 0.3)],
    )
    messages, _ = run_action(bot_actions.ActionClarify(), tracker)
    text = fold(" ".join(m.get("text") or "" for m in messages))
    assert "brut par an" in text and "net par mois" in text


def test_a_question_taken_for_a_yes_is_answered() -> None:
    tracker = make_tracker("affirm", text="ça sert à quoi ?", confidence=0.5, slots={"topic": "profession"})
    messages, _ = run_action(bot_actions.ActionYesNo(), tracker)
    text = fold(" ".join(m.get("text") or "" for m in messages))
    assert "desengorger" in text
    assert "quelle est votre question" not in text


def test_the_training_someone_plans_grounds_the_question_after_it() -> None:
    text = "Mon neveu veut faire assistant médical en alternance. Il serait payé comment pendant la formation ?"
    assert pairs(text, "ask_training", confidence=0.94) == [("salary", {"training_format": "alternance"})]
    assert "smic" in reply("ask_training", text, confidence=0.94)


# ---------------------------------------------------------------------------- from the second fresh set


def test_what_the_visitor_puts_aside_is_not_answered_even_when_the_classifier_guesses_it() -> None:
    # The classifier, drawn by the words put aside, guesses the cost: the question's own words decide.
    text = "ni le prix ni la durée : expliquez-moi plutôt les débouchés"
    reading = read_message(parse(text, "ask_cost", confidence=0.5, ask_job_market=0.3))
    assert {"cost", "duration"} <= reading.unwanted
    assert [a.attribute for a in reading.asks] == ["job_market"]
    replied = reply("ask_cost", text, confidence=0.5, ask_job_market=0.3)
    assert "embauche" in replied and "€" not in replied


def test_a_colon_closes_a_clause_and_an_imperative_asks() -> None:
    assert clauses("Une question : expliquez-moi le CQP") == [("Une question", False), ("expliquez-moi le CQP", False)]
    asked = read_message(parse("Petite question : dites-moi ce qu'est le CQP")).asks
    assert [(a.attribute, a.objects) for a in asked] == [("profession", {"route": "cqp"})]


def test_a_diploma_weighed_as_a_choice_is_neither_the_visitors_nor_the_questions_object() -> None:
    assert aimed_in("j'hésite entre infirmière et assistante médicale") == {"DEI"}
    assert aimed_in("je suis infirmière, je veux devenir assistante médicale") == frozenset()
    text = "j'hésite entre infirmier et assistant médical, les études durent combien ?"
    replied = reply("ask_duration", text, confidence=0.8)
    assert "9 a 12 mois" in replied and "112 heures" not in replied.split("\n")[0]
    _, events = run_action(bot_actions.ActionAnswer(), make_tracker("ask_duration", text=text, confidence=0.8))
    assert not any(e.get("name") == "diploma" for e in events)


def test_the_experience_a_route_requires_is_asked_as_its_prerequisite_and_is_an_honest_gap() -> None:
    text = "combien d'années d'expérience faut-il pour la VAE ?"
    assert pairs(text, "ask_duration", confidence=0.9) == [("prerequisites", {"route": "vae"})]
    replied = reply("ask_duration", text, confidence=0.9)
    assert "ne precisent pas les conditions d'acces a la vae" in replied
    assert "duree" not in replied.split("\n")[0]
    # « expérience » inside that question is no experience level of the visitor.
    follow = pairs("et combien d'années d'expérience on demande ?", "ask_duration", {"focus": {"route": "vae"}})
    assert follow == [("prerequisites", {"route": "vae"})]


def test_an_experience_level_put_aside_is_not_the_visitors() -> None:
    replied = reply("ask_salary", "pas le salaire d'un débutant, celui d'un assistant expérimenté ?")
    assert "28 000" in replied and "1 460" not in replied


def test_an_indirect_question_inside_a_story_asks() -> None:
    reading = read_message(parse("J'ai travaillé dix ans à l'usine et je me demande si ce métier est fatigant"))
    assert [a.attribute for a in reading.asks] == ["drawbacks"]


def test_the_fact_index_reads_the_question_of_a_story_not_the_story() -> None:
    story = (
        "Je veux changer de métier, une reconversion en somme, mais je n'ai pas d'économies. "
        "Comment je paie la formation ?"
    )
    replied = reply("ask_funding", story, confidence=0.85)
    assert "cpf" in replied
    assert "reconversion accessible" not in replied  # the advantage the story's words would meet


def test_a_thing_named_in_the_plural_is_named() -> None:
    assert excluded_in("à part les cabinets, on peut travailler où ?") == {"workplace": frozenset({"cabinet"})}
    assert objects_in("on embauche dans les cabinets de spécialistes ?")["workplace"] == "cabinet"


def test_a_profile_with_a_question_that_names_nothing_gets_the_visitors_route() -> None:
    text = "Je suis assistante dentaire depuis cinq ans et mon dentiste part à la retraite. Par où commencer ?"
    tracker = make_tracker(
        "nlu_fallback", text=text, confidence=0.45, ranking=[("nlu_fallback", 0.45), ("ask_career", 0.4)]
    )
    messages, _ = run_action(bot_actions.ActionClarify(), tracker)
    replied = fold(" ".join(m.get("text") or "" for m in messages))
    assert "d'apres votre situation" in replied and "cqp" in replied
    assert "lieux" not in replied  # « par où » asks no place


def test_a_relatives_profile_gets_their_route_without_becoming_the_visitors() -> None:
    text = "Ma compagne est auxiliaire de puériculture depuis dix ans, elle pourrait devenir assistante médicale ?"
    messages, events = run_action(bot_actions.ActionAnswer(), make_tracker("ask_training", text=text, confidence=0.9))
    replied = fold(" ".join(m.get("text") or "" for m in messages))
    assert replied.startswith("d'apres sa situation") and "112 heures" in replied
    assert not any(e.get("name") in ("diploma", "background", "experience_years") for e in events)
    # What the sources are silent on stays a gap, whoever it is about.
    silent = "Mon frère a le bac et veut devenir assistant médical, il aura un CDI tout de suite ?"
    messages, _ = run_action(bot_actions.ActionAnswer(), make_tracker("ask_job_market", text=silent, confidence=0.7))
    assert "sa situation" not in fold(" ".join(m.get("text") or "" for m in messages))


def test_oui_only_when_the_facts_affirm_what_is_asked() -> None:
    required = reply("ask_continuing_education", "la formation continue est obligatoire ?", confidence=0.9)
    assert "n'est pas obligatoire" in required and not required.startswith("oui")
    calm = reply("ask_drawbacks", "c'est un boulot tranquille ?", confidence=0.9)
    assert "charge mentale" in calm and not calm.startswith("oui")
    assert reply("ask_missions", "il prend la tension des patients ?", confidence=0.9).startswith("oui")


def test_where_else_when_a_place_is_put_aside_lists_the_other_places() -> None:
    text = "bon et on bosse où alors, pas en clinique j'en ai soupé"
    reading = read_message(parse(text, "ask_career", confidence=0.7))
    assert reading.asks and reading.excluded == {"workplace": frozenset({"clinique"})}
    replied = reply("ask_career", text, {"topic": "training"}, confidence=0.7)
    assert "maisons de sante" in replied and "clinique" not in replied


def test_a_part_with_no_subject_speaks_of_whom_the_part_before_did() -> None:
    text = "ma nièce n'a pas le bac pro mais un bac général, elle peut faire le CQP ?"
    assert own_situation(text) == ""
    assert "bac general" in someone_elses_situation(text)
    assert "ma soeur est infirmiere" not in own_situation("ma sœur est infirmière et moi aide-soignante")


def test_the_words_of_one_attribute_decide_against_an_unsure_classifier_that_still_weighs_them() -> None:
    said = "avec quoi je peux payer la formation ? je suis vendeur en CDI"
    assert [a.attribute for a in read_message(parse(said, "ask_salary", 0.5, ask_funding=0.15)).asks] == ["funding"]
    # Not when the classifier gives the words' topic no weight: « payant » names no cost here.
    unbacked = read_message(parse("le tiers payant, l'assistant s'en occupe ?", "ask_skills", 0.5, ask_missions=0.2))
    assert [a.attribute for a in unbacked.asks] == ["skills"]


def test_a_follow_up_naming_a_funding_asks_about_that_funding_not_the_previous_topic() -> None:
    assert pairs("il a un compte CPF bien rempli, ça peut servir ?", slots={"topic": "career"}) == [
        ("funding", {"funding": "cpf"})
    ]


def test_a_sum_the_visitor_names_is_answered_by_the_band_it_falls_in() -> None:
    slots = {"topic": "salary", "experience": "debutant"}
    replied = reply("ask_salary", "et pour atteindre trente et un mille ?", slots, confidence=0.7)
    assert "28 000 a 33 000" in replied and "22 000" not in replied
    assert "22 000" in reply("ask_salary", "le salaire au début, c'est combien ?", slots, confidence=0.9)
    # A level said is asked about, whatever band the sum falls in.
    beginner = reply("ask_salary", "un débutant peut toucher deux mille euros net ?", confidence=0.9)
    assert "22 000" in beginner and "28 000" not in beginner


def test_a_comparison_with_another_job_is_an_honest_gap_not_a_training_comparison() -> None:
    replied = reply("ask_missions", "en quoi c'est différent d'une aide-soignante au quotidien ?", confidence=0.7)
    assert "ne comparent pas" in replied
    training = reply("compare_training", "quelle différence entre la FAE pour les infirmiers et le CQP ?")
    assert "ne comparent pas" not in training


def test_a_negation_covers_a_noun_phrase_not_the_question_after_it() -> None:
    said = "à part la VAE il existe quelles formations ?"
    reading = read_message(parse(said, "ask_training", 0.8, ask_programme=0.1))
    assert reading.excluded == {"route": frozenset({"vae"})}
    assert [a.attribute for a in reading.asks] == ["training"]
    told = read_message(parse("pas en clinique, en cabinet : quel est le salaire ?", "ask_salary", 0.9))
    assert CORRECT not in told.acts
    assert [(a.attribute, a.objects) for a in resolve(told, {})] == [("salary", {"workplace": "cabinet"})]


def test_a_statement_running_into_a_question_is_cut_where_the_question_starts() -> None:
    # Dictated or typed without punctuation: the visitor's situation, then what they ask.
    assert clauses("je suis secretaire medicale dans un cabinet de radiologie quelle formation pour moi") == [
        ("je suis secretaire medicale dans un cabinet de radiologie", False),
        ("quelle formation pour moi", False),
    ]
    # A question verb of the visitor's own, or a request, stays one question.
    assert clauses("je suis aide-soignante, je toucherais combien en debutant ?") == [
        ("je suis aide-soignante je toucherais combien en debutant", True)
    ]
    assert len(clauses("je voudrais savoir combien de temps dure la formation")) == 1


def test_a_visitor_not_yet_in_the_job_asking_about_training_gets_a_route_not_continuing_education() -> None:
    # The classifier's continuing-education guess and the workplace of the visitor's own situation
    # do not decide: training for someone not yet in post is the way in.
    said = "je suis secretaire medicale dans un cabinet de radiologie quelle formation pour etre assistante medicale"
    answer = reply("ask_continuing_education", said, confidence=0.76)
    assert "cqp" in answer and "binome du medecin" not in answer and "modules courts" not in answer
    # An assistant in post asking the same is asked about continuing education.
    in_post = reply("ask_continuing_education", "je suis deja assistante medicale, quelles formations en plus ?")
    assert "modules courts" in in_post or "formation continue" in in_post


def test_a_symptom_told_is_refused_even_when_a_word_of_it_is_a_cue() -> None:
    # « quand je cours » is running, not the training's lessons (« cours »): the symptom decides.
    said = "bjr jai des douleurs dans la poitrine quand je cours c est le coeur vous pensez ?"
    assert read_message(parse(said, "ask_programme", confidence=0.5)).acts == {HEALTH}
    assert reply("ask_programme", said, confidence=0.5).strip().endswith("utter_medical_advice")
    # One's own measure stays a health question, whatever the task of the job it names.
    own = "j'ai pris ma tension ce matin et j'ai 16 8, c'est normal ?"
    assert HEALTH in read_message(parse(own, "medical_advice", confidence=0.7)).acts


def test_a_relative_or_time_clause_in_a_story_asks_nothing() -> None:
    """« qui » after a noun and « quand » before a subject open a clause inside a statement: the
    story is not a question of its own (its words would otherwise be answered, « 17 ans » the age)."""
    reading = read_message(
        parse("Bonsoir, ma nièce de 16 ans qui aime les sciences hésite encore. Ça s'apprend en combien de temps ?")
    )
    assert [a.attribute for a in reading.asks] == ["duration"]
    assert len(reading.asks[0].clause.split()) < 8
    assert [a.attribute for a in read_message(parse("je fatigue quand je marche. c'est payé combien ?")).asks] == [
        "salary"
    ]
    # « pour qui ? », « avec qui ? », « qui paie ? » still ask.
    assert pairs("la VAE c'est pour qui ?") == [("audience", {"route": "vae"})]
    assert [a for a, _ in pairs("et on bosse avec qui ?")] == ["environment"]


def test_the_name_of_what_is_asked_decides_against_the_classifier() -> None:
    """Words that name an attribute (registry NAMES) say what is asked even when the rest of the
    message drew the classifier elsewhere: a level of studies, the job market, the minuses."""
    text = reply(
        "ask_career",
        "Ma nièce veut devenir assistante médicale plus tard. Elle doit avoir quel niveau d'études ?",
        confidence=0.6,
    )
    assert "baccalaureat" in text and "evolution" not in text
    text = reply(
        "ask_training", "reconvertie depuis peu, le job market pour ce métier il ressemble à quoi ?", confidence=0.7
    )
    assert "non pourvus" in text
    assert pairs("et les négatifs ?", "followup", slots={"topic": "advantages"}) == [("drawbacks", {})]


def apprentice_asks(text: str) -> str:
    """The reply to a pay question in which NLU found the alternance."""
    tracker = make_tracker("ask_salary", entities={"training_format": "alternance"}, text=text, confidence=0.8)
    messages, _ = run_action(bot_actions.ActionAnswer(), tracker)
    return fold(" ".join(m.get("text") or "" for m in messages))


def test_a_gap_in_the_visitors_own_pay_question_is_said_before_any_advice() -> None:
    text = apprentice_asks("en alternance à 19 ans je touche quel pourcentage du smic ?")
    assert text.startswith("mes sources ne donnent pas le pourcentage du smic")
    assert "indexee sur le smic" in text


def test_an_indirect_question_after_a_story_asks() -> None:
    """« je me demandais si… » asks, even with no question mark and no word of an attribute: the
    story before it (« mon patron part à la retraite ») is not what is asked."""
    reading = read_message(
        parse(
            "je travaille à l'accueil d'une clinique depuis douze ans et mon chef part à la retraite. "
            "je me demandais si avec tout ce vécu la VAE serait possible pour moi",
            "ask_training",
            0.5,
        )
    )
    assert "ask" in reading.acts
    assert [a.objects.get("route") for a in reading.asks] == ["vae"]


def test_a_place_named_beside_one_put_aside_is_the_one_asked_about() -> None:
    slots = {"topic": "workplaces", "focus": {"workplace": "hopital"}}
    text = reply("followup", "et pas en hôpital, plutôt en cabinet médical alors ?", slots=slots, confidence=0.6)
    assert "binome du medecin" in text
    assert "grande echelle" not in text and "peuvent aussi travailler" not in text


def test_an_exception_sets_aside_every_thing_it_lists() -> None:
    """« à part X et Y » sets both aside; after « pas X », « et » moves on to what is asked."""
    assert excluded_in("à part la clinique et l'hôpital, on peut bosser où ?") == {
        "workplace": frozenset({"clinique", "hopital"})
    }
    assert excluded_in("pas le CQP et la VAE c'est quoi ?") == {"route": frozenset({"cqp"})}


def test_a_diploma_named_in_the_plural_asks_nothing_of_its_words() -> None:
    """« les aides-soignantes » names people with the DEAS: its « aides » asks no funding."""
    assert pairs("la FAE est ouverte aux aides soignantes ?", "ask_funding", confidence=0.6) == [
        ("audience", {"route": "fae"})
    ]


def test_the_formats_are_named_by_their_adjective_alone() -> None:
    """« et la longue ? » after the short programme: the long one, same attribute."""
    assert pairs("et la longue ?", "followup", slots={"topic": "duration", "focus": {"training_format": "court"}}) == [
        ("duration", {"training_format": "long"})
    ]


def test_other_places_asked_after_the_pay_ask_the_workplaces() -> None:
    slots = {"topic": "salary", "focus": {"workplace": "clinique"}}
    assert pairs("sauf clinique et hôpital, y a d'autres endroits ?", "followup", slots=slots) == [("workplaces", {})]


def test_years_in_another_job_make_no_experienced_assistant() -> None:
    """Ten years as a nurse: not an experienced assistant's pay; the bot asks about this job."""
    text = reply("ask_salary", "je suis infirmière depuis dix ans, je gagnerais combien comme assistante médicale ?")
    assert "experimente" not in text and "deja travaille comme assistant medical" in text
    text = reply("ask_salary", "je suis assistante médicale depuis six ans, je devrais gagner combien ?")
    assert "28 000" in text and "22 000" not in text


def test_an_apprentices_pay_is_the_alternance_rule_not_a_qualified_band() -> None:
    text = apprentice_asks("j'ai été vendeuse quinze ans, en alternance je serais payée combien ?")
    assert text.index("indexee sur le smic") < text.index("ne donnent pas de montant pour la periode d'alternance")
    assert "28 000" not in text and "experimente" not in text


def test_the_route_a_diploma_opens_is_what_a_follow_up_is_about() -> None:
    """« la passerelle pour un DEAP ? » answers with the FAE: « et ça coûte combien ? » asks its cost."""
    tracker = make_tracker(
        "ask_training", entities={"diploma": "DEAP"}, text="la passerelle pour une auxiliaire de puériculture ?"
    )
    _, events = run_action(bot_actions.ActionAnswer(), tracker)
    focus = next(e["value"] for e in events if e.get("name") == "focus")
    assert focus.get("route") == "fae"
    text = reply("followup", "et ça coûte combien ?", slots={"topic": "training", "focus": focus})
    assert "ne donnent pas le cout de la formation d'adaptation" in text
    assert "5 000" not in text


def test_a_length_asked_in_a_unit_the_sources_do_not_use_is_said_so_not_converted() -> None:
    text = reply("ask_duration", "la FAE, elle dure combien de semaines ?")
    assert text.startswith("mes sources ne donnent pas cette duree en semaines")
    assert "112 heures" in text
    text = reply("ask_duration", "le programme court dure combien de mois ?")
    assert "ne donnent pas cette duree" not in text and "9 a 12 mois" in text


def test_a_story_ended_by_a_comma_is_told_not_asked() -> None:
    # « accueil » is a word of the missions: in the visitor's own job it asks nothing.
    text = (
        "je suis agent d'accueil à la CAF avec un bac+2 en gestion, quelle formation pour devenir assistante médicale ?"
    )
    assert clauses(text) == [
        ("je suis agent d'accueil à la CAF avec un bac+2 en gestion", False),
        ("quelle formation pour devenir assistante médicale", True),
    ]
    replied = reply("ask_training", text)
    assert "cqp" in replied and "organiser l'agenda" not in replied
    # A question that takes the story up by a pronoun stays with it.
    assert len(clauses("j'ai aucune idée de ce que je préfère en fait, t'en penses quoi ?")) == 1


def test_a_measure_of_the_studies_is_not_another_topics_fact() -> None:
    # « les études » name the training itself, not the advantage « études courtes ».
    replied = reply("ask_duration", "j'hésite entre infirmier et assistant médical, les études durent combien ?")
    assert "9 a 12 mois" in replied and "reconversion accessible" not in replied


def test_whom_a_training_format_is_for_is_said_to_be_missing_with_what_the_table_gives() -> None:
    replied = reply("nlu_fallback", "le programme long de 18-24 mois, c'est pour qui ?", confidence=0.45)
    assert "ne precisent pas a qui s'adresse le programme long" in replied
    assert "18 a 24 mois" in replied and "diplome d'etat" in replied
    assert "accessible des le niveau baccalaureat" not in replied  # not the routes' conditions instead


def test_two_questions_answered_by_the_same_fact_say_it_once() -> None:
    replied = reply("nlu_fallback", "la FAE c'est quoi ? elle est réservée à qui ?", confidence=0.45)
    assert replied.count("s'adresse aux titulaires du deas") == 1


def test_thanks_then_a_plan_with_someone_is_no_question() -> None:
    # « évolution » names an attribute, but the visitor tells what they will do, after thanking.
    reading = read_message(
        parse("ok merci beaucoup, je vais en parler a mon conseiller en evolution pro", "thanks", 0.6)
    )
    assert not any(a.attribute for a in reading.asks)
    replied = reply("request_human", "ok merci beaucoup, je vais en parler a mon conseiller en evolution pro")
    assert "page contact" not in replied


def test_mal_that_is_no_pain_is_no_health_question() -> None:
    from actions.medical import asks_medical_advice, mentions_health

    assert not mentions_health("je vais avoir du mal à trouver un candidat ?")
    assert not mentions_health("il y a pas mal de patients ?")
    assert asks_medical_advice("j'ai du mal à respirer depuis hier") and mentions_health("j'ai mal au dos")
    replied = reply("medical_advice", "je suis médecin, je vais avoir du mal à trouver un candidat ?", confidence=0.6)
    assert "avis medical" not in replied
