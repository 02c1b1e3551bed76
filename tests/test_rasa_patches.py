"""The Rasa performance patch validates action-server responses exactly as Rasa does, only faster."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_patches

VALID = {"events": [{"event": "slot", "name": "topic", "value": "salary"}], "responses": [{"text": "Bonjour"}]}
INVALID = {"events": [{"no_event_key": 1}], "responses": []}


ORIGINAL = RemoteAction._validate_action_result


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
