"""The Rasa server's own fixed French texts for visitors, in one place: the HTTP errors of the
channels and the server, and the rate limit's refusal.

Texts the actions send too (the apology, the deletion's confirmation, the welcome) are in
conversation/shared.py; the chat window's own labels are in bot/web/. tests/test_texts.py keeps
new fixed texts here.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------- HTTP errors (bot/http_errors.py)

TOO_LONG = "Votre message est trop long ({length} caractères) : {limit} caractères au maximum, merci de le raccourcir."
BAD_REQUEST = "Requête invalide : envoyez un objet JSON avec « sender » et « message »."
BAD_SENDER = "Identifiant de conversation invalide."
EMPTY = "Votre message est vide : écrivez votre question, s'il vous plaît."
TOO_LARGE = "Requête trop volumineuse : {limit} Ko au maximum."
NOT_AUTHENTICATED = "Authentification requise : envoyez le jeton de l'API dans l'en-tête « Authorization: Bearer … »."
NOT_JSON = "Type de contenu non accepté : envoyez du JSON (« Content-Type: application/json »)."
NOT_FOUND = "Adresse inconnue."
NOT_ALLOWED = "Méthode non autorisée pour cette adresse."
INTERNAL = "Erreur interne du serveur : réessayez dans un instant."

# ---------------------------------------------------------------------------- rate limit (bot/ratelimit.py)

TOO_MANY = "Vous envoyez beaucoup de messages à la suite : merci de patienter {wait} avant de réessayer."


def too_many(retry_after: int) -> str:
    """The refusal, matching the wait (a window of a minute is not « quelques secondes »)."""
    wait = "une minute" if retry_after >= 45 else f"{retry_after} seconde{'s' if retry_after > 1 else ''}"
    return TOO_MANY.format(wait=wait)
