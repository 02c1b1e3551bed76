"""The exception that carries a refused request's status and French message (the texts are in bot/messages.py)."""

from __future__ import annotations


class RequestError(Exception):
    """A refused request: its HTTP status and the French message the caller gets."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
