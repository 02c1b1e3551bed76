"""The loader: idempotent, and a broken file is rejected by name with the database left intact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge import load, models
from knowledge.db import make_engine
from knowledge.load import KnowledgeFileError, read_content, write_content
from knowledge.query import KnowledgeBase


@pytest.fixture
def engine(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    write_content(engine, read_content())
    return engine


def counts(engine) -> dict[str, int]:
    with Session(engine) as session:
        return {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in models.Base.metadata.sorted_tables
        }


def start_salary(engine) -> int:
    return KnowledgeBase(engine).salary_bands("debutant")[0].gross_year_min


def test_loading_twice_gives_the_same_database(engine) -> None:
    before = counts(engine)
    write_content(engine, read_content())
    assert counts(engine) == before
    assert before["salary_band"] == 2 and before["training_type"] == 3 and before["statement"] > 30


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = [
    # (file, text to replace, replacement, expected field in the message, problem)
    (
        "sources.yml",
        "    title: Comment devenir assistant médical\n",
        "",
        "sources[0].title",
        "field required",
    ),
    ("training.yml", "    hours: 112", '    hours: "112 heures"', "routes[1].hours", "valid integer"),
    (
        "training.yml",
        "diplomas: [DEAS, DEAP, DEI]",
        "diplomas: [DEAS, DEAP, DEXX]",
        "routes[1].diplomas[2]",
        "unknown diploma",
    ),
    (
        "salary.yml",
        "    gross_year_min: 22000",
        "    gross_year_min: 22 000 €",
        "salary_bands[0].gross_year_min",
        "valid integer",
    ),
    (
        "statements.yml",
        "  - topic: missions\n",
        "  - topic: horoscope\n",
        "statements[1].topic",
        "unexpected value",
    ),
    ("workplaces.yml", 'source: "001"', 'source: "042"', "source", "unknown source '042'"),
    (
        "profession.yml",
        "  created_year: 2019",
        "  created_year: 2019\n  mascot: panda",
        "profession.mascot",
        "extra fields",
    ),
    ("salary.yml", "  - level: experimente", "  - level: debutant", "salary_bands", "duplicate"),
]


@pytest.mark.parametrize(("file", "old", "new", "field", "problem"), BROKEN)
def test_broken_file_is_rejected_and_database_untouched(
    engine, content_copy: Path, file: str, old: str, new: str, field: str, problem: str
) -> None:
    before = counts(engine)
    replace_in(content_copy / file, old, new)
    with pytest.raises(KnowledgeFileError) as error:
        write_content(engine, read_content(content_copy))
    message = str(error.value)
    assert file in message and field in message and problem in message
    assert counts(engine) == before
    assert start_salary(engine) == 22000


def test_missing_file_and_bad_yaml_are_named(content_copy: Path) -> None:
    (content_copy / "salary.yml").unlink()
    with pytest.raises(KnowledgeFileError, match=r"salary\.yml.*file is missing"):
        read_content(content_copy)
    (content_copy / "salary.yml").write_text("salary_bands: [unclosed", encoding="utf-8")
    with pytest.raises(KnowledgeFileError, match=r"salary\.yml.*invalid YAML"):
        read_content(content_copy)


def test_database_failure_mid_load_rolls_back_everything(engine, monkeypatch) -> None:
    before = counts(engine)
    real_rows = load._rows

    def rows_with_duplicate_key(content):
        rows = real_rows(content)
        return rows + [models.Source(id="000", file="x", title="duplicate primary key")]

    monkeypatch.setattr(load, "_rows", rows_with_duplicate_key)
    with pytest.raises(IntegrityError):
        write_content(engine, read_content())
    assert counts(engine) == before
    assert start_salary(engine) == 22000


def test_command_reports_the_broken_file_and_exits_non_zero(tmp_path: Path, content_copy: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert load.main(["--database-url", url]) == 0
    replace_in(content_copy / "training.yml", "    months_min: 9", "    months_min: neuf")
    assert load.main(["--content", str(content_copy), "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert "training.yml" in err and "training_types[0].months_min" in err and "NOT updated" in err
    assert KnowledgeBase(make_engine(url)).training_types("court")[0].months_min == 9


# --- nothing invented: numbers and sections trace back to the cited article -------------

SOURCES_DIR = Path(load.CONTENT_DIR).parent / "sources"


def article_text(source_file: str) -> str:
    return (SOURCES_DIR / source_file).read_text(encoding="utf-8")


def numbers_in(text: str) -> set[int]:
    return {int(n.replace(" ", "").replace("\u202f", "")) for n in re.findall(r"\d[\d  \u202f]*\d|\d", text)}


def words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def all_records(engine) -> list:
    with Session(engine) as session:
        return [
            record
            for mapper in models.Base.registry.mappers
            if issubclass(mapper.class_, models.Sourced)
            for record in session.scalars(select(mapper.class_)).unique()
        ]


def test_every_record_cites_an_article_and_a_section_it_contains(engine) -> None:
    records = all_records(engine)
    assert len(records) > 50
    for record in records:
        text = article_text(record.source.file)
        assert words(record.section) in words(text), (type(record).__name__, record.section)


def test_every_number_in_the_knowledge_base_appears_in_its_article(engine) -> None:
    for record in all_records(engine):
        in_article = numbers_in(article_text(record.source.file))
        values = [
            getattr(record, column.key)
            for column in record.__table__.columns
            if column.key not in ("id", "position", "source_id")
        ]
        found = {v for v in values if isinstance(v, int) and not isinstance(v, bool)}
        for value in values:
            if isinstance(value, str):
                found |= numbers_in(value)
        missing = found - in_article
        assert not missing, (type(record).__name__, missing)


def test_synonyms_are_loaded_with_the_content_folded_as_the_actions_read_them(engine) -> None:
    table = KnowledgeBase(engine).synonyms()
    assert table["aide soignante"] == "DEAS" and table["infirmiere"] == "DEI" and table["apprentissage"] == "alternance"
    assert counts(engine)["synonym"] > 100


def test_a_synonym_of_an_unknown_code_is_rejected_and_database_untouched(engine, tmp_path: Path, capsys) -> None:
    synonyms = tmp_path / "synonyms.yml"
    original = (Path(load.SYNONYMS_FILE)).read_text(encoding="utf-8")
    synonyms.write_text(original + "  - synonym: centre_sante\n    examples: |\n      - centre de santé\n", "utf-8")
    before = counts(engine)
    with pytest.raises(KnowledgeFileError) as error:
        write_content(engine, read_content(synonyms=synonyms))
    message = str(error.value)
    assert "synonyms.yml" in message and ".synonym" in message
    assert "'centre_sante' is not a code of knowledge/vocabulary.py" in message and "hopital" in message
    assert counts(engine) == before
    url = str(engine.url)
    assert load.main(["--synonyms", str(synonyms), "--database-url", url]) == 1
    assert "NOT updated" in capsys.readouterr().err
