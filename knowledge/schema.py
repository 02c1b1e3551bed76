"""Validation of the knowledge files, so a broken file is rejected before the database is touched."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Optional

from pydantic import BaseModel, StrictBool, StrictInt, constr, validator

from knowledge.vocabulary import (
    BACKGROUNDS,
    DIPLOMAS,
    EXPERIENCE_LEVELS,
    FUNDING,
    FUNDING_PLANS,
    SALARY_FACTORS,
    TRAINING_FORMAT,
    TRAINING_ROUTES,
    WORKPLACES,
)

if TYPE_CHECKING:
    Text = str  # pydantic 1's constr() builds a class at run time, which mypy cannot use as a type
else:
    Text = constr(strict=True, strip_whitespace=True, min_length=1)

TOPICS = (
    "profession",
    "missions",
    "skills",
    "programme",
    "career",
    "pros_cons",
    "job_market",
    "continuing_education",
    "environment",
)


def one_of(what: str, codes: tuple[str, ...], *fields: str, each_item: bool = False) -> Any:
    """A validator: the fields hold codes of the vocabulary (knowledge/vocabulary.py), so a
    value the bot does not know is rejected with the file and field, before anything is written."""

    def check(cls: type, value: str) -> str:
        if value not in codes:
            raise ValueError(f"unknown {what} '{value}' (knowledge/vocabulary.py knows: {', '.join(codes)})")
        return value

    return validator(*fields, each_item=each_item, allow_reuse=True)(check)


class Strict(BaseModel):
    class Config:
        extra = "forbid"


class SourcedIn(Strict):
    source: Text
    section: Text
    # How visitors name this fact (lower case, a few words each): indexed for retrieval
    # when the base is loaded, so a new phrasing needs no retraining.
    keywords: list[Text] = []


class SourceIn(Strict):
    id: Text
    file: Text
    title: Text


class ProfessionIn(SourcedIn):
    name: Text
    created_year: StrictInt
    plan: Text
    purpose: Text
    role: Text


class StatementIn(SourcedIn):
    topic: Literal[TOPICS]  # type: ignore[valid-type]
    kind: Optional[Text] = None
    text: Text


class DiplomaIn(SourcedIn):
    code: Text
    name: Text
    level: Text

    _code = one_of("diploma", DIPLOMAS, "code")


class RouteIn(SourcedIn):
    code: Text
    name: Text
    summary: Text
    prerequisite: Optional[Text] = None
    duration: Optional[Text] = None
    hours: Optional[StrictInt] = None
    blocks: list[Text] = []
    blocks_note: Optional[Text] = None
    audience_note: Optional[Text] = None
    diplomas: list[Text] = []

    _code = one_of("route", TRAINING_ROUTES, "code")


class TrainingTypeIn(SourcedIn):
    code: Text
    label: Text
    months_min: StrictInt
    months_max: StrictInt
    diploma: Text
    cost_min: Optional[StrictInt] = None
    cost_max: Optional[StrictInt] = None
    cost_note: Optional[Text] = None

    _code = one_of("training format", TRAINING_FORMAT.codes, "code")


class NoteIn(SourcedIn):
    text: Text


class FundingIn(SourcedIn):
    code: Text
    name: Text
    text: Text

    _code = one_of("funding", FUNDING.codes, "code")


class SalaryBandIn(SourcedIn):
    level: Text
    label: Text
    gross_year_min: StrictInt
    gross_year_max: StrictInt
    net_month_min: StrictInt
    net_month_max: StrictInt

    _level = one_of("experience level", EXPERIENCE_LEVELS, "level")


class SalaryFactorIn(SourcedIn):
    code: Text
    text: Text

    _code = one_of("salary factor", SALARY_FACTORS, "code")


class WorkplaceIn(SourcedIn):
    code: Text
    name: Text
    setting: Text
    environment: Optional[Text] = None

    _code = one_of("workplace", WORKPLACES, "code")


class ConditionsIn(Strict):
    """What a visitor's profile must match; every listed field must hold (logical AND)."""

    diploma: Optional[list[Text]] = None
    background: Optional[list[Text]] = None
    funding: Optional[list[Text]] = None
    min_years: Optional[StrictInt] = None
    alternance: Optional[StrictBool] = None

    _diploma = one_of("diploma", DIPLOMAS, "diploma", each_item=True)
    _background = one_of("background", BACKGROUNDS, "background", each_item=True)
    _funding = one_of("funding plan", FUNDING_PLANS, "funding", each_item=True)


class RuleIn(SourcedIn):
    code: Text
    group: Literal["route", "vae", "alternance", "funding"]
    when: ConditionsIn = ConditionsIn()
    route: Optional[Text] = None
    training_type: Optional[Text] = None
    # The funding options the reason speaks of: checked against training.yml, not stored
    # (the advice is the reason's text).
    funding: list[Text] = []
    covered: StrictBool = True
    reason: Text


class GapIn(SourcedIn):
    """A question the sources do not answer: how to recognise it and what to say."""

    code: Text
    phrases: list[Text]
    also: list[Text] = []
    # A third condition, when two are not enough (a comparison, of pay, with another job).
    too: list[Text] = []
    unless: list[Text] = []
    # About the visitor's own condition: its phrases may be told anywhere in the message.
    situation: bool = False
    answer: Text
    related: Optional[Text] = None


class SourcesFile(Strict):
    sources: list[SourceIn]
    # What the articles say of themselves (not a medical opinion), quoted when asked.
    disclaimer: NoteIn


class ProfessionFile(Strict):
    profession: ProfessionIn


class StatementsFile(Strict):
    statements: list[StatementIn]
    # What the article says of the career as a whole, before its paths are listed.
    career_intro: NoteIn


class TrainingFile(Strict):
    diplomas: list[DiplomaIn]
    routes: list[RouteIn]
    training_types: list[TrainingTypeIn]
    cost_disclaimer: NoteIn
    funding: list[FundingIn]


class SalaryFile(Strict):
    salary_bands: list[SalaryBandIn]
    salary_factors: list[SalaryFactorIn]


class WorkplacesFile(Strict):
    workplaces: list[WorkplaceIn]


class OrientationFile(Strict):
    recommendation_rules: list[RuleIn]


class GapsFile(Strict):
    gaps: list[GapIn]


# Each knowledge file and the schema it must satisfy.
FILE_SCHEMAS: dict[str, type[Strict]] = {
    "sources.yml": SourcesFile,
    "profession.yml": ProfessionFile,
    "statements.yml": StatementsFile,
    "training.yml": TrainingFile,
    "salary.yml": SalaryFile,
    "workplaces.yml": WorkplacesFile,
    "orientation.yml": OrientationFile,
    "gaps.yml": GapsFile,
}
