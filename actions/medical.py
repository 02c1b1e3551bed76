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


def asks_medical_advice(question: str) -> bool:
    """'le médecin m'a prescrit un antibiotique, je peux arrêter ?': a health question, refused."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(question))
    return bool(_MEDICAL.search(folded))


_ABOUT_THE_ANSWERS = re.compile(
    r"\b(d ou viennent|d ou vient|vos sources|tes sources|quelles sont vos sources|vos informations|tes infos|"
    r"vos infos|remplace\w* (l avis|un medecin|un professionnel|une consultation)|"
    r"sur quoi vous vous basez|vous vous basez|tu te bases)\b"
)


def asks_about_the_answers(question: str) -> bool:
    """'d'où viennent vos informations ?', 'ça remplace l'avis d'un médecin ?': about the bot itself."""
    return bool(_ABOUT_THE_ANSWERS.search(re.sub(r"[^a-z0-9]+", " ", fold(question))))
