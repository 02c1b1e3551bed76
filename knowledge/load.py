"""Build the knowledge base from the YAML files in knowledge/content and data/nlu/synonyms.yml.

Usage: python -m knowledge.load [--content DIR] [--synonyms FILE] [--database-url URL]

The synonyms (how visitors write each value) are training data for the model and are
stored in the knowledge base too, so the action server never reads data/; so are the words the
articles and the NLU data use (knowledge/lexicon.py).

All files are validated first; the database is only written when every file is
valid, and then in a single transaction that replaces the previous content, so
running the command twice gives the same database and a failure leaves the
existing one intact.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from knowledge import models
from knowledge.db import make_engine
from knowledge.lexicon import written_words
from knowledge.schema import (
    FILE_SCHEMAS,
    GapsFile,
    OrientationFile,
    ProfessionFile,
    SalaryFile,
    SourcesFile,
    StatementsFile,
    Strict,
    TrainingFile,
    WorkplacesFile,
)
from knowledge.vocabulary import ENTITY_CODES

F = TypeVar("F", bound=Strict)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
SYNONYMS_FILE = Path(__file__).resolve().parent.parent / "data" / "nlu" / "synonyms.yml"


class KnowledgeFileError(ValueError):
    """A knowledge file is missing, unreadable or invalid; names the file and the field."""

    def __init__(self, file: Path | str, field: str, problem: str) -> None:
        self.file = str(file)
        self.field = field
        self.problem = problem
        super().__init__(f"{self.file}: field '{field}': {problem}")


def _field_path(loc: Iterable[Any]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(file)"


def _read_file(path: Path) -> Strict:
    schema = FILE_SCHEMAS[path.name]
    if not path.is_file():
        raise KnowledgeFileError(path, "(file)", "file is missing")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeFileError(path, "(file)", f"invalid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise KnowledgeFileError(path, "(file)", "expected a mapping at the top level")
    try:
        return schema.parse_obj(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise KnowledgeFileError(path, _field_path(first["loc"]), first["msg"]) from exc


@dataclass
class Content:
    """The validated content of every knowledge file, keyed by file name."""

    files: dict[str, Any]
    directory: Path
    # (variant as written, value) from data/nlu/synonyms.yml, in file order.
    synonyms: list[tuple[str, str]]
    # The words the articles, the NLU data and the registry use (knowledge/lexicon.py).
    words: frozenset[str] = frozenset()

    def _file(self, name: str, schema: type[F]) -> F:
        parsed = self.files[name]
        assert isinstance(parsed, schema), name
        return parsed

    # One property per knowledge file, so every field read says which file it comes from.
    @property
    def sources(self) -> SourcesFile:
        return self._file("sources.yml", SourcesFile)

    @property
    def profession(self) -> ProfessionFile:
        return self._file("profession.yml", ProfessionFile)

    @property
    def statements(self) -> StatementsFile:
        return self._file("statements.yml", StatementsFile)

    @property
    def training(self) -> TrainingFile:
        return self._file("training.yml", TrainingFile)

    @property
    def salary(self) -> SalaryFile:
        return self._file("salary.yml", SalaryFile)

    @property
    def workplaces(self) -> WorkplacesFile:
        return self._file("workplaces.yml", WorkplacesFile)

    @property
    def orientation(self) -> OrientationFile:
        return self._file("orientation.yml", OrientationFile)

    @property
    def gaps(self) -> GapsFile:
        return self._file("gaps.yml", GapsFile)


def _check_unique(path: Path, field: str, values: list[str]) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            raise KnowledgeFileError(path, f"{field}[{index}]", f"duplicate value '{value}'")
        seen.add(value)


def _check_references(content: Content) -> None:
    """Cross-file checks that a schema alone cannot express."""
    directory = content.directory
    source_ids = [s.id for s in content.sources.sources]
    _check_unique(directory / "sources.yml", "sources.id", source_ids)
    for name, parsed in content.files.items():
        for field, value in _sourced_records(parsed):
            if value.source not in source_ids:
                raise KnowledgeFileError(directory / name, f"{field}.source", f"unknown source '{value.source}'")
    training = directory / "training.yml"
    diploma_codes = [d.code for d in content.training.diplomas]
    _check_unique(training, "diplomas.code", diploma_codes)
    _check_unique(training, "routes.code", [r.code for r in content.training.routes])
    _check_unique(training, "training_types.code", [t.code for t in content.training.training_types])
    _check_unique(training, "funding.code", [f.code for f in content.training.funding])
    for r_index, route in enumerate(content.training.routes):
        for d_index, code in enumerate(route.diplomas):
            if code not in diploma_codes:
                raise KnowledgeFileError(
                    training, f"routes[{r_index}].diplomas[{d_index}]", f"unknown diploma '{code}'"
                )
    salary = directory / "salary.yml"
    _check_unique(salary, "salary_bands.level", [b.level for b in content.salary.salary_bands])
    _check_unique(salary, "salary_factors.code", [f.code for f in content.salary.salary_factors])
    _check_unique(directory / "workplaces.yml", "workplaces.code", [w.code for w in content.workplaces.workplaces])
    _check_rules(content)
    _check_unique(directory / "gaps.yml", "gaps.code", [g.code for g in content.gaps.gaps])


def _check_rules(content: Content) -> None:
    """A rule may only point to routes, training types and funding options that exist."""
    path = content.directory / "orientation.yml"
    rules = content.orientation.recommendation_rules
    _check_unique(path, "recommendation_rules.code", [r.code for r in rules])
    known = {
        "route": {r.code for r in content.training.routes},
        "training_type": {t.code for t in content.training.training_types},
    }
    funding_codes = {f.code for f in content.training.funding}
    for index, rule in enumerate(rules):
        for field, codes in known.items():
            value = getattr(rule, field)
            if value is not None and value not in codes:
                raise KnowledgeFileError(path, f"recommendation_rules[{index}].{field}", f"unknown code '{value}'")
        for f_index, code in enumerate(rule.funding):
            if code not in funding_codes:
                raise KnowledgeFileError(
                    path, f"recommendation_rules[{index}].funding[{f_index}]", f"unknown funding '{code}'"
                )


def _sourced_records(parsed: Strict) -> Iterable[tuple[str, Any]]:
    for field in parsed.__fields__:
        value = getattr(parsed, field)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if hasattr(item, "source"):
                label = f"{field}[{index}]" if isinstance(value, list) else field
                yield label, item


def read_synonyms(path: Path = SYNONYMS_FILE) -> list[tuple[str, str]]:
    """(variant as written, value) of every synonym block of an NLU file, in file order.

    Every value must be a code of knowledge/vocabulary.py (ENTITY_CODES): a synonym to
    anything else could never narrow an answer, so it is rejected like a bad content file.
    """
    if not path.is_file():
        raise KnowledgeFileError(path, "(file)", "file is missing")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise KnowledgeFileError(path, "(file)", f"invalid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("nlu", []), list):
        raise KnowledgeFileError(path, "nlu", "expected a mapping with an 'nlu' list")
    pairs: list[tuple[str, str]] = []
    for index, block in enumerate(raw.get("nlu") or []):
        if not isinstance(block, dict) or "synonym" not in block:
            continue
        value, examples = block["synonym"], block.get("examples")
        if value not in ENTITY_CODES:
            known = ", ".join(sorted(ENTITY_CODES))
            raise KnowledgeFileError(
                path, f"nlu[{index}].synonym", f"'{value}' is not a code of knowledge/vocabulary.py (known: {known})"
            )
        if not isinstance(examples, str):
            raise KnowledgeFileError(path, f"nlu[{index}].examples", "expected a block of '- variant' lines")
        for line in examples.splitlines():
            variant = line.strip().removeprefix("- ").strip()
            if variant:
                pairs.append((variant, value))
    return pairs


def read_content(directory: Path = CONTENT_DIR, synonyms: Path = SYNONYMS_FILE) -> Content:
    """Parse and validate every knowledge file and the synonyms; raise KnowledgeFileError on the first problem."""
    files = {name: _read_file(directory / name) for name in FILE_SCHEMAS}
    content = Content(
        files=files, directory=directory, synonyms=read_synonyms(synonyms), words=written_words(nlu=synonyms.parent)
    )
    _check_references(content)
    return content


def _record(model: type[models.Base], item: Any, exclude: AbstractSet[str] = frozenset(), **extra: Any) -> models.Base:
    """A row from a validated record: its fields, with `source` stored as `source_id`."""
    return model(**item.dict(exclude={"source", *exclude}), source_id=item.source, **extra)


def _in_order(model: type[models.Base], items: list[Any], exclude: AbstractSet[str] = frozenset()) -> list[models.Base]:
    """Rows that keep the order they are written in (answers list them that way)."""
    return [_record(model, item, exclude, position=index) for index, item in enumerate(items)]


def _rows(content: Content) -> list[models.Base]:
    rows: list[models.Base] = [models.Source(**s.dict()) for s in content.sources.sources]
    rows.append(_record(models.Profession, content.profession.profession))
    rows += _in_order(models.Statement, content.statements.statements)
    diplomas = {d.code: d for d in _in_order(models.Diploma, content.training.diplomas)}
    rows += diplomas.values()
    routes = _in_order(models.TrainingRoute, content.training.routes, exclude={"blocks", "diplomas"})
    for route, authored in zip(routes, content.training.routes, strict=True):
        route.blocks = [models.CqpBlock(position=i, name=name) for i, name in enumerate(authored.blocks)]
        route.diplomas = [diplomas[code] for code in authored.diplomas]
    rows += routes
    rows += _in_order(models.TrainingType, content.training.training_types)
    rows.append(_record(models.Note, content.training.cost_disclaimer, code="cost_disclaimer"))
    rows.append(_record(models.Note, content.sources.disclaimer, code="disclaimer"))
    rows.append(_record(models.Note, content.statements.career_intro, code="career_intro"))
    rows += _in_order(models.FundingOption, content.training.funding)
    rows += _in_order(models.SalaryBand, content.salary.salary_bands)
    rows += _in_order(models.SalaryFactor, content.salary.salary_factors)
    rows += _in_order(models.Workplace, content.workplaces.workplaces)
    rows += [
        _record(
            models.RecommendationRule,
            rule,
            exclude={"when", "route", "training_type", "funding"},
            position=index,
            conditions=rule.when.dict(exclude_none=True),
            route_code=rule.route,
            training_type_code=rule.training_type,
        )
        for index, rule in enumerate(content.orientation.recommendation_rules)
    ]
    rows += _in_order(models.Gap, content.gaps.gaps)
    rows += [
        models.Synonym(position=index, variant=variant, value=value)
        for index, (variant, value) in enumerate(content.synonyms)
    ]
    rows += [models.KnownWord(word=word) for word in sorted(content.words)]
    rows.append(models.LoadStamp(id=1, stamp=uuid.uuid4().hex))
    return rows


def write_content(engine: Engine, content: Content) -> int:
    """Replace the whole knowledge base in one transaction; return the number of rows written."""
    rows = _rows(content)
    with engine.begin() as connection:
        # The knowledge base is derived data: rebuilding the schema too means a model
        # change never needs a migration, and it all rolls back on failure.
        models.Base.metadata.drop_all(connection)
        models.Base.metadata.create_all(connection)
        with Session(bind=connection, future=True) as session:
            session.add_all(rows)
            session.flush()
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=CONTENT_DIR)
    parser.add_argument("--synonyms", type=Path, default=SYNONYMS_FILE)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    try:
        content = read_content(args.content, args.synonyms)
    except KnowledgeFileError as exc:
        print(f"Knowledge base NOT updated: {exc}", file=sys.stderr)
        return 1
    engine = make_engine(args.database_url)
    count = write_content(engine, content)
    print(f"Knowledge base loaded: {count} records into {engine.url.render_as_string(hide_password=True)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
