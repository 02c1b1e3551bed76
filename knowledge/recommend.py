"""Evaluate the orientation rules stored in the knowledge base against a visitor's profile.

The rules are data (knowledge/content/orientation.yml); this module only knows
how to match them, so changing the advice never needs a code change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from knowledge import models
from knowledge.query import KnowledgeBase


@dataclass(frozen=True)
class Profile:
    diploma: Optional[str] = None
    background: Optional[str] = None
    experience_years: Optional[float] = None
    alternance: Optional[bool] = None
    funding: Optional[str] = None


def _holds(condition: str, expected: Any, profile: Profile) -> bool:
    if condition == "min_years":
        return profile.experience_years is not None and profile.experience_years >= expected
    value = getattr(profile, condition)
    if isinstance(expected, bool):
        return value is expected
    return value in expected


def matches(rule: models.RecommendationRule, profile: Profile) -> bool:
    return all(_holds(condition, expected, profile) for condition, expected in rule.conditions.items())


def recommend(kb: KnowledgeBase, profile: Profile) -> list[models.RecommendationRule]:
    """The first matching rule of each group, groups in the order they first appear."""
    chosen: dict[str, models.RecommendationRule] = {}
    for rule in kb.recommendation_rules():
        if rule.group not in chosen and matches(rule, profile):
            chosen[rule.group] = rule
    return list(chosen.values())
