"""Personal answers: the recommended routes for a profile, and the salary for a profile.

What to recommend is decided by the rules in the knowledge base
(knowledge.recommend); this module only words the result.
"""

from __future__ import annotations

from typing import Optional

from actions.answers import Answer, capitalize, compose_answer, cost_phrase, decapitalize, holders, specific_factors
from actions.context import Context
from actions.messages import ASKED_ROUTE_CLOSED
from knowledge import models
from knowledge.query import KnowledgeBase
from knowledge.recommend import Profile, recommend
from knowledge.vocabulary import (
    ALTERNANCE,
    BACKGROUND,
    DIPLOMA,
    EXPERIENCE,
    FUNDING_PLAN,
    GENERAL_FACTOR,
    WORK_SETTING,
    WORKPLACES,
)

DIPLOMA_LABELS = DIPLOMA.labels()
BACKGROUND_LABELS = BACKGROUND.labels()
FUNDING_LABELS = FUNDING_PLAN.labels()
SETTING_LABELS = WORK_SETTING.labels()
EXPERIENCE_LABELS = EXPERIENCE.labels()


def _years(years: Optional[float]) -> Optional[str]:
    if years is None:
        return None
    if years == 0:
        return "sans expérience"
    whole = round(years)
    return f"{whole} an{'s' if whole > 1 else ''} d'expérience" if whole >= 1 else "moins d'un an d'expérience"


def profile_summary(profile: Profile) -> str:
    parts = [
        DIPLOMA_LABELS.get(profile.diploma or ""),
        BACKGROUND_LABELS.get(profile.background or ""),
        _years(profile.experience_years),
        None if profile.alternance is None else ("en alternance" if profile.alternance else "hors alternance"),
        FUNDING_LABELS.get(profile.funding or ""),
    ]
    return ", ".join(p for p in parts if p)


def _route_facts(rule: models.RecommendationRule) -> tuple[str, list]:
    """Duration and cost of a recommended route, each with the record it comes from."""
    route, kind = rule.route, rule.training_type
    facts: list[str] = []
    records: list = [route]
    if route.hours:
        facts.append(f"{route.hours} heures")
    if route.duration:
        facts.append(f"{route.duration} selon « {route.source.title} »")
    if kind is not None:
        where = f" selon « {kind.source.title} »" if kind.source_id != route.source_id else ""
        facts.append(
            f"{kind.label.lower()} de {kind.months_min} à {kind.months_max} mois, {kind.diploma}, "
            f"{cost_phrase(kind)}{where}"
        )
        records.append(kind)
    if kind is None:
        facts.append("coût non précisé par mes sources" if facts else "durée et coût non précisés par mes sources")
    return " ; ".join(facts), records


def orientation(
    kb: KnowledgeBase,
    profile: Profile,
    handoff: str,
    rules: Optional[list[models.RecommendationRule]] = None,
    whose: str = "votre",
    asked: Optional[str] = None,
) -> tuple[Answer, list[models.RecommendationRule]]:
    """The routes that fit the profile, why, with duration and cost; honest where sources are silent.

    `rules`: the profile's matching rules when the caller already has them; `whose`: « votre »,
    or « sa » for a relative the visitor asks about; `asked`: the route the message names (« mon BP
    permet de faire la formation de 112 heures ? »), said to be closed when its diplomas are not
    the profile's."""
    rules = recommend(kb, profile) if rules is None else rules
    answer = Answer().add(f"D'après {whose} situation ({profile_summary(profile) or 'profil non précisé'}) :")
    for rule in rules:
        if not rule.covered:
            answer.add(rule.reason, rule)
            answer.add(f"Pour un conseil adapté à votre situation, {handoff}.")
        elif rule.route is not None:
            facts, records = _route_facts(rule)
            answer.add(f"- {capitalize(rule.route.name)} ({facts}). {rule.reason}", rule, *records)
        else:
            answer.add(f"Financement : {decapitalize(rule.reason)}", rule)
    closed = kb.route(asked) if asked and asked not in {r.route.code for r in rules if r.route} else None
    if (
        closed is not None
        and closed.diplomas
        and closed.hours
        and profile.diploma not in {d.code for d in closed.diplomas}
    ):
        answer.add(
            ASKED_ROUTE_CLOSED.format(name=closed.name, hours=closed.hours, holders=holders(closed, "du")),
            closed,
        )
    return answer, rules


def salary_for(
    kb: KnowledgeBase, experience: Optional[str], setting: Optional[str], amounts: tuple[int, ...] = ()
) -> Answer:
    """The band for the visitor's experience and the factor for where they would work; a sum the
    message names (« et avec trente-trois mille ? ») asks the band it falls in, whoever the visitor is."""
    ctx = Context(
        experience=experience,
        workplace=setting if setting in WORKPLACES else None,
        training_format=ALTERNANCE if setting == ALTERNANCE else None,
        amounts=amounts,
    )
    # An apprentice's pay is the alternance's, whatever experience they have.
    own = None if amounts or setting == ALTERNANCE else EXPERIENCE_LABELS.get(experience or "")
    described = ", ".join(label for label in (own, SETTING_LABELS.get(setting or "")) if label)
    answer = compose_answer("salary", kb, ctx)
    if described:
        answer.lines.insert(0, f"Pour votre profil ({described}) :")
    if specific_factors(kb, setting):  # the specific factor replaced the general one
        for factor in kb.salary_factors([GENERAL_FACTOR]):
            answer.add(factor.text, factor)
    return answer
