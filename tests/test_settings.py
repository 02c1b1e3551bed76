"""The settings module: every variable documented in the README, defaults, blank values, and the
only code that reads the environment."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from conversation.settings import DEFAULTS, VARIABLES, Settings, current

ROOT = Path(__file__).resolve().parent.parent


def readme_variables() -> list[str]:
    """The variables named in the first column of the README's "Configuration" table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row.split(" | ")[0])]


def test_the_readme_table_lists_exactly_the_settings() -> None:
    documented = readme_variables()
    assert len(documented) == len(set(documented)), "a variable is listed twice"
    assert set(documented) == set(VARIABLES)


def test_every_placeholder_of_the_rasa_files_is_a_setting() -> None:
    for name in ("credentials.yml", "endpoints.yml"):
        values = yaml.safe_dump(yaml.safe_load((ROOT / name).read_text(encoding="utf-8")))  # comments left out
        placeholders = set(re.findall(r"\$\{([A-Z0-9_]+)\}", values))
        assert placeholders and placeholders <= set(VARIABLES), name


def test_defaults() -> None:
    assert Settings.from_env({}) == DEFAULTS
    assert DEFAULTS.kb_database_url == f"sqlite:///{ROOT / 'var' / 'knowledge.sqlite3'}"
    assert DEFAULTS.feedback_database_url == f"sqlite:///{ROOT / 'var' / 'feedback.sqlite3'}"
    assert DEFAULTS.tracker_store_url == f"sqlite:///{ROOT / 'var' / 'tracker.sqlite3'}"
    assert (DEFAULTS.rasa_host, DEFAULTS.rasa_port, DEFAULTS.action_host, DEFAULTS.action_port) == (
        "127.0.0.1",
        5005,
        "127.0.0.1",
        5055,
    )
    assert DEFAULTS.action_endpoint_url == "http://127.0.0.1:5055/webhook"
    assert (DEFAULTS.rate_limit_per_minute, DEFAULTS.rate_limit_per_address_per_minute) == (20, 120)
    assert DEFAULTS.rate_limit_exempt == ("127.0.0.1", "::1") and DEFAULTS.trusted_proxies == ()
    assert DEFAULTS.rate_limit_redis_url is None and DEFAULTS.rasa_api_token is None
    assert DEFAULTS.request_max_bytes == 65536 and DEFAULTS.action_timeout_seconds == 8.0
    assert DEFAULTS.retention_days == 30.0 and DEFAULTS.action_server_token == ""
    assert DEFAULTS.handoff_contact == "utilisez la page Contact du site"
    assert DEFAULTS.webchat_allowed_origins == ()


def test_values_are_typed_and_blank_means_default() -> None:
    settings = Settings.from_env(
        {
            "RATE_LIMIT_PER_MINUTE": " 7 ",
            "RATE_LIMIT_PER_ADDRESS_PER_MINUTE": "",
            "ACTION_TIMEOUT_SECONDS": "0.5",
            "WEBCHAT_ALLOWED_ORIGINS": "https://a.example, https://b.example",
            "HANDOFF_CONTACT": "   ",
            "RASA_API_TOKEN": " ",
        }
    )
    assert settings.rate_limit_per_minute == 7 and settings.rate_limit_per_address_per_minute == 120
    assert settings.action_timeout_seconds == 0.5
    assert settings.webchat_allowed_origins == ("https://a.example", "https://b.example")
    assert settings.handoff_contact == DEFAULTS.handoff_contact and settings.rasa_api_token is None


def test_an_empty_exemption_list_limits_every_address() -> None:
    assert Settings.from_env({"RATE_LIMIT_EXEMPT": ""}).rate_limit_exempt == ()
    assert Settings.from_env({"RATE_LIMIT_EXEMPT": "10.0.0.1"}).rate_limit_exempt == ("10.0.0.1",)


def test_as_environment_round_trips() -> None:
    settings = Settings.from_env({"TRUSTED_PROXIES": "10.0.0.0/8 127.0.0.1", "RATE_LIMIT_PER_MINUTE": "3"})
    assert Settings.from_env(settings.as_environment()) == settings


def test_current_reads_the_environment_when_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REQUEST_MAX_BYTES", "1024")
    assert current().request_max_bytes == 1024
    monkeypatch.delenv("REQUEST_MAX_BYTES")
    assert current().request_max_bytes == 65536
    assert current() is current()  # parsed once per environment


def reads_environment(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"}:
            return True
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and {a.name for a in node.names} & {"environ", "getenv"}
        ):
            return True
    return False


def test_only_the_settings_module_reads_the_environment() -> None:
    # bot/env.py copies the whole environment for the child processes it starts.
    allowed = {"conversation/settings.py", "bot/env.py"}
    readers = {
        str(path.relative_to(ROOT))
        for package in ("actions", "bot", "conversation", "feedback", "knowledge")
        for path in (ROOT / package).rglob("*.py")
        if reads_environment(path.read_text(encoding="utf-8"))
    }
    assert readers == allowed
