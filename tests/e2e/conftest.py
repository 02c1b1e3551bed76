"""One real stack (action server + Rasa server) for every end-to-end test: it takes ~45 s to start.

The messaging platforms are switched on with test credentials and pointed at a local
fake of their APIs (fake_platforms.py), so their webhooks can be tested for real.
"""

from __future__ import annotations

import os

import pytest

from bot.stack import Stack
from tests.e2e.fake_platforms import FakePlatforms

PER_ADDRESS = 30
ACTION_SERVER_TOKEN = "e2e-action-server-secret"
REST_TOKEN = "e2e-rest-token"  # REST is authenticated, as a deployment should have it
REST_AUTH = {"Authorization": f"Bearer {REST_TOKEN}"}
PLATFORM_SECRETS = {
    "TELEGRAM_TOKEN": "123456789:AAE-test-token",
    "TELEGRAM_SECRET_TOKEN": "telegram-test-secret",
    "SLACK_BOT_TOKEN": "xoxb-test-token",
    "SLACK_SIGNING_SECRET": "slack-test-signing-secret",
    "FACEBOOK_VERIFY_TOKEN": "facebook-test-verify",
    "FACEBOOK_APP_SECRET": "facebook-test-app-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "facebook-test-page-token",
}


@pytest.fixture(scope="session")
def feedback_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('feedback') / 'feedback.sqlite3'}"


@pytest.fixture(scope="session")
def tracker_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('tracker') / 'tracker.sqlite3'}"


@pytest.fixture(scope="session")
def platforms():
    with FakePlatforms() as fake:
        yield fake


@pytest.fixture(scope="session")
def bot(feedback_db: str, tracker_db: str, platforms: FakePlatforms, tmp_path_factory: pytest.TempPathFactory):
    env = {
        "FEEDBACK_DATABASE_URL": feedback_db,
        "TRACKER_STORE_URL": tracker_db,
        **PLATFORM_SECRETS,
        "TELEGRAM_API_URL": f"{platforms.url}/telegram",
        "SLACK_API_URL": f"{platforms.url}/slack/",
        "FACEBOOK_GRAPH_URL": f"{platforms.url}/facebook",
        # The tests come from 127.0.0.1: not limited per address, except when they name a client
        # with X-Forwarded-For (loopback is the trusted proxy), which test_hardening.py does.
        "TRUSTED_PROXIES": "127.0.0.1",
        "RATE_LIMIT_EXEMPT": "127.0.0.1",
        "RATE_LIMIT_PER_ADDRESS_PER_MINUTE": str(PER_ADDRESS),
        "ACTION_SERVER_TOKEN": ACTION_SERVER_TOKEN,
        "REST_TOKEN": REST_TOKEN,
    }
    # Overridable so that two checkouts can run their end-to-end tests side by side.
    rasa_port = int(os.environ.get("E2E_RASA_PORT", "5105"))
    action_port = int(os.environ.get("E2E_ACTION_PORT", "5155"))
    logs = tmp_path_factory.mktemp("log")  # this run's logs only (tests/e2e/test_isolation.py reads them all)
    with Stack(rasa_port=rasa_port, action_port=action_port, extra_env=env, log_dir=logs) as stack:
        seconds = stack.wait_ready(timeout=240)
        print(f"\nstack ready in {seconds:.1f} s")
        yield stack
