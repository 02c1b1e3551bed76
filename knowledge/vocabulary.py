"""The values a visitor's profile can take: shared by the rule files, the loader and the actions."""

from __future__ import annotations

# Diplomas the orientation adviser distinguishes. DEAS/DEAP/DEI and bac are named by
# the sources; the others exist so the adviser can say honestly what the sources do not cover.
DIPLOMAS = ("DEAS", "DEAP", "DEI", "autre_sante", "bac", "aucun", "etranger")
# Current or previous job: the sources single out medical secretaries and dental assistants;
# "assistant_medical": already working as one (without the diploma); "sante" is a health
# job, known from a health diploma without asking.
BACKGROUNDS = ("secretaire_medicale", "assistante_dentaire", "assistant_medical", "sante", "autre")
# How the visitor plans to pay; "personnel" and "inconnu" get the general CPF/OPCO advice.
FUNDING_PLANS = ("cpf", "opco", "employeur", "personnel", "inconnu")
# Where the visitor would work, for the salary factors (alternance: during the training).
WORK_SETTINGS = ("hopital", "cabinet", "msp", "clinique", "ambulatoire", "longue_duree", "alternance", "indifferent")
