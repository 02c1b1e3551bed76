"""Every value the bot knows, once: its code and the French words the code needs to say it.

The knowledge files are validated against these codes (knowledge/schema.py), the actions
read entities and the visitor's profile with them (actions/context.py, actions/profile.py),
and the adviser words its summaries and builds its buttons from them (actions/advice.py,
actions/questions.py). How visitors write a value is not here: that is data/nlu/synonyms.yml,
read by the model and, through the knowledge base (make kb), by the actions. Adding a value
(a workplace, say) is one entry here, its content in knowledge/content/ and its synonyms
(README, "Adding a topic or a value").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Term:
    """One value: its code (what entities, slots, buttons and knowledge files carry), how a
    sentence names it (`label`, e.g. "à l'hôpital"; None: never named) and the title of the
    button that states it (`button`; None: never offered as a button)."""

    code: str
    label: Optional[str] = None
    button: Optional[str] = None


@dataclass(frozen=True)
class Values:
    """The values of one entity or slot, in the order buttons and lists show them."""

    name: str
    terms: tuple[Term, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)

    def labels(self) -> dict[str, str]:
        """code -> label, for the values a sentence names."""
        return {t.code: t.label for t in self.terms if t.label}

    def term(self, code: str) -> Term:
        return next(t for t in self.terms if t.code == code)


# Diplomas the orientation adviser distinguishes. DEAS/DEAP/DEI and bac are named by the
# sources; the others exist so the adviser can say honestly what the sources do not cover.
DIPLOMA = Values(
    "diploma",
    (
        Term("DEAS", "titulaire du DEAS", "DEAS (aide-soignant)"),
        Term("DEAP", "titulaire du DEAP", "DEAP (auxiliaire de puériculture)"),
        Term("DEI", "titulaire du DEI", "DEI (infirmier)"),
        Term("autre_sante", "autre diplôme de santé", "Autre diplôme de santé"),
        Term("bac", "niveau bac", "Le bac"),
        Term("aucun", "sans le bac", "Pas le bac"),
        Term("etranger", "diplôme obtenu à l'étranger", "Diplôme étranger"),
    ),
)
# Diplomas of a health profession (the visitor's job is then known without asking).
HEALTH_DIPLOMAS = ("DEAS", "DEAP", "DEI", "autre_sante")

# Current or previous job: the sources single out medical secretaries and dental assistants;
# "assistant_medical": already working as one (without the diploma); "sante" is a health
# job, known from a health diploma without asking. Offered as buttons: those with a title.
BACKGROUND = Values(
    "background",
    (
        Term("secretaire_medicale", "secrétariat médical", "Secrétaire médicale"),
        Term("assistante_dentaire", "assistanat dentaire", "Assistante dentaire"),
        Term("assistant_medical", "déjà assistant médical"),
        Term("sante"),
        Term("autre", button="Un autre métier"),
    ),
)
# Jobs whose experience may lead to the VAE (the sources: "les profils les plus expérimentés").
EXPERIENCED_BACKGROUNDS = ("secretaire_medicale", "assistante_dentaire", "assistant_medical")

# The visitor's experience of the job itself: the two salary bands of the sources.
BEGINNER, EXPERIENCED = "debutant", "experimente"
EXPERIENCE = Values(
    "experience",
    (
        Term(BEGINNER, "débutant", "Non, je débuterais"),
        Term(EXPERIENCED, "expérimenté", "Oui, j'ai de l'expérience"),
    ),
)

# Where an assistant médical works: the workplaces of knowledge/content/workplaces.yml. The
# label names it in the adviser's summary; the button is offered after a salary answer when
# the sources detail the salary there (a salary factor with its code).
WORKPLACE = Values(
    "workplace",
    (
        Term("hopital", "à l'hôpital", "À l'hôpital"),
        Term("cabinet", "en cabinet", "En cabinet"),
        Term("msp", "en maison de santé", "En maison de santé"),
        Term("clinique", "en clinique", "En clinique"),
        Term("ambulatoire", "en centre de soins", "En centre de soins"),
        Term("longue_duree", "en établissement de longue durée", "En établissement de longue durée"),
    ),
)

# The training formats of knowledge/content/training.yml (training_types).
ALTERNANCE = "alternance"
TRAINING_FORMAT = Values(
    "training_format", (Term("court"), Term("long"), Term(ALTERNANCE, "en alternance", "En alternance"))
)

# Ways to fund the training that the sources describe (knowledge/content/training.yml, funding).
FUNDING = Values(
    "funding",
    (Term("cpf", "CPF", "Avec mon CPF"), Term("opco", "OPCO", "Avec un OPCO"), Term("employeur", "employeur")),
)
# How the visitor plans to pay; "personnel" and "inconnu" get the general CPF/OPCO advice.
FUNDING_PLAN = Values("funding_plan", FUNDING.terms + (Term("personnel", "financement personnel"), Term("inconnu")))

# Where the visitor would work, for the salary factors (alternance: during the training).
WORK_SETTING = Values("work_setting", WORKPLACE.terms + (TRAINING_FORMAT.term(ALTERNANCE), Term("indifferent")))

SPECIALTY = Values(
    "specialty",
    (Term("pediatrie", "en pédiatrie"), Term("cardiologie", "en cardiologie"), Term("dermatologie", "en dermatologie")),
)
# Routes a visitor names (the entity); the training routes of knowledge/content/training.yml
# are these and alternance, which is also a format (named as such).
ROUTE = Values("route", (Term("cqp"), Term("fae"), Term("vae")))
TRAINING_ROUTES = (*ROUTE.codes, ALTERNANCE)

# The values of each NLU entity (domain.yml's entities) the answers understand.
ENTITIES: dict[str, Values] = {
    v.name: v for v in (DIPLOMA, EXPERIENCE, WORKPLACE, TRAINING_FORMAT, FUNDING, SPECIALTY, ROUTE, BACKGROUND)
}

# Salary factors that are not a workplace (knowledge/content/salary.yml): what the sources say
# in general, and the pay in alternance.
GENERAL_FACTOR = "general"
SALARY_FACTORS = (GENERAL_FACTOR, ALTERNANCE, *WORKPLACE.codes)

# The plain code tuples, for code that only needs the codes.
DIPLOMAS = DIPLOMA.codes
BACKGROUNDS = BACKGROUND.codes
EXPERIENCE_LEVELS = EXPERIENCE.codes
WORKPLACES = WORKPLACE.codes
FUNDING_PLANS = FUNDING_PLAN.codes
WORK_SETTINGS = WORK_SETTING.codes

# Every code an entity may carry as the actions read it: the entities' values, plus the
# visitor's funding plan and work setting (actions/profile.py reads the funding and workplace
# entities as those). The synonyms of data/nlu/synonyms.yml must map to one of these
# (checked when the knowledge base is loaded).
ENTITY_CODES = frozenset(code for values in (*ENTITIES.values(), FUNDING_PLAN, WORK_SETTING) for code in values.codes)
