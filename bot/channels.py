"""Which channels the Rasa server opens: credentials.yml, with each platform on only if configured.

Rasa itself stops with an error when a `${VAR}` in credentials.yml is not set. Here a
channel whose variables are not all set is simply left off, with one log line saying
which variable is missing, so a deployer can enable Telegram without touching Slack.
The resolved file holds secrets: it is written with owner-only permissions under var/.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.env import PROJECT_ROOT
from conversation.settings import Settings

CREDENTIALS = PROJECT_ROOT / "credentials.yml"
RESOLVED = PROJECT_ROOT / "var" / "run" / "credentials.yml"
PLACEHOLDER = re.compile(r"\$\{([A-Z0-9_]+)\}")


def _missing(value: Any, env: Mapping[str, str]) -> list[str]:
    if isinstance(value, str):
        return [name for name in PLACEHOLDER.findall(value) if not env.get(name, "").strip()]
    if isinstance(value, dict):
        return [name for item in value.values() for name in _missing(item, env)]
    return []


def _fill(value: Any, env: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return PLACEHOLDER.sub(lambda match: env[match.group(1)].strip(), value)
    if isinstance(value, dict):
        return {key: _fill(item, env) for key, item in value.items()}
    return value


def resolve(config: Mapping[str, Any], env: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """(channels to open with their variables filled in, log lines for the channels left off)."""
    enabled: dict[str, Any] = {}
    notes = []
    for channel, settings in config.items():
        missing = _missing(settings, env)
        if missing:
            notes.append(f"Channel {channel} off: {', '.join(sorted(set(missing)))} not set.")
        else:
            enabled[channel] = _fill(settings, env)
    return enabled, notes


def _load(source: Path) -> dict[str, Any]:
    return yaml.safe_load(source.read_text(encoding="utf-8")) or {}


def write_credentials(
    env: Mapping[str, str] | None = None, source: Path = CREDENTIALS, target: Path = RESOLVED
) -> tuple[Path, list[str]]:
    """(the credentials file to give Rasa: only the channels whose variables are all set,
    log lines for the channels left off). The variables are settings (conversation/settings.py)
    of `env`, this process's environment by default."""
    enabled, notes = resolve(_load(source), Settings.from_env(env).as_environment())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.touch(mode=0o600)
    target.chmod(0o600)
    target.write_text(yaml.safe_dump(enabled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target, notes
