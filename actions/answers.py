"""Compose French answers from knowledge-base records, each ending with its sources.

One composer per topic; entities in the Context narrow the answer (an
experienced visitor gets the experienced salary band, a DEAS holder gets the
112-hour FAE). Composers only read through knowledge.query.KnowledgeBase.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from actions.context import UNIT_WORDS, Context
from actions.messages import (
    APPRENTICE_PAY,
    AUDIENCE_NOT_GIVEN,
    NO_DATA,
    NO_UNIT,
    OTHER_TRAINING,
    OTHER_TRAINING_MEASURES,
    OTHER_TRAINING_RELATED,
)
from knowledge import models
from knowledge.query import KnowledgeBase
from knowledge.text import fold, words
from knowledge.vocabulary import ALTERNANCE, BEGINNER, ENTITIES, EXPERIENCE_LEVELS, EXPERIENCED, GENERAL_FACTOR


@dataclass
class Answer:
    """Lines of text plus the records they come from (anything with .source and .section)."""

    lines: list[str] = field(default_factory=list)
    records: list = field(default_factory=list)

    def add(self, line: str, *records) -> Answer:
        self.lines.append(line)
        self.records.extend(r for r in records if r is not None)
        return self

    def cite(self, records: Iterable) -> Answer:
        self.records.extend(records)
        return self

    def text(self) -> str:
        body = "\n".join(self.lines) if self.lines else NO_DATA
        citation = citation_line(self.records)
        return f"{body}\n{citation}" if citation else body


CITATION = "D'après {sources}."


def citation_line(records: Iterable) -> str:
    """« Title » (« section » ; « section ») per article, in order of first use, after "D'après"
    (a label with a colon would give two colons with the title « Assistant médical : … »)."""
    by_source: dict[str, tuple[str, list[str]]] = {}
    for record in records:
        title, sections = by_source.setdefault(record.source_id, (record.source.title, []))
        if record.section not in sections and record.section != title:
            sections.append(record.section)
    if not by_source:
        return ""
    parts = [
        f"« {title} »" + (f" ({' ; '.join(f'« {s} »' for s in sections)})" if sections else "")
        for title, sections in by_source.values()
    ]
    return CITATION.format(sources=" et ".join(parts))


def euros(amount: int) -> str:
    return f"{amount:,}".replace(",", " ") + " €"


def euro_range(low: int, high: int) -> str:
    return f"{euros(low).removesuffix(' €')} à {euros(high)}"


def estimated_cost(training_type) -> str:
    """A price range, or the source's own wording when it gives no figure (alternance)."""
    if training_type.cost_min is None:
        return training_type.cost_note
    return euro_range(training_type.cost_min, training_type.cost_max)


def cost_phrase(training_type) -> str:
    """'coût estimé de 5 000 à 10 000 €', or 'coût variable (…)' in the source's words."""
    if training_type.cost_min is None:
        return f"coût {training_type.cost_note}"
    return f"coût estimé de {estimated_cost(training_type)}"


def bullet(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def decapitalize(text: str) -> str:
    """For a sentence continued after a colon: 'Vous pouvez…' -> 'vous pouvez…'."""
    return text[:1].lower() + text[1:]


def join_fr(items: list[str], last: str = "ou") -> str:
    """'a, b ou c' as French writes an enumeration."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def holders(route, article: str) -> str:
    """The diplomas that open a route, with their article: 'du DEAS, du DEAP ou du DEI'."""
    return join_fr([f"{article} {d.code}" for d in route.diplomas])


# --- topics --------------------------------------------------------------------


def profession(kb: KnowledgeBase, ctx: Context) -> Answer:
    p = kb.profession()
    answer = Answer()
    if p is None:
        return answer
    answer.add(
        f"Le métier d'{p.name} a été créé en {p.created_year} dans le cadre du plan « {p.plan} », pour {p.purpose}",
        p,
    )
    answer.add(p.role)
    for s in kb.statements("profession"):
        answer.add(s.text, s)
    return answer


def missions(kb: KnowledgeBase, ctx: Context) -> Answer:
    items = kb.statements("missions")
    main = [s for s in items if s.kind is None]
    extra = [s for s in items if s.kind == "extra"]
    answer = Answer().add("Au quotidien, l'assistant médical est amené à :")
    answer.add(bullet(s.text for s in main)).cite(main)
    for s in extra:
        answer.add(f"Il peut aussi {s.text}.", s)
    return answer


def _diploma_route(kb: KnowledgeBase, ctx: Context, answer: Answer) -> bool:
    """For a health-diploma holder: the route that diploma opens. False if none applies."""
    if not ctx.diploma:
        return False
    route = kb.route_for_diploma(ctx.diploma)
    diploma = kb.diploma(ctx.diploma)
    if route is None or diploma is None:
        return False
    answer.add(
        f"Avec le {diploma.code} ({diploma.name}, niveau {diploma.level.lower()}), vous pouvez accéder "
        f"au métier par une {route.name} de {route.hours} heures.",
        route,
        diploma,
    )
    answer.add(f"Cette formation est ouverte aux titulaires {holders(route, 'du')}.")
    return True


def _cqp(kb: KnowledgeBase, answer: Answer) -> None:
    cqp = kb.route("cqp")
    if cqp is None:
        return
    answer.add(f"Le {cqp.name} est {cqp.summary} Il est {cqp.prerequisite}.", cqp)
    if cqp.blocks:
        answer.add(f"Il comprend {len(cqp.blocks)} blocs de compétences ({cqp.blocks_note}) :")
        answer.add(bullet(b.name for b in cqp.blocks))


def _training_type(kb: KnowledgeBase, code: str, answer: Answer) -> None:
    for t in kb.training_types(code):
        answer.add(
            f"{t.label} : {t.months_min} à {t.months_max} mois, {t.diploma}, {cost_phrase(t)}.",
            t,
        )


def _route_answer(kb: KnowledgeBase, code: str, answer: Answer) -> None:
    if code == "cqp":
        _cqp(kb, answer)
        return
    route = kb.route(code)
    if route is None:
        return
    line = f"{capitalize(route.name)} : {route.summary}"
    if route.hours:
        line += f" Elle dure {route.hours} heures et s'adresse aux titulaires {holders(route, 'du')}."
    answer.add(line, route)
    _otherwise_cqp(kb, route, answer)


def _otherwise_cqp(kb: KnowledgeBase, route: models.TrainingRoute, answer: Answer) -> None:
    """A route kept for some diplomas, described to a visitor not known to hold one (« je peux
    faire la FAE de 112 heures ? » from an auxiliaire de vie): the way in without them."""
    cqp = kb.route("cqp")
    if route.diplomas and cqp is not None and cqp.code != route.code:
        answer.add(f"Sans l'un de ces diplômes, la voie d'accès principale est le {cqp.name}, {cqp.prerequisite}.", cqp)


def training(kb: KnowledgeBase, ctx: Context) -> Answer:
    answer = Answer()
    if _diploma_route(kb, ctx, answer):
        return answer
    if ctx.training_format == ALTERNANCE or ctx.route == ALTERNANCE:
        _route_answer(kb, ALTERNANCE, answer)
        _training_type(kb, ALTERNANCE, answer)
        return answer
    if ctx.training_format in ("court", "long"):
        _training_type(kb, ctx.training_format, answer)
        return answer
    if ctx.route:
        _route_answer(kb, ctx.route, answer)
        return answer
    if ctx.diploma == "bac":
        _cqp(kb, answer)
        return answer
    if ctx.experience == EXPERIENCED:
        _route_answer(kb, "vae", answer)
        return answer
    routes = [r for r in kb.routes() if r.code not in ctx.excluded]
    answer.add("Les autres voies vers le métier :" if ctx.excluded else "Plusieurs voies mènent au métier :").cite(
        routes
    )
    lines = []
    for r in routes:
        if r.code == "cqp":
            lines.append(f"le {r.name} : la voie principale, {r.prerequisite}")
        elif r.hours:
            lines.append(f"une {r.name} de {r.hours} heures si vous avez {holders(r, 'le')}")
        else:
            lines.append(f"{r.name} : {r.summary}")
    answer.add(bullet(lines))
    return answer


def prerequisites(kb: KnowledgeBase, ctx: Context) -> Answer:
    """The general conditions, which a question like 'faut-il le bac ?' asks about,
    followed by the visitor's own route when their diploma is known."""
    answer = Answer()
    named = kb.route(ctx.route) if ctx.route else None
    if named is not None and not named.prerequisite:  # the VAE, the alternance: an honest gap, not the CQP's
        return answer.add(
            f"Mes sources ne précisent pas les conditions d'accès à {named.name}, ni le diplôme, ni "
            f"les années d'expérience demandés. Elles la présentent seulement ainsi : {named.summary}",
            named,
        )
    cqp = kb.route("cqp")
    fae = kb.route("fae")
    if cqp:
        answer.add(f"Le {cqp.name} est {cqp.prerequisite}.", cqp)
        if cqp.audience_note:
            answer.add(cqp.audience_note)
    if fae:
        listed = ", ".join(f"{d.code} ({d.name}, niveau {d.level})" for d in fae.diplomas)
        answer.add(
            f"Avec un diplôme de santé — {listed} —, vous pouvez accéder au métier par une "
            f"{fae.name} de {fae.hours} heures.",
            fae,
        )
    _diploma_route(kb, ctx, answer)
    return answer


def programme(kb: KnowledgeBase, ctx: Context) -> Answer:
    steps = kb.statements("programme")
    answer = Answer().add("La formation associe théorie et pratique :")
    return answer.add("\n".join(f"{i}. {s.text}" for i, s in enumerate(steps, 1))).cite(steps)


def _cqp_duration(kb: KnowledgeBase, answer: Answer) -> None:
    cqp = kb.route("cqp")
    if cqp and cqp.duration:
        answer.add(f"L'article « {cqp.source.title} » parle, lui, d'une formation d'{cqp.duration} pour le CQP.", cqp)


def duration(kb: KnowledgeBase, ctx: Context) -> Answer:
    answer = Answer()
    if ctx.route == "cqp" and not ctx.training_format:  # each article's figure
        _training_type(kb, "court", answer)
        _cqp_duration(kb, answer)
        return answer
    if ctx.route == "vae":  # the sources give no duration for it: say so, not the training types'
        vae = kb.route("vae")
        if vae is not None:
            return Answer().add(f"Mes sources ne précisent pas la durée de la VAE : {vae.summary}", vae)
    if ctx.route == "fae" and not ctx.diploma:
        fae = kb.route("fae")
        if fae is not None:
            answer.add(f"Pour les titulaires {holders(fae, 'du')}, la FAE dure {fae.hours} heures.", fae)
            return answer
    # A training format asked about (« l'alternance, elle dure combien ? ») before the visitor's diploma.
    fae = kb.route_for_diploma(ctx.diploma) if ctx.diploma and not ctx.training_format else None
    if fae is not None:
        answer.add(f"Avec le {ctx.diploma}, la {fae.name} dure {fae.hours} heures.", fae)
        return answer
    fmt = ctx.training_format or ctx.recommended_type
    if fmt:
        _training_type(kb, fmt, answer)
        if ctx.recommended_route == "cqp" and not ctx.training_format:
            _cqp_duration(kb, answer)
        return answer
    types = [t for t in kb.training_types() if t.code not in ctx.excluded]
    titles = {t.source.title for t in types}
    if len(titles) == 1:  # the title comes from the records' source, not from the code
        answer.add(f"Selon l'article « {titles.pop()} » :")
    answer.add(bullet(f"{t.label} : {t.months_min} à {t.months_max} mois" for t in types)).cite(types)
    _cqp_duration(kb, answer)
    fae = kb.route("fae")
    if fae:
        answer.add(f"Pour les titulaires {holders(fae, 'du')}, la FAE dure {fae.hours} heures.", fae)
    return answer


def cost(kb: KnowledgeBase, ctx: Context) -> Answer:
    answer = Answer()
    named = kb.route(ctx.route) if ctx.route in ("fae", "vae") else None
    if named is not None:  # the sources price the training types, not these routes
        what = named.name if named.name.startswith(("la ", "l'")) else f"la {named.name}"
        answer.add(f"Mes sources ne donnent pas le coût de {what}.", named)
        disclaimer = kb.note("cost_disclaimer")
        if disclaimer:
            answer.add(disclaimer.text, disclaimer)
        return answer
    fae = kb.route_for_diploma(ctx.diploma) if ctx.diploma and not ctx.training_format else None
    if fae is not None:  # the visitor's own route: its cost is not given, and no other is its answer
        answer.add(
            f"Mes sources ne donnent pas le coût de la FAE de {fae.hours} heures ouverte aux "
            f"titulaires du {ctx.diploma}.",
            fae,
        )
        return _funding_line(kb, answer)
    fmt = ctx.training_format or ctx.recommended_type
    types = kb.training_types(fmt) if fmt else [t for t in kb.training_types() if t.code not in ctx.excluded]
    for t in types:
        answer.add(f"- {t.label} ({t.months_min} à {t.months_max} mois) : {estimated_cost(t)}", t)
    disclaimer = kb.note("cost_disclaimer")
    if disclaimer:
        answer.add(disclaimer.text, disclaimer)
    return _funding_line(kb, answer)


def _funding_line(kb: KnowledgeBase, answer: Answer) -> Answer:
    names = [f.name for f in kb.funding() if f.code in ("cpf", "opco")]
    if names:
        answer.add(f"Financements possibles : {' ou '.join(names)}.")
    return answer


def funding(kb: KnowledgeBase, ctx: Context) -> Answer:
    code = ctx.funding or ("employeur" if ctx.training_format == ALTERNANCE else None)
    options = kb.funding(code)
    answer = Answer().add("Pour financer votre formation :")
    answer.add(bullet(f"{o.name} : {o.text}" for o in options)).cite(options)
    if ctx.funding is None and code is not None:
        # The alternance's own funder first, then what funds any training: « et je la paye
        # comment ? » after the alternance is not only about the employer.
        others = [o for o in kb.funding() if o.code in ("cpf", "opco") and o not in options]
        if others:
            answer.add(f"Autres financements possibles : {' ou '.join(o.name for o in others)}.", *others)
    return answer


def skills(kb: KnowledgeBase, ctx: Context) -> Answer:
    groups = [
        ("human", "Qualités humaines"),
        ("technical", "Compétences techniques indispensables"),
        ("complementary", "Compétences complémentaires"),
    ]
    answer = Answer()
    for kind, label in groups:
        items = kb.statements("skills", kinds=[kind])
        if items:
            answer.add(f"{label} : " + " ; ".join(s.text for s in items) + ".").cite(items)
    for s in kb.statements("skills", kinds=["other_source"]):
        answer.add(f"L'autre article cite : {s.text}.", s)
    return answer


def _in_band(band: models.SalaryBand, amount: int) -> bool:
    """The sum is one of the band's, gross a year or net a month."""
    return band.gross_year_min <= amount <= band.gross_year_max or band.net_month_min <= amount <= band.net_month_max


def salary(kb: KnowledgeBase, ctx: Context) -> Answer:
    """The pay bands and what moves them where the visitor would work. A place or a specialty
    the sources give no pay for is said first, plainly, and the figures that follow are labelled
    as the job's in general (« en clinique ? », « dans un cabinet de pédiatrie ? »)."""
    answer = Answer()
    specific = specific_factors(kb, ALTERNANCE if ctx.training_format == ALTERNANCE else ctx.workplace)
    unsaid = ENTITIES["specialty"].labels().get(ctx.specialty or "") or (
        None if specific else ENTITIES["workplace"].labels().get(ctx.workplace or "")
    )
    if unsaid:
        answer.add(
            f"Mes sources ne donnent pas de salaire propre au travail {unsaid} ; "
            "voici ce qu'elles disent du salaire du métier en général."
        )
    level = ctx.experience if ctx.experience in EXPERIENCE_LEVELS else None
    # A sum the visitor names (« et avec trente-trois mille ? ») is answered by the band it falls in.
    named = [b for b in kb.salary_bands() if any(_in_band(b, x) for x in ctx.amounts)]
    level = named[0].level if len(named) == 1 else level
    # An apprentice is not yet paid as an assistant: the rule of the alternance first, no sum of
    # its own (the sources give none), then the pay once qualified, a beginner's.
    apprentice = ctx.training_format == ALTERNANCE and not named and bool(specific)
    if apprentice:
        for f in specific:
            answer.add(f.text, f)
        answer.add(APPRENTICE_PAY)
        level = BEGINNER
    for band in kb.salary_bands(level):
        answer.add(
            f"{capitalize(band.label)} : {euro_range(band.gross_year_min, band.gross_year_max)} brut par an, "
            f"soit environ {euro_range(band.net_month_min, band.net_month_max)} net par mois.",
            band,
        )
    if not apprentice:
        for f in specific or kb.salary_factors([GENERAL_FACTOR]):
            answer.add(f.text, f)
    return answer


def specific_factors(kb: KnowledgeBase, setting: str | None) -> list:
    """What the sources say moves the salary where the visitor works (a workplace, or
    alternance); none for a place they do not detail (the general factor then applies)."""
    return kb.salary_factors([setting]) if setting and setting != GENERAL_FACTOR else []


def career(kb: KnowledgeBase, ctx: Context) -> Answer:
    paths = kb.statements("career")
    if ctx.specialty:
        paths.sort(key=lambda s: s.kind != "specialisation")
    intro = kb.note("career_intro")  # what the article says of the career as a whole
    answer = Answer().add(f"{intro.text} Avec l'expérience :" if intro else "Avec l'expérience :", intro)
    return answer.add(bullet(s.text for s in paths)).cite(paths)


def workplaces(kb: KnowledgeBase, ctx: Context) -> Answer:
    answer = Answer()
    named = ctx.workplace is not None and ctx.workplace not in ctx.excluded  # « pas à l'hôpital, en cabinet ? »
    if ctx.excluded and not named:  # « pas à l'hôpital, où d'autre ? »: the other places
        places = [w for w in kb.workplaces() if w.code not in ctx.excluded]
        answer.add("Les assistants médicaux peuvent aussi travailler dans :")
        return answer.add(bullet(w.name for w in places)).cite(places)
    if named:
        for w in kb.workplaces(ctx.workplace):
            if w.environment:
                answer.add(f"{capitalize(w.setting)}, {decapitalize(w.environment)}", w)
            else:
                answer.add(f"Les assistants médicaux peuvent travailler {w.setting}.", w)
        if answer.lines:
            return answer
    places = kb.workplaces()
    answer.add("Les assistants médicaux travaillent dans :")
    answer.add(bullet(w.name for w in places)).cite(places)
    for s in kb.statements("environment"):
        answer.add(s.text, s)
    answer.add("Le cadre change selon la structure : demandez-moi par exemple « et à l'hôpital ? ».")
    return answer


def job_market(kb: KnowledgeBase, ctx: Context) -> Answer:
    """The employment outlook, then where the jobs are: « les débouchés » asks both (the second
    article files the workplaces under « Lieux d'exercice et perspectives professionnelles »)."""
    answer = _listing("job_market", "Côté emploi :")(kb, ctx)
    places = kb.workplaces()
    if places:
        answer.add(f"Les postes se trouvent dans les {', '.join(w.name for w in places)}.", *places)
    return answer


def _listing(topic: str, intro: str, kind: str | None = None) -> Callable[[KnowledgeBase, Context], Answer]:
    """A composer for topics that are a plain list of statements."""

    def compose(kb: KnowledgeBase, ctx: Context) -> Answer:
        items = kb.statements(topic, kinds=[kind] if kind else None)
        return Answer().add(intro).add(bullet(s.text for s in items)).cite(items)

    return compose


def compare(kb: KnowledgeBase, ctx: Context) -> Answer:
    """Side by side, one line per training: reads the same in a chat window and on a phone."""
    answer = Answer().add("Les formations côte à côte (durée · diplôme · coût estimé) :")
    types = kb.training_types()
    rows = (f"{t.label} : {t.months_min} à {t.months_max} mois · {t.diploma} · {estimated_cost(t)}" for t in types)
    answer.add(bullet(rows)).cite(types)
    fae = kb.route("fae")
    if fae:
        answer.add(
            f"- FAE, pour les titulaires {holders(fae, 'du')} : {fae.hours} heures · coût non précisé par mes sources",
            fae,
        )
    _cqp_duration(kb, answer)
    disclaimer = kb.note("cost_disclaimer")
    if disclaimer:
        answer.add(disclaimer.text, disclaimer)
    return answer


def audience(kb: KnowledgeBase, ctx: Context) -> Answer:
    """Who a route is for, in the sources' words; the general conditions when none is named."""
    if not ctx.route and ctx.training_format and ctx.training_format != ALTERNANCE:
        # « le programme long de 18-24 mois, c'est pour qui ? »: the table gives each format's
        # length, diploma and cost, never whom it is for; not the routes' conditions instead.
        answer = Answer()
        for t in kb.training_types(ctx.training_format):
            answer.add(AUDIENCE_NOT_GIVEN.format(what=decapitalize(t.label)))
        _training_type(kb, ctx.training_format, answer)
        return answer
    code = ctx.route or ctx.recommended_route or (ALTERNANCE if ctx.training_format == ALTERNANCE else None)
    route = kb.route(code) if code else None
    if route is None:
        return prerequisites(kb, ctx)
    answer = Answer()
    if route.code == "cqp":
        answer.add(f"Le {route.name} est {route.summary} Il est {route.prerequisite}.", route)
        if route.audience_note:
            answer.add(route.audience_note)
    elif route.hours:
        answer.add(f"La {route.name} de {route.hours} heures s'adresse aux titulaires {holders(route, 'du')}.", route)
        _otherwise_cqp(kb, route, answer)
    elif route.code == ALTERNANCE:
        answer.add(
            f"Mes sources ne précisent pas à qui s'adresse l'alternance ; elles la décrivent comme {route.summary}"
        )
        answer.cite([route])
    else:
        answer.add(f"{capitalize(route.name)} : {route.summary}", route)
    return answer


def diploma_obtained(kb: KnowledgeBase, ctx: Context) -> Answer:
    """What a training leads to: the table's diploma per format; the CQP is a certification."""
    answer = Answer()
    route = kb.route(ctx.route) if ctx.route else None
    fmt = ctx.training_format or (ctx.recommended_type if route is None else None)
    if fmt:
        for t in kb.training_types(fmt):
            answer.add(f"{t.label} ({t.months_min} à {t.months_max} mois) : {t.diploma.lower()} à la clé.", t)
        return answer
    if route is not None and route.code == "cqp":
        return answer.add(f"Le {route.name} est une certification professionnelle, {route.prerequisite}.", route)
    if route is not None and route.code == "vae":
        answer.add(f"{capitalize(route.name)} : {route.summary}", route)
        for s in kb.statements("career"):  # the diploma it leads to, where the career names it
            if "VAE" in s.text:
                answer.add(s.text, s)
        return answer
    if route is not None:
        answer.add(f"Mes sources ne précisent pas de diplôme délivré par la {route.name} : {route.summary}", route)
        return answer
    types = kb.training_types()
    answer.add("Selon le format de formation :")
    return answer.add(bullet(f"{t.label} : {t.diploma.lower()}" for t in types)).cite(types)


# How a record states a measure: a fact answers "how long / how much" only when its own text gives it.
MEASURES = {
    "duration": re.compile(
        r"\b(\d+|quelques|une?|deux|trois|quatre|six|neuf|douze|dix-huit)\s+(jours?|semaines?|mois|ans?|années?|heures?)\b"
    ),
    "cost": re.compile(r"(€|\beuros?\b|\bgratuit)"),
    "modality": re.compile(r"\b(à distance|en ligne|présentiel|distanciel|sur place)\b"),
}
MEASURE_NAMES = {"duration": "la durée", "cost": "le coût", "modality": "le mode (sur place ou à distance)"}
SUBJECT_NAMES = {"continuing_education": "des formations continues"}


def measure_of(kb: KnowledgeBase, topic: str, measure: str) -> Answer:
    """The duration or cost of a topic's things (« la formation continue coûte combien ? »): the
    facts whose own text gives it, or plainly that the sources do not, with what they do say."""
    statements = kb.statements(topic)
    pattern = MEASURES.get(measure)
    stating = [s for s in statements if pattern is not None and pattern.search(s.text)]
    answer = Answer()
    if stating:
        for s in stating:
            answer.add(s.text, s)
        return answer
    answer.add(f"Mes sources ne précisent pas {MEASURE_NAMES.get(measure, measure)} {SUBJECT_NAMES.get(topic, '')}.")
    related = [s for s in statements if measure == "cost" and re.search(r"financ", s.text)]
    for s in related:
        answer.add(f"Elles indiquent seulement : {decapitalize(s.text)}", s)
    return answer


def training_of(kb: KnowledgeBase, code: str, measure: str) -> Answer | None:
    """The duration or cost of the training that leads to a health diploma (« combien dure la
    formation d'infirmier ? »): the sources give the diploma's level and the route it opens to
    this job, never that training's measures. None for a diploma that opens no route (the bac)."""
    diploma, route = kb.diploma(code), kb.route_for_diploma(code)
    if diploma is None or route is None or measure not in OTHER_TRAINING_MEASURES:
        return None
    answer = Answer().add(OTHER_TRAINING.format(what=OTHER_TRAINING_MEASURES[measure], code=code, name=diploma.name))
    related = OTHER_TRAINING_RELATED.format(code=code, level=diploma.level.lower(), route=route.name, hours=route.hours)
    return answer.add(related, diploma).cite([route])


def modular(kb: KnowledgeBase, ctx: Context) -> Answer:
    """Whether a training can be taken in parts (« on peut les valider un par un ? »): the sources
    say so of the CQP's blocks, and of no other route; no « oui » or « non », since the question
    is asked both ways (« on est obligé de tout faire d'un coup ? »)."""
    answer = Answer()
    cqp = kb.route("cqp")
    if cqp is None or not cqp.blocks:
        return answer
    named = kb.route(ctx.route) if ctx.route and ctx.route != cqp.code else None
    if named is not None:
        answer.add(f"Mes sources ne le précisent pas pour {named.name} ; elles l'indiquent pour le {cqp.name}.")
    answer.add(f"Pour le {cqp.name}, {cqp.blocks_note} :", cqp)
    answer.add(bullet(b.name for b in cqp.blocks))
    return answer


# Attributes answered by their own composer rather than their topic's.
ATTRIBUTE_COMPOSERS: dict[str, Callable[[KnowledgeBase, Context], Answer]] = {
    "audience": audience,
    "diploma_obtained": diploma_obtained,
    "modular": modular,
}


COMPOSERS: dict[str, Callable[[KnowledgeBase, Context], Answer]] = {
    "profession": profession,
    "missions": missions,
    "training": training,
    "prerequisites": prerequisites,
    "programme": programme,
    "duration": duration,
    "cost": cost,
    "funding": funding,
    "skills": skills,
    "salary": salary,
    "career": career,
    "workplaces": workplaces,
    "advantages": _listing("pros_cons", "Les points forts du métier :", kind="advantage"),
    "drawbacks": _listing("pros_cons", "Les contraintes à anticiper :", kind="drawback"),
    "job_market": job_market,
    "continuing_education": _listing("continuing_education", "Pour la formation continue :"),
    "compare": compare,
}


# How a precise answer leads with the facts asked (plain, and for a yes/no question).
# Missions and skills are stored as fragments; the other list topics as sentences.
FOCUS_LEADS: dict[str, tuple[str, str]] = {
    "missions": ("L'assistant médical est amené à {items}.", "Oui, l'assistant médical est amené à {items}."),
    "skills": (
        "Les qualités et compétences attendues comprennent {items}.",
        "Oui, les qualités et compétences attendues comprennent {items}.",
    ),
}
SENTENCE_LEADS = ("{items}", "Oui. {items}")
# A yes/no question answered by one of these is not answered « oui »: a drawback answers « c'est
# stressant ? » and « c'est calme ? » alike, and a fact that denies (« n'est pas obligatoire »)
# says « non » itself.
JUDGEMENTS = ("advantages", "drawbacks")
_DENIES = re.compile(r"\b(n|ne)\b[^.;]*\b(pas|jamais|aucun|aucune|plus|ni)\b")


def focused(topic: str, records: list, yes_no: bool) -> Answer:
    """Only the facts the question is about, first; the whole topic stays one button away. A
    yes/no question is answered « oui » only when the facts affirm what it asks."""
    yes_no = yes_no and topic not in JUDGEMENTS and not any(_DENIES.search(fold(r.text)) for r in records)
    plain, affirmative = FOCUS_LEADS.get(topic, SENTENCE_LEADS)
    if topic in FOCUS_LEADS:  # fragments, which may hold commas of their own
        items = " ; ".join(r.text.rstrip(".") for r in records)
    else:
        items = " ".join(capitalize(r.text.rstrip(".")) + "." for r in records)
    return Answer().add((affirmative if yes_no else plain).format(items=items), *records)


def compose_answer(topic: str, kb: KnowledgeBase, ctx: Context) -> Answer:
    answer = COMPOSERS[topic](kb, ctx)
    return in_units_asked(answer, ctx.units) if topic == "duration" else answer


def in_units_asked(answer: Answer, units: tuple[str, ...]) -> Answer:
    """A length asked in a unit the sources do not give it in (« 112 heures, ça fait combien de
    semaines ? »): said first, plainly, before the lengths they do give (never converted)."""
    said = set(words(" ".join(answer.lines)))
    missing = [unit for unit in units if not said & set(UNIT_WORDS[unit])]
    if missing and answer.lines:
        answer.lines.insert(0, NO_UNIT.format(unit=UNIT_WORDS[missing[0]][-1]))
    return answer


def compose_many(topic: str, kb: KnowledgeBase, contexts: list[Context]) -> str:
    """One answer about several things named at once ("en cabinet ou à l'hôpital ?"), one source line."""
    parts = [compose_answer(topic, kb, ctx) for ctx in contexts]
    merged = Answer()
    for part in parts:
        merged.lines.extend(line for line in part.lines if line not in merged.lines)
        merged.records.extend(part.records)
    return merged.text()


def compose(topic: str, kb: KnowledgeBase, ctx: Context) -> str:
    return compose_answer(topic, kb, ctx).text()
