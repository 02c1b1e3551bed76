"""The environment every Rasa command and both servers run with.

The settings themselves (names, types, defaults, meanings) are in conversation/settings.py;
this module turns them into a child process's environment. Telemetry and crash reports are
switched off unconditionally: visitor data must never leave the machine.
"""

from __future__ import annotations

import os
import secrets

from conversation.settings import PROJECT_ROOT, Settings

FORCED = {
    "RASA_TELEMETRY_ENABLED": "false",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "TF_CPP_MIN_LOG_LEVEL": "2",
}

# Written into the environment with their default when unset or blank: Rasa fills ${ACTION_ENDPOINT_URL}
# and ${TRACKER_STORE_URL} of endpoints.yml from it, and every child process sees the same addresses.
EXPORTED = ("TRACKER_STORE_URL", "ACTION_ENDPOINT_URL", "RASA_PORT", "ACTION_PORT", "ACTION_HOST", "RASA_HOST")


# Files the bot creates (databases, logs, resolved credentials) are its owner's only.
UMASK = 0o077


def bot_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    defaults = Settings.from_env(env).as_environment()
    for variable in EXPORTED:
        if not env.get(variable, "").strip():
            env[variable] = defaults[variable]
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
