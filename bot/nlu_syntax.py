"""The pronouns and nouns of a message, as spaCy tagged them for the NLU pipeline, passed on to the actions.

SpacyNLP already parses every message (fr_core_news_sm) for the featurizers; this component
adds the tokens the reading uses to the NLU result (`syntax`: for each pronoun and noun its
lower-case text, lemma, part of speech and the part of speech of the word before it; the
pipeline's spaCy runs without the dependency parser), so the action server's reading of the
message (actions/reading.py) can see that « on peut les valider un par un ? » has an object
pronoun leaning on what was said before, and that « il fait des vaccins ? » asks about a thing,
without loading spaCy a second time. Only what is read is kept: the result travels with every
turn and is stored with it. Not trainable, adds no features.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

SYNTAX = "syntax"
# The parts of speech the reading uses: pronouns (what a follow-up leans on) and nouns (what the
# sources may never speak of, knowledge/lexicon.py), each with the part of speech before it.
KEPT = ("PRON", "NOUN", "PROPN")


def syntax_tokens(doc: Any) -> list[list[str]]:
    """The kept tokens of a spaCy doc: [lower-case text, lemma, part of speech, part of speech before]."""
    return [[t.lower_, t.lemma_.lower(), t.pos_, doc[t.i - 1].pos_ if t.i else ""] for t in doc if t.pos_ in KEPT]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class SyntaxReader(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SyntaxReader:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is None:
                continue
            message.set(SYNTAX, syntax_tokens(doc), add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
