"""The definitions behind `make eval`: robustness variants, scores and the baseline configs."""

from __future__ import annotations

import pytest

from bench.perturb import VARIANTS, lower_case, sms, strip_accents, typo
from bench.pipelines import project_config, rasa_default_config
from bench.quality import smoke_subset, variants
from bench.scores import (
    Example,
    accuracy,
    entity_f1,
    macro_f1,
    out_of_scope_recall,
    per_intent_f1,
)


def test_strip_accents_keeps_everything_else() -> None:
    assert strip_accents("Où travaille l'assistante médicale à l'hôpital ?") == (
        "Ou travaille l'assistante medicale a l'hopital ?"
    )


def test_lower_case() -> None:
    assert lower_case("Combien Gagne un AM ?") == "combien gagne un am ?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C'est quoi le salaire ?", "c koi le salaire ?"),
        ("Quelle formation pour devenir assistant médical", "kel formation pr devenir assistant médical"),
        ("Pourquoi choisir ce métier, combien ça paye", "pk choisir ce métier, cb ça paye"),
        ("qu'est-ce que le CQP ?", "keske le CQP ?".lower()),
        ("je suis aide-soignante", "chui aide-soignante"),
    ],
)
def test_sms_abbreviations(text: str, expected: str) -> None:
    assert sms(text) == expected


def test_sms_leaves_words_that_only_contain_an_abbreviation() -> None:
    # "quelque", "pourtant", "question" contain "que"/"pour" but are other words.
    assert sms("quelque question pourtant") == "quelque question pourtant"


@pytest.mark.parametrize(
    "text",
    ["combien gagne une assistante medicale", "ou travaille un assistant medical", "formation CQP en alternance"],
)
def test_typo_changes_exactly_one_long_word_by_one_letter(text: str) -> None:
    changed = typo(text)
    before, after = text.split(), changed.split()
    assert len(before) == len(after)
    different = [(b, a) for b, a in zip(before, after, strict=True) if b != a]
    assert len(different) == 1
    original, mistyped = different[0]
    assert len(original) >= 4
    assert abs(len(original) - len(mistyped)) <= 1
    assert typo(text) == changed  # seeded by the text: the same typo for every pipeline


def test_typo_leaves_short_words_alone() -> None:
    assert typo("ok et toi") == "ok et toi"


def test_variants_keep_only_the_questions_they_change() -> None:
    examples = [Example("c'est quoi le métier", "ask_job"), Example("ok", "affirm")]
    changed = variants(examples)
    assert set(changed) == set(VARIANTS)
    assert changed["SMS abbreviations"] == [(examples[0], "c koi le métier")]
    assert changed["accents stripped"] == [(examples[0], "c'est quoi le metier")]
    assert changed["lower case"] == []


def test_intent_scores() -> None:
    gold = ["a", "a", "b", "out_of_scope", "out_of_scope"]
    predicted = ["a", "b", "b", "out_of_scope", "nlu_fallback"]
    assert accuracy(gold, predicted) == pytest.approx(3 / 5)
    f1 = per_intent_f1(gold, predicted)
    assert f1 == pytest.approx({"a": 2 / 3, "b": 2 / 3, "out_of_scope": 2 / 3})
    assert "nlu_fallback" not in f1  # not a class of the test set: a fallback is just wrong
    assert macro_f1(gold, predicted) == pytest.approx(2 / 3)
    assert out_of_scope_recall(gold, predicted) == pytest.approx(0.5)
    assert out_of_scope_recall(gold, predicted, fallback_counts=True) == pytest.approx(1.0)


def test_entity_f1_needs_the_exact_span_and_type() -> None:
    gold = [((0, 4, "diploma"),), ((10, 20, "workplace"), (25, 30, "diploma")), ()]
    predicted = [((0, 4, "diploma"),), ((10, 19, "workplace"),), ((0, 2, "diploma"),)]
    # 1 right out of 3 predicted and 3 expected.
    assert entity_f1(gold, predicted) == pytest.approx(1 / 3)
    assert entity_f1(gold, gold) == pytest.approx(1.0)


def test_rasa_default_baseline_is_rasa_own_pipeline_without_spacy() -> None:
    config = rasa_default_config()
    names = [step["name"] for step in config["pipeline"]]
    assert names[0] == "WhitespaceTokenizer"
    assert not any(name.startswith("Spacy") for name in names)
    assert "ResponseSelector" not in names
    assert "DIETClassifier" in names
    assert config["language"] == "fr"
    assert "policies" not in config
    diet = next(step for step in config["pipeline"] if step["name"] == "DIETClassifier")
    assert diet["random_seed"] == 42


def test_project_config_is_config_yml_nlu_part() -> None:
    config = project_config(epochs=2)
    names = [step["name"] for step in config["pipeline"]]
    assert names[:2] == ["SpacyNLP", "SpacyTokenizer"]
    assert "LogisticRegressionClassifier" in names and "CRFEntityExtractor" in names
    assert "policies" not in config
    # No step of ours counts epochs, so none is given any.
    assert not any("epochs" in step for step in config["pipeline"])


def test_smoke_subset_is_small_and_keeps_out_of_scope() -> None:
    train = [Example(f"q{i} {intent}", intent) for intent in ("a", "b", "out_of_scope", "z") for i in range(20)]
    test = [Example(f"t {intent}", intent) for intent in ("a", "b", "out_of_scope")]
    small_train, small_test = smoke_subset(train, test)
    assert {e.intent for e in small_train} == {"a", "b", "out_of_scope"}
    assert len(small_train) == 3 * 8
    assert small_test == test


@pytest.mark.parametrize("build", [project_config, rasa_default_config])
def test_both_rasa_configs_build_an_nlu_training_graph(build) -> None:
    from rasa.engine.recipes.recipe import Recipe
    from rasa.shared.data import TrainingType

    config = build()
    graph = Recipe.recipe_for_name("default.v1").graph_config_for_recipe(config, {}, TrainingType.NLU)
    components = {node.uses.__name__ for node in graph.train_schema.nodes.values()}
    assert components & {"DIETClassifier", "LogisticRegressionClassifier"}
