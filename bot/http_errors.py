"""The French errors of the HTTP layer (channels and server), and the exception that carries one."""

from __future__ import annotations

TOO_LONG = "Votre message est trop long ({length} caractères) : {limit} caractères au maximum, merci de le raccourcir."
BAD_REQUEST = "Requête invalide : envoyez un objet JSON avec « sender » et « message »."
BAD_SENDER = "Identifiant de conversation invalide."
EMPTY = "Votre message est vide : écrivez votre question, s'il vous plaît."
TOO_LARGE = "Requête trop volumineuse : {limit} Ko au maximum."
NOT_FOUND = "Adresse inconnue."
NOT_ALLOWED = "Méthode non autorisée pour cette adresse."
INTERNAL = "Erreur interne du serveur : réessayez dans un instant."


class RequestError(Exception):
    """A refused request: its HTTP status and the French message the caller gets."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
