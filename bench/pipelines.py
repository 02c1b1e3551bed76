"""The three NLU pipelines compared by `make eval`, behind one train/predict interface.

- this project's pipeline (config.yml: spaCy fr_core_news_sm + count vectors + logistic
  regression for intents, CRF for entities);
- Rasa's default pipeline with no spaCy (whitespace tokenizer, count vectors, DIET), read
  from Rasa's own default_config.yml;
- a baseline outside Rasa: TF-IDF + logistic regression (scikit-learn).

The Rasa ones are trained in this process with `rasa.model_training.train_nlu` on the
very examples given, with Rasa's training cache off so every fold really trains.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any, Protocol

import yaml

from bench.scores import Example, Prediction, Span
from bot.env import PROJECT_ROOT, bot_environment

SEED = 42
PROJECT_CONFIG = PROJECT_ROOT / "config.yml"
NLU_DATA = PROJECT_ROOT / "data" / "nlu"


def prepare_rasa() -> None:
    """Telemetry off and no training cache, before Rasa is imported."""
    os.environ.update(bot_environment())
    os.environ["RASA_MAX_CACHE_SIZE"] = "0"
    from bot import rasa_patches

    rasa_patches.apply()
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # otherwise every parse is logged at debug level
    for name in ("rasa", "tensorflow", "absl"):
        logging.getLogger(name).setLevel(logging.ERROR)


class Pipeline(Protocol):
    name: str
    extracts_entities: bool

    def train(self, examples: list[Example]) -> float:
        """Train on these examples; return the training time in seconds."""

    def predict(self, text: str) -> Prediction: ...


def project_config(epochs: int | None = None) -> dict[str, Any]:
    config = yaml.safe_load(PROJECT_CONFIG.read_text(encoding="utf-8"))
    return _nlu_only(config, epochs)


def rasa_default_config(epochs: int | None = None) -> dict[str, Any]:
    """Rasa's default pipeline for French. ResponseSelector is dropped: this bot has no
    retrieval intents, so it would train nothing. DIET gets the same seed as ours."""
    import rasa.engine.recipes

    path = Path(rasa.engine.recipes.__file__).parent / "config_files" / "default_config.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    config["language"] = "fr"
    config["assistant_id"] = "eval-rasa-default"
    config["pipeline"] = [step for step in config["pipeline"] if step["name"] != "ResponseSelector"]
    for step in config["pipeline"]:
        if step["name"] == "DIETClassifier":
            step["random_seed"] = SEED
    return _nlu_only(config, epochs)


def _nlu_only(config: dict[str, Any], epochs: int | None) -> dict[str, Any]:
    config = copy.deepcopy(config)
    config.pop("policies", None)
    if epochs is not None:
        for step in config["pipeline"]:
            if "epochs" in step or step["name"] == "DIETClassifier":
                step["epochs"] = epochs
    return config


class RasaPipeline:
    extracts_entities = True

    def __init__(self, name: str, config: dict[str, Any], source: Any, workdir: Path) -> None:
        self.name = name
        self.config = config
        self.source = source  # the full TrainingData: synonyms, lookup tables and regexes come from it
        self.workdir = workdir
        self.agent: Any = None
        self.loop = asyncio.new_event_loop()

    def train(self, examples: list[Example]) -> float:
        from rasa.core.agent import Agent
        from rasa.model_training import train_nlu
        from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLWriter
        from rasa.shared.nlu.training_data.training_data import TrainingData

        by_key = {(m.get("text"), m.get("intent")): m for m in self.source.intent_examples}
        data = TrainingData(
            training_examples=[by_key[(e.text, e.intent)] for e in examples],
            entity_synonyms=self.source.entity_synonyms,
            regex_features=self.source.regex_features,
            lookup_tables=self.source.lookup_tables,
        )
        folder = Path(tempfile.mkdtemp(dir=self.workdir))
        config_path, data_path = folder / "config.yml", folder / "nlu.yml"
        config_path.write_text(yaml.safe_dump(self.config, allow_unicode=True), encoding="utf-8")
        RasaYAMLWriter().dump(data_path, data)
        start = time.perf_counter()
        model = train_nlu(str(config_path), str(data_path), str(folder), fixed_model_name="nlu")
        seconds = time.perf_counter() - start
        if model is None:
            raise RuntimeError(f"{self.name}: training failed (see the log above)")
        self.agent = Agent.load(model)
        return seconds

    def predict(self, text: str) -> Prediction:
        start = time.perf_counter()
        parsed = self.loop.run_until_complete(self.agent.parse_message(text))
        seconds = time.perf_counter() - start
        entities: tuple[Span, ...] = tuple((e["start"], e["end"], e["entity"]) for e in parsed.get("entities", []))
        intent = parsed.get("intent") or {}
        return Prediction(intent.get("name") or "", float(intent.get("confidence") or 0.0), entities, seconds)


class TfidfLogisticRegression:
    """Word 1–2-grams and character 2–5-grams (like our count vectors), TF-IDF weighted.
    It predicts intents only: no entities, no fallback."""

    name = "TF-IDF + LogReg (scikit-learn)"
    extracts_entities = False

    def __init__(self) -> None:
        self.model: Any = None

    def train(self, examples: list[Example]) -> float:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion, make_pipeline

        features = FeatureUnion(
            [
                ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
            ]
        )
        self.model = make_pipeline(features, LogisticRegression(C=10, max_iter=2000, random_state=SEED))
        start = time.perf_counter()
        self.model.fit([e.text for e in examples], [e.intent for e in examples])
        return time.perf_counter() - start

    def predict(self, text: str) -> Prediction:
        start = time.perf_counter()
        probabilities = self.model.predict_proba([text])[0]
        seconds = time.perf_counter() - start
        best = probabilities.argmax()
        return Prediction(str(self.model.classes_[best]), float(probabilities[best]), (), seconds)


def load_examples(path: Path) -> tuple[list[Example], Any]:
    """Examples as plain text with their intent and entity spans, plus Rasa's TrainingData."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path), "fr")
    examples = [
        Example(
            m.get("text"),
            m.get("intent"),
            tuple((e["start"], e["end"], e["entity"]) for e in m.get("entities") or []),
        )
        for m in data.intent_examples
    ]
    return examples, data


PIPELINES = ("project", "rasa-default", "tfidf")


def pipelines(keys: list[str], source: Any, workdir: Path, epochs: int | None = None) -> list[Pipeline]:
    """The pipelines named by keys (from PIPELINES), in that order."""
    built: dict[str, Any] = {
        "project": lambda: RasaPipeline("This project (spaCy + LogReg + CRF)", project_config(epochs), source, workdir),
        "rasa-default": lambda: RasaPipeline("Rasa default (no spaCy)", rasa_default_config(epochs), source, workdir),
        "tfidf": TfidfLogisticRegression,
    }
    return [built[key]() for key in keys]
