"""What a visitor can ask about: the attributes of the things the bot knows, and the words that ask for each.

A question asks for an *attribute* (its duration, its cost, who it is for…) of an *object*
(the job, a route such as the CQP, a training format, a workplace, continuing education).
The objects are the vocabulary's values (knowledge/vocabulary.py: routes, formats,
workplaces); this module holds the attributes. The reading of a message
(actions/reading.py) finds them in each clause by these words, the answers are composed per
attribute (actions/answers.py), and an attribute a record does not fill is an honest gap.

`cues` are folded words or phrases (lower case, no accents, words only) that ask for the
attribute whatever else the clause names ("ça coûte combien" asks the cost of anything).
`weak` cues only ask for it when no other attribute is asked ("la formation" names the
training, but "la formation coûte combien" asks its cost). A cue of one word of five letters
or more also matches the words it begins ("financ" → "financement", "financée").

`topic` is the answer topic (conversation.shared.TOPIC_INTENTS) an attribute is answered
under: the attributes the classifier has no intent for (who it is for, the diploma
obtained, the working environment) are answered by that topic's composer, narrowed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attribute:
    code: str
    topic: str
    cues: tuple[str, ...]
    weak: tuple[str, ...] = ()


# fmt: off
ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute("cost", "cost", (
        "cout", "coute", "coutent", "couter", "couterait", "prix", "tarif", "tarifs", "cher", "chere", "cheres",
        "payant", "payante", "gratuit", "gratuite", "frais", "combien ca coute", "ca revient a combien", "budget",
    )),
    Attribute("duration", "duration", (
        "duree", "dure", "durent", "durer", "durera", "combien de temps", "longtemps", "combien de mois",
        "combien d heures", "combien d annees", "combien d ans", "en combien de", "how long", "combien de semaines",
        "combien de jours", "en semaines",
    ), weak=(  # a unit of time asks a length when nothing else is asked (« la FAE c'est 120 heures ? »)
        "heures", "heure",
    )),
    # How a training is followed (on site or at a distance): the access training's is a gap
    # (knowledge/content/gaps.yml, « online »); continuing education's is a measure of its facts.
    Attribute("modality", "training", (
        "presentiel", "en presentiel", "distanciel", "a distance", "en ligne", "se deplacer", "en visio",
        "sur place",
    )),
    # Whether a training can be taken in parts: the sources say it of the CQP's blocks only.
    Attribute("modular", "training", (
        "separement", "un par un", "une par une", "1 par 1", "bloc par bloc", "un seul bloc", "en valider un",
        "valider un seul", "d un coup", "dun coup", "d un seul coup", "en une fois", "en plusieurs fois",
        "petit a petit", "par morceaux", "par blocs", "un bloc a la fois",
    )),
    Attribute("funding", "funding", (
        "financer", "financement", "financements", "finance", "financee", "financees", "prise en charge",
        "pris en charge", "prend en charge", "qui paie", "qui paye", "qui finance", "rembourse", "remboursee", "cpf",
        "opco", "payer la formation", "payer ma formation", "payer ma formaion", "la payer", "je la paye",
        "je la paie", "aides", "aide financiere", "financ", "qui la paye", "qui la paie", "qui le paye",
        "qui les paye", "qui va payer", "qui paiera", "paye par qui", "payee par qui", "payes par qui", "les payer",
        "comment payer", "je paie", "je paye", "on paie", "on paye",
    )),
    Attribute("salary", "salary", (
        "prime", "primes",
        "salaire", "salaires", "gagne", "gagner", "gagnerais", "gagnerai", "gagnes", "remuneration", "remunere",
        "remuneree", "paie", "payee", "paye combien", "touche", "toucherais", "brut", "net par mois", "smic",
        "salary", "paid", "fiche de paie", "combien par mois", "paye", "payes",
    )),
    Attribute("audience", "prerequisites", (
        "pour qui", "s adresse", "s adressent", "ouvert a", "ouverte a", "ouverts a", "ouvert aux", "ouverte aux",
        "accessible aux", "a qui", "destine", "destinee",
        "accessible a", "pour quel profil", "pour quels profils",
    )),
    Attribute("diploma_obtained", "training", (
        "quel diplome", "diplome a la fin", "mene a", "menent a", "debouche sur", "on obtient",
        "j obtiens", "on a quoi a la fin", "delivre", "quel titre", "quelle certification",
        "diplomant", "diplomante",
    )),
    Attribute("prerequisites", "prerequisites", (
        "prerequis", "conditions d acces", "condition d acces", "niveau requis", "niveau d etudes", "il faut le bac",
        "faut il le bac", "faut le bac", "sans le bac", "sans bac", "avec le bac", "que le brevet", "brevet",
        "niveau bac", "quel niveau", "acceder", "empeche", "empecher", "interdit", "incompatible",
        "faut quel diplome", "quel diplome faut", "quel diplome il faut", "diplome requis",
        "diplome necessaire", "diplome exige", "quel diplome pour etre", "quel diplome pour devenir",
        "quel diplome pour faire", "combien d annees d experience", "combien d ans d experience",
        "combien de mois d experience", "nombre d annees d experience", "experience minimale",
        "experience minimum", "experience requise", "experience necessaire", "experience exigee",
    )),
    Attribute("environment", "workplaces", (
        "ambiance", "avec qui", "collegues", "cadre de travail", "environnement de travail", "ca se passe comment",
        "comment ca se passe",
    )),
    Attribute("workplaces", "workplaces", (
        "travailler ou", "bosser ou", "exercer ou", "travaille ou",
        "ou travailler", "ou travaille", "ou peut on travailler", "ou on travaille", "ou bosser", "ou exercer",
        "ou d autre", "lieux", "lieu de travail", "lieux de travail", "employeurs", "structures",
        "dans quels endroits", "ou peut il", "ou peut elle", "autres endroits", "autre endroit", "ailleurs",
        "d autres lieux", "quels endroits",
    )),
    Attribute("advantages", "advantages", (
        "avantages", "avantage", "atouts", "points forts", "points positifs", "pourquoi choisir", "les plus", "pros",
        "varie", "variee", "diversifie", "diversifiee", "routine", "routinier", "monotone", "s ennuyer",
        "positif", "positifs", "bons cotes",
    )),
    Attribute("drawbacks", "drawbacks", (
        "inconvenients", "inconvenient", "contraintes", "contrainte", "difficultes", "points negatifs", "stress",
        "stressant", "stressante", "charge mentale", "penible", "fatigant", "fatigante", "epuisant", "epuisante",
        "calme", "tranquille", "cons", "fatiguant", "pression", "negatif", "negatifs", "les moins", "mauvais cotes",
        "defauts", "le plus dur", "le plus difficile", "points faibles", "point faible",
    )),
    Attribute("job_market", "job_market", (
        "debouches", "debouche", "trouver du travail", "trouver un emploi", "trouver un poste", "embauche",
        "embaucher", "recrute", "recrutent", "recrutement", "chomage", "marche de l emploi", "du boulot",
        "job market", "avenir", "d avenir", "des offres", "offres d emploi", "d offres", "des postes", "de postes",
        "postes vacants", "postes libres", "postes disponibles",
    )),
    Attribute("continuing_education", "continuing_education", (
        "formation continue", "formations continues", "deja en poste", "deja en exercice", "se perfectionner",
        "perfectionnement",
    )),
    Attribute("career", "career", (
        "evolution", "evolutions", "evoluer", "carriere", "perspectives", "passerelle", "passerelles", "progresser",
        "specialiser", "plus tard", "par la suite", "apres quelques annees", "career",
    )),
    Attribute("programme", "programme", (
        "organise", "organisee", "se deroule", "deroulement",
        "programme", "cours", "matieres", "apprend", "apprendre", "stage", "stages", "examen", "ateliers", "modules",
        "contenu", "enseigne", "qcm", "blocs de competences", "bloc de competences", "blocs",
    )),
    Attribute("skills", "skills", (
        "qualites", "qualite", "competences", "competence", "savoir etre", "aptitudes", "soft skills", "skills",
        "profil ideal", "personnalite", "caractere",
    )),
    Attribute("missions", "missions", (
        "missions", "mission", "taches", "tache", "quotidien", "au jour le jour", "fait quoi", "fait il",
        "fait elle", "journee type", "activites", "role", "day to day", "ce que fait", "ce que font",
        "ce qu il fait", "ce qu elle fait",
    )),
    Attribute("compare", "compare", (
        "comparer", "comparaison", "compare", "cote a cote", "laquelle choisir",
    ), weak=(  # a difference between anything: what is compared is in the rest of the sentence
        "quelle difference", "les differences",
    )),
    Attribute("training", "training", (
        "quelle formation", "quelles formations", "se former", "me former", "comment devenir", "quelle voie",
        "quelles voies", "quel cursus", "quel parcours", "quelles etudes",
        # the way into the job, said of « y » (« ok, et pour y arriver ? »)
        "pour y arriver", "pour y acceder", "pour y parvenir", "pour y entrer", "comment y arriver",
        "comment y acceder",
    ), weak=(
        "formation", "formations", "devenir", "voie", "voies", "cursus", "parcours", "etudes",
    )),
    Attribute("profession", "profession", (
        "definition", "a quoi ca sert", "ca sert a quoi", "sert a quoi", "depuis quand", "cree", "creee", "what is",
        "gagner du temps", "gagne du temps", "temps medical", "en quelle annee",
    ), weak=(
        "c est quoi", "qu est ce que", "c koi", "c quoi", "parle moi", "parlez moi", "explique", "expliquez",
        "ce qu est", "ce que c est",
    )),
)
# fmt: on
BY_CODE = {a.code: a for a in ATTRIBUTES}


def own_topic(objects: dict[str, str]) -> str:
    """The answer topic that shows the named objects' own records: a workplace's under the
    workplaces, a route's, format's or diploma's under the training."""
    return "workplaces" if "workplace" in objects else "training"


# Attributes the classifier has no intent for: a cue for them decides the clause.
CUE_ONLY = tuple(a.code for a in ATTRIBUTES if a.code != a.topic)
# « où … ? » with no other attribute named asks for the places (read before folding, which makes
# it « ou »: actions/reading.py).
WHERE = "workplaces"
# "c'est quoi…": asks what a named thing is; with nothing named, what the job is.
DEFINITION = "profession"
# Attributes that are a measure or a property of something else (« la formation coûte
# combien », « la formation continue dure combien »): with one of them in the clause, the
# SUBJECTS below name what it is asked of, not a question of their own.
ASPECTS = ("cost", "duration", "funding", "audience", "diploma_obtained", "prerequisites", "salary")
SUBJECTS = ("training", "profession", "continuing_education", "programme")
# Topics whose own things have a duration or a cost asked of them as a whole (« la formation
# continue coûte combien ? », « ça dure combien, ces formations ? » after continuing education).
MEASURED_SUBJECTS = ("continuing_education",)
MEASURES = ("duration", "cost", "modality")
# The words that name an attribute itself (« c'est quoi les inconvénients ? »): said in a clause,
# they say what is asked even against the classifier's guess, which the rest of the sentence may
# have drawn elsewhere (« je me renseigne sur le métier, c'est quoi les inconvénients ? »).
NAMES: dict[str, tuple[str, ...]] = {
    "cost": ("cout", "prix", "tarif", "tarifs"),
    "duration": ("duree",),
    "funding": ("financement", "financements"),
    "salary": (  # and the visitor being paid (« je serais payée comment ? »), not paying (« payer la formation »)
        "salaire", "salaires", "remuneration", "salary", "suis paye", "suis payee", "serais paye", "serais payee",
        "serai paye", "serai payee", "est paye", "est payee", "sont payes", "etre paye", "etre payee", "on est paye",
        "paye pendant", "payee pendant", "payes pendant",
    ),
    "prerequisites": (
        "prerequis", "conditions d acces", "annees d experience", "ans d experience", "mois d experience",
        "niveau d etudes", "niveau requis", "experience minimale", "experience minimum", "experience requise",
        "experience necessaire", "experience exigee",
    ),
    "environment": ("ambiance", "environnement de travail"),
    "workplaces": ("lieux de travail", "lieux d exercice"),
    "advantages": ("avantages", "points forts", "atouts", "positifs"),
    "drawbacks": (
        "inconvenients", "contraintes", "points negatifs", "negatifs", "le plus dur", "le plus difficile",
        "points faibles",
    ),
    "job_market": ("debouches", "marche de l emploi", "job market", "offres d emploi"),
    "continuing_education": ("formation continue", "formations continues"),
    "career": ("evolution", "evolutions", "carriere", "perspectives", "career"),
    "programme": ("programme", "les cours"),
    "skills": ("qualites", "competences"),
    "missions": ("missions", "taches"),
}  # fmt: skip
# Words that show a message is about the job or the training, not about the visitor's health
# (« j'ai mal au dos, ce métier est plus calme ? »), besides any attribute's cue.
CAREER_WORDS = (
    "metier", "job", "poste", "boulot", "travail", "travailler", "assistant medical", "assistante medicale",
    "assistants medicaux", "assistant", "assistante", "reconversion", "reconvertir", "devenir", "formation", "cqp",
    "diplome", "patient", "patients",
)  # fmt: skip
