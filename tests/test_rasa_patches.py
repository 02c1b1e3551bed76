"""The Rasa performance patch validates action-server responses exactly as Rasa does, only faster."""

from __future__ import annotations

import asyncio
import time

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_patches

VALID = {"events": [{"event": "slot", "name": "topic", "value": "salary"}], "responses": [{"text": "Bonjour"}]}
INVALID = {"events": [{"no_event_key": 1}], "responses": []}


ORIGINAL = RemoteAction._validate_action_result
ORIGINAL_RUN = getattr(RemoteAction.run, "__wrapped__", RemoteAction.run)


def original(result: dict) -> bool:
    return ORIGINAL(RemoteAction("action_test", None), result)


@pytest.mark.parametrize("result", [VALID, {"events": [], "responses": []}])
def test_valid_responses_pass_as_with_rasa(result: dict) -> None:
    assert original(result) is True
    assert rasa_patches.validate_action_result(None, result) is True


def test_invalid_responses_fail_with_the_same_error_as_rasa() -> None:
    with pytest.raises(jsonschema.ValidationError) as expected:
        original(INVALID)
    with pytest.raises(jsonschema.ValidationError) as patched:
        rasa_patches.validate_action_result(None, INVALID)
    assert patched.value.message == expected.value.message
    assert "Failed to validate Action server response" in patched.value.message


def test_the_schema_is_checked_once_not_per_response(monkeypatch: pytest.MonkeyPatch) -> None:
    rasa_patches.validate_action_result(None, VALID)  # builds the cached validator
    validator_class = type(rasa_patches._action_response_validator())
    calls = []
    monkeypatch.setattr(validator_class, "check_schema", classmethod(lambda cls, schema: calls.append(schema)))
    for _ in range(3):
        rasa_patches.validate_action_result(None, VALID)
    assert calls == []


def test_apply_replaces_the_method() -> None:
    saved = RemoteAction._validate_action_result
    try:
        rasa_patches.apply()
        assert RemoteAction._validate_action_result is rasa_patches.validate_action_result
    finally:
        RemoteAction._validate_action_result = saved


# ---------------------------------------------------------------- action server down or slow


def run_guarded(action: RemoteAction, run) -> list:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    guarded = rasa_patches.guard(run)
    tracker = DialogueStateTracker("visitor", [])
    return asyncio.run(guarded(action, None, None, tracker, Domain.empty()))


def test_unreachable_action_server_gives_the_apology() -> None:
    from rasa.shared.core.events import BotUttered
    from rasa.utils.endpoints import EndpointConfig

    from conversation.shared import APOLOGY

    closed_port = EndpointConfig("http://127.0.0.1:9/webhook")  # discard port: connection refused
    events = run_guarded(RemoteAction("action_answer", closed_port), ORIGINAL_RUN)
    assert events == [BotUttered(APOLOGY)]


def test_slow_action_server_gives_the_apology_within_the_time_limit(monkeypatch) -> None:
    from rasa.shared.core.events import BotUttered

    monkeypatch.setenv("ACTION_TIMEOUT_SECONDS", "0.2")

    async def slow(*_args) -> list:
        await asyncio.sleep(5)
        return []

    start = time.monotonic()
    events = run_guarded(RemoteAction("action_answer", None), slow)
    assert time.monotonic() - start < 1.5
    assert len(events) == 1 and isinstance(events[0], BotUttered) and "Désolé" in events[0].text


def test_session_still_starts_when_the_action_server_is_down() -> None:
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    async def down(*_args) -> list:
        raise ConnectionError("down")

    events = run_guarded(RemoteAction("action_session_start", None), down)
    assert events == [SessionStarted(), ActionExecuted("action_listen")]


def test_form_validation_rejection_is_not_turned_into_an_apology() -> None:
    from rasa.core.actions.action import ActionExecutionRejection

    async def rejects(*_args) -> list:
        raise ActionExecutionRejection("validate_orientation_form")

    with pytest.raises(ActionExecutionRejection):
        run_guarded(RemoteAction("validate_orientation_form", None), rejects)


def test_apply_wraps_once() -> None:
    rasa_patches.apply()
    wrapped = RemoteAction.run
    rasa_patches.apply()
    assert RemoteAction.run is wrapped and RemoteAction.run.__wrapped__ is ORIGINAL_RUN


# ---------------------------------------------------------------- model loading


def test_fine_tuning_keeps_rasas_own_loader() -> None:
    calls = []

    def rasas_load(cls: type, *args: object, **kwargs: object) -> str:
        calls.append((cls, args, kwargs))
        return "model from Rasa's loader"

    class Model:
        load = rasa_patches.load_for_inference(rasas_load)

    assert Model.load("weights", "example", None, True, config={}) == "model from Rasa's loader"
    assert calls == [(Model, ("weights", "example", None, True), {"config": {}})]


def test_apply_replaces_the_model_loader_once() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    rasa_patches.apply()
    patched = RasaModel.load
    rasa_patches.apply()
    assert RasaModel.load == patched
    assert not hasattr(RasaModel.load.__wrapped__, "__wrapped__")  # Rasa's own loader, wrapped once


def test_the_spacy_model_is_loaded_once_and_shared() -> None:
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    rasa_patches.apply()
    first, second = SpacyNLP.load_model("fr_core_news_sm"), SpacyNLP.load_model("fr_core_news_sm")
    assert first is second
    assert [token.text for token in first.model("Combien gagne une assistante médicale ?")][:3] == [
        "Combien",
        "gagne",
        "une",
    ]


def test_the_patches_refuse_another_rasa_version() -> None:
    rasa_patches.check_version("3.6.21")
    with pytest.raises(rasa_patches.UnsupportedRasaVersionError, match="written for Rasa 3.6"):
        rasa_patches.check_version("3.7.0")


def test_a_server_started_without_the_patches_says_so(caplog: pytest.LogCaptureFixture) -> None:
    from rasa.core.channels.channel import OutputChannel

    from bot.checked_channel import RestInput

    patched = OutputChannel.send_response
    OutputChannel.send_response = getattr(patched, "__wrapped__", patched)
    try:
        RestInput.from_credentials({})
    finally:
        OutputChannel.send_response = patched
    assert "started without bot/rasa_cli.py" in caplog.text


def test_a_failed_deletion_tells_the_visitor_nothing_was_erased() -> None:
    from rasa.shared.core.events import BotUttered

    from conversation.shared import DELETE_MY_DATA_ACTION, NOT_FORGOTTEN

    async def down(*_args) -> list:
        raise ConnectionError("down")

    events = run_guarded(RemoteAction(DELETE_MY_DATA_ACTION, None), down)
    assert events == [BotUttered(NOT_FORGOTTEN)]  # no DATA_DELETED: the tracker store keeps everything


# ---------------------------------------------------------------- API token, commands


class FakeRequest:
    def __init__(self, headers: dict[str, str], args: dict[str, str] | None = None) -> None:
        # Sanic's headers are case-insensitive: looked up in lower case.
        self.headers, self.args = {k.lower(): v for k, v in headers.items()}, args or {}


def test_the_api_wants_the_bearer_token_and_ignores_it_in_the_url() -> None:
    async def handler(request) -> str:
        return "ok"

    decorated = rasa_patches.bearer_auth(None, "s3cret")(handler)
    assert asyncio.run(decorated(FakeRequest({"Authorization": "Bearer s3cret"}))) == "ok"
    for request in (
        FakeRequest({}, {"token": "s3cret"}),
        FakeRequest({"Authorization": "Bearer wrong"}),
        FakeRequest({"Authorization": "s3cret"}),
    ):
        assert asyncio.run(decorated(request)).status == 401
    assert asyncio.run(rasa_patches.bearer_auth(None, None)(handler)(FakeRequest({}))).status == 401


def test_the_api_token_is_never_on_a_command_line(monkeypatch, tmp_path) -> None:
    from bot.rasa_cli import with_api_token
    from bot.stack import Stack

    started: list[tuple[list[str], dict[str, str]]] = []
    stack = Stack(rasa_port=5999, action_port=5998, api_token="s3cret-api", log_dir=tmp_path / "log")
    monkeypatch.setattr(stack, "_spawn", lambda name, args, env: started.append((args, env)))
    stack.start_rasa()
    [(args, env)] = started
    assert "--enable-api" in args and not any("s3cret" in arg for arg in args)
    assert env["RASA_API_TOKEN"] == "s3cret-api"
    # bot/rasa_cli.py hands it to Rasa inside the process.
    assert with_api_token(["run", "--enable-api"], "s3cret-api") == [
        "run",
        "--enable-api",
        "--auth-token",
        "s3cret-api",
    ]
    assert with_api_token(["train"], "s3cret-api") == ["train"]


class Message:
    def __init__(self, text: str) -> None:
        self.text = text


def parsed_text(text: str, offered: list[str]) -> str:
    """The text the NLU is given for a message, in a conversation where the bot offered `offered`."""
    from rasa.shared.core.events import BotUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    async def parse_message(self, message, tracker=None, only_output_properties=True) -> str:
        return message.text

    tracker = DialogueStateTracker.from_events(
        "rest:x", [BotUttered("choisissez", data={"buttons": [{"title": p, "payload": p} for p in offered]})]
    )
    return asyncio.run(rasa_patches.commands_from_buttons(parse_message)(None, Message(text), tracker))


def test_commands_come_only_from_the_bots_own_buttons() -> None:
    offered = '/inform{"diploma": "deas"}'
    assert parsed_text(offered, [offered]) == offered
    assert parsed_text(offered, []) == 'inform{"diploma": "deas"}'  # visitor text: no forced intent
    assert parsed_text('/ask_salary{"x": "y"}', ["/ask_salary"]) == 'ask_salary{"x": "y"}'
    assert parsed_text("/feedback_negative", []) == "/feedback_negative"  # rating icons
    assert parsed_text("/ask_salary", []) == "/ask_salary"  # the welcome's buttons (web chat)
    assert parsed_text("/delete_my_data", []) == "/delete_my_data"
    assert parsed_text("/start", []) == "/greet"  # Telegram
    assert parsed_text("/", []) == "?"
