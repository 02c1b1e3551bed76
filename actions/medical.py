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
    r"enceinte|regles|tension trop|ma tension|mon traitement|mon ordonnance|je prends quoi|dois je prendre|"
    r"arreter mon traitement|arreter le traitement|au bout de \d+ jours|je suis malade|mon enfant est malade)\b"
)


def asks_medical_advice(question: str) -> bool:
    """'le médecin m'a prescrit un antibiotique, je peux arrêter ?': a health question, refused."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(question))
    return bool(_MEDICAL.search(folded))
