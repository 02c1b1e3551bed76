"""The pronouns of a message, as spaCy tagged them for the NLU pipeline, passed on to the actions.

SpacyNLP already parses every message (fr_core_news_sm) for the featurizers; this component
adds the tokens the reading uses to the NLU result (`syntax`: for each pronoun its lower-case
text, lemma and part of speech; the pipeline's spaCy runs without the dependency parser), so the
action server's reading of the message (actions/reading.py) can see that « on peut les valider
un par un ? » has an object pronoun leaning on what was said before, without loading spaCy a
second time. Only what is read is kept: the result travels with every turn and is stored with it.
Not trainable, adds no features.
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
# The parts of speech the reading uses.
KEPT = ("PRON",)


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
            tokens = [[t.lower_, t.lemma_.lower(), t.pos_] for t in doc if t.pos_ in KEPT]
            message.set(SYNTAX, tokens, add_to_output=True)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
