"""Topics the bot answers: which topic each intent asks about, and the buttons after advice.

The topic table, the main menu, the rating buttons and the welcome are shared with the
channels, so they live in conversation/shared.py.
"""

from __future__ import annotations

from conversation.shared import TOPIC_INTENTS

TOPIC_TO_INTENT = {topic: intent for intent, (topic, _) in TOPIC_INTENTS.items()}

# Offered after the orientation advice.
NEXT_STEPS_BUTTONS = [
    {"title": "Mon salaire", "payload": "/ask_salary_profile"},
    {"title": "Comparer les formations", "payload": "/compare_training"},
]
