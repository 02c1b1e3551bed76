"""Questions about one's own health, recognised by their words whatever the classifier said.

The bot informs about a job; it never gives medical advice. A question about a treatment
or a symptom gets the refusal (domain response `utter_medical_advice`: a doctor, the 15).
"""

from __future__ import annotations

import re

from knowledge.text import fold

_MEDICAL = re.compile(
    r"\b(antibiotiques?|medicaments?|medicament|doliprane|paracetamol|ibuprofene|posologie|comprimes?|"
    r"symptomes?|j ai mal|mal a la tete|mal au ventre|mal au dos|fievre|je tousse|toux|grippe|covid|"
    r"enceinte|tension trop|ma tension|mon traitement|mon ordonnance|je prends quoi|dois je prendre|"
    r"arreter mon traitement|arreter le traitement|au bout de \d+ jours|je suis malade|mon enfant est malade)\b"
)


# The vocabulary of a health question (folded, singular): symptoms and conditions, the body,
# treatments, test results and measures. A word here does not make a question medical (« on
# mesure la tension ? » is a mission, « mal au dos, ce métier est moins physique ? » a career
# question): it is the evidence the classifier's `medical_advice` guess needs before the bot
# refuses (actions/reading.py). A message with none of them is never refused on a guess.
HEALTH_WORDS = frozenset(
    """
    mal douleur douloureux fievre toux tousse vertige nausee vomi vomissement rhume grippe covid angine otite
    allergie allergique bouton rash plaque brulure coupure saigne saignement essoufflement essouffle fatigue
    migraine infection malade maladie symptome diagnostic grave inquieter inquiete urgent diabete cholesterol
    asthme cancer tumeur enceinte grossesse bebe tete ventre dos poitrine coeur gorge dent bras jambe genou
    pied main oeil yeux oreille peau tension glycemie temperature pouls medicament medoc traitement treatment
    antibiotique doliprane paracetamol ibuprofene dose posologie comprime sirop ordonnance prescription
    prescrit resultat analyse prise sang radio scanner irm vaccin piqure piquee pique aiguille seringue blessure
    blesse blessee
    """.split()
)


# « mal » that is no pain: « j'aurai du mal à trouver un candidat », « pas mal de patients ».
_NOT_PAIN = re.compile(
    r"\b(?:pas mal|(?:du|de) mal a(?! (?:respirer|dormir|marcher|avaler|manger|bouger|voir|entendre|me lever)))\b"
)


def _folded(text: str) -> str:
    """Lower case, no accents, words only: what the patterns and HEALTH_WORDS are written in
    (the idioms where « mal » is no pain left out)."""
    return _NOT_PAIN.sub(" ", re.sub(r"[^a-z0-9]+", " ", fold(text)))


def mentions_health(text: str) -> bool:
    """« seize de tension ce matin, c'est grave ? », « un rash sur le bras »: health words."""
    return any(w in HEALTH_WORDS or w.rstrip("sx") in HEALTH_WORDS for w in _folded(text).split())


# The visitor telling a symptom of their own (« jai des douleurs dans la poitrine », « je ressens des
# vertiges »): the subject, a few words at most, then the symptom.
_SYMPTOM_TOLD = re.compile(
    r"\b(j ai|jai|je ressens|je sens|j ai eu|jai eu)( \w+){0,3} (douleurs?|mal|fievre|vertiges?|nausees?|"
    r"migraines?|saignements?|essoufflements?|palpitations?|brulures?|demangeaisons?|boutons?|toux|"
    r"infection|allergie|angine|otite|rhume)\b"
)


def asks_medical_advice(question: str) -> bool:
    """'le médecin m'a prescrit un antibiotique, je peux arrêter ?', 'jai des douleurs dans la
    poitrine…': a health question, refused (unless the clause is about the job: actions/reading.py)."""
    folded = _folded(question)
    return bool(_MEDICAL.search(folded) or _SYMPTOM_TOLD.search(folded))


_ABOUT_THE_ANSWERS = re.compile(
    r"\b(d ou viennent|d ou vient|vos sources|tes sources|quelles sont vos sources|vos informations|tes infos|"
    r"vos infos|remplace\w* (l avis|un medecin|un professionnel|une consultation)|"
    r"sur quoi vous vous basez|vous vous basez|tu te bases)\b"
)


# The sources as the authority of a question about something else: « d'après vos sources »,
# « selon tes sources », « vos sources disent-elles quelque chose sur le handicap ? ».
_BY_THE_SOURCES = re.compile(
    r"\b(?:(?:selon|d apres|dans|pour) (?:vos|tes) (?:sources|infos|informations)"
    r"|(?:vos|tes) (?:sources|infos|informations) (?:disent|parlent|mentionnent|indiquent|donnent|precisent)\w*"
    r"(?: elles)?(?: quelque chose| qqch| rien)?(?: sur| de| du| des| d)? \w+)"
)


def asks_about_the_answers(question: str) -> bool:
    """'d'où viennent vos informations ?', 'ça remplace l'avis d'un médecin ?': about the bot
    itself; not a question about something else asked of the sources (`_BY_THE_SOURCES`)."""
    return bool(_ABOUT_THE_ANSWERS.search(_BY_THE_SOURCES.sub(" ", _folded(question))))
