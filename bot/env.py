"""One place for the environment every Rasa command runs with.

Telemetry and crash reports are switched off unconditionally: visitor data must
never leave the machine. Other variables get a working local default that the
deployer can override.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

FORCED = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}

DEFAULTS = {
    "TRACKER_STORE_URL": f"sqlite:///{PROJECT_ROOT / 'var' / 'tracker.sqlite3'}",
    "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",
    "RASA_PORT": "5005",
    "ACTION_PORT": "5055",
    "ACTION_HOST": "127.0.0.1",
    "RASA_HOST": "0.0.0.0",
}


# Files the bot creates (databases, logs, resolved credentials) are its owner's only.
UMASK = 0o077


def bot_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    for key, value in DEFAULTS.items():
        env.setdefault(key, value)
    # The action server's shared secret: one per launch unless the deployer sets one (several
    # servers sharing an action server must share it; README, "Several servers").
    if not env.get("ACTION_SERVER_TOKEN", "").strip():
        env["ACTION_SERVER_TOKEN"] = secrets.token_urlsafe(32)
    env.update(FORCED)
    existing = env.get("PYTHONPATH")
    env["PYTHONPATH"] = f"{PROJECT_ROOT}{os.pathsep}{existing}" if existing else str(PROJECT_ROOT)
    return env


def apply() -> None:
    """Apply to the current process (for entry points that run Rasa in-process)."""
    os.umask(UMASK)
    os.environ.update(bot_environment())
