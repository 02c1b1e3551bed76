"""Every setting of the bot: an environment variable, its type, its default and what it means.

The one place the bot's code reads its environment (the README's "Configuration" table lists
the same variables; tests/test_settings.py checks it). Each setting has a working default;
a variable that is unset or blank takes it, except RATE_LIMIT_EXEMPT, where an empty value
means "limit every address".

`Settings.from_env(env)` reads a given environment (the launcher's, for its child processes);
`current()` reads this process's environment when called, and parses it once per distinct
environment, so a test that changes a variable sees the change.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VAR_DIR = PROJECT_ROOT / "var"

T = TypeVar("T")


def _words(value: str) -> tuple[str, ...]:
    """A comma- or space-separated list."""
    return tuple(value.replace(",", " ").split())


def _setting(
    variable: str, default: T, meaning: str, parse: Callable[[str], Any] = str, blank_is_default: bool = True
) -> T:
    metadata = {"variable": variable, "meaning": meaning, "parse": parse, "blank_is_default": blank_is_default}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """The bot's settings; `Settings()` holds every default."""

    # Databases
    kb_database_url: str = _setting(
        "KB_DATABASE_URL", f"sqlite:///{VAR_DIR / 'knowledge.sqlite3'}", "knowledge base (SQLAlchemy URL)"
    )
    feedback_database_url: str = _setting(
        "FEEDBACK_DATABASE_URL",
        f"sqlite:///{VAR_DIR / 'feedback.sqlite3'}",
        "visitors' ratings and unanswered questions (SQLAlchemy URL)",
    )
    tracker_store_url: str = _setting(
        "TRACKER_STORE_URL", f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}", "conversations (Rasa SQL tracker store)"
    )
    retention_days: float = _setting(
        "RETENTION_DAYS", 30.0, "conversations and feedback idle for longer are deleted (make purge)", float
    )

    # The two servers
    rasa_host: str = _setting("RASA_HOST", "127.0.0.1", "interface the Rasa server listens on")
    rasa_port: int = _setting("RASA_PORT", 5005, "port of the Rasa server", int)
    action_host: str = _setting("ACTION_HOST", "127.0.0.1", "interface the action server listens on")
    action_port: int = _setting("ACTION_PORT", 5055, "port of the action server", int)
    action_endpoint_url: str = _setting(
        "ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook", "where Rasa calls the actions (endpoints.yml)"
    )
    action_server_token: str = _setting(
        "ACTION_SERVER_TOKEN", "", "secret the action server requires; blank: bot/env.py makes one per launch"
    )
    action_timeout_seconds: float = _setting(
        "ACTION_TIMEOUT_SECONDS", 8.0, "time limit of an action call, after which the visitor gets the apology", float
    )
    rasa_api_token: str | None = _setting("RASA_API_TOKEN", None, "turns on Rasa's HTTP API with this token")
    rest_token: str | None = _setting(
        "REST_TOKEN", None, "bearer token every REST channel request must carry; unset: REST is open"
    )
    webchat_allowed_origins: tuple[str, ...] = _setting(
        "WEBCHAT_ALLOWED_ORIGINS", (), "other origins allowed to embed the web chat (Rasa's --cors)", _words
    )
    request_max_bytes: int = _setting(
        "REQUEST_MAX_BYTES", 64 * 1024, "largest request body the Rasa server accepts", int
    )

    # Rate limits (bot/ratelimit.py)
    rate_limit_per_minute: int = _setting(
        "RATE_LIMIT_PER_MINUTE", 20, "messages per visitor (conversation id) per minute; 0: off", int
    )
    rate_limit_per_address_per_minute: int = _setting(
        "RATE_LIMIT_PER_ADDRESS_PER_MINUTE", 120, "messages per client address per minute; 0: off", int
    )
    trusted_proxies: tuple[str, ...] = _setting(
        "TRUSTED_PROXIES", (), "reverse proxies whose X-Forwarded-For is believed (addresses or networks)", _words
    )
    rate_limit_exempt: tuple[str, ...] = _setting(
        "RATE_LIMIT_EXEMPT",
        ("127.0.0.1", "::1"),
        "addresses never limited per address; empty: none",
        _words,
        blank_is_default=False,
    )
    rate_limit_redis_url: str | None = _setting(
        "RATE_LIMIT_REDIS_URL", None, "Redis counting the limits for every server; unset: per process"
    )

    # What visitors are told
    handoff_contact: str = _setting(
        "HANDOFF_CONTACT", "utilisez la page Contact du site", "how a visitor reaches a person"
    )

    # Messaging platforms (bot/platforms.py): each is on only when all its secrets are set
    telegram_token: str = _setting("TELEGRAM_TOKEN", "", "Telegram bot token (from @BotFather)")
    telegram_secret_token: str = _setting("TELEGRAM_SECRET_TOKEN", "", "secret Telegram sends with each update")
    slack_bot_token: str = _setting("SLACK_BOT_TOKEN", "", "Slack bot token (xoxb-…)")
    slack_signing_secret: str = _setting("SLACK_SIGNING_SECRET", "", "Slack app's signing secret")
    facebook_verify_token: str = _setting("FACEBOOK_VERIFY_TOKEN", "", "Messenger webhook verify token")
    facebook_app_secret: str = _setting("FACEBOOK_APP_SECRET", "", "Facebook app secret (request signatures)")
    facebook_page_access_token: str = _setting("FACEBOOK_PAGE_ACCESS_TOKEN", "", "Facebook page access token")
    # Platform API base URLs: changed only by the tests, to local fakes of the APIs.
    telegram_api_url: str = _setting("TELEGRAM_API_URL", "https://api.telegram.org", "Telegram Bot API base URL")
    slack_api_url: str = _setting("SLACK_API_URL", "https://slack.com/api/", "Slack Web API base URL")
    facebook_graph_url: str | None = _setting(
        "FACEBOOK_GRAPH_URL", None, "Facebook Graph API base URL; unset: fbmessenger's own"
    )

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """The settings of `env` (this process's environment by default); unset or blank: the default."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f.metadata["variable"])
            if raw is None or (f.metadata["blank_is_default"] and not raw.strip()):
                continue
            values[f.name] = f.metadata["parse"](raw.strip())
        return cls(**values)

    def as_environment(self) -> dict[str, str]:
        """{variable: value} for every setting with a value, as an environment would hold it."""
        result = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            result[f.metadata["variable"]] = " ".join(value) if isinstance(value, tuple) else str(value)
        return result


VARIABLES: dict[str, str] = {f.metadata["variable"]: f.metadata["meaning"] for f in fields(Settings)}
DEFAULTS = Settings()


def current() -> Settings:
    """This process's settings, read from its environment now (parsed once per distinct environment)."""
    return _parsed(tuple(os.environ.get(variable) for variable in VARIABLES))


@cache
def _parsed(values: tuple[str | None, ...]) -> Settings:
    return Settings.from_env({k: v for k, v in zip(VARIABLES, values, strict=True) if v is not None})
