"""A performance fix applied to Rasa in our processes, measured in docs/benchmarks.md.

Rasa 3.6 checks every action-server response with `jsonschema.validate`, which first
re-validates the (constant) response schema against the JSON Schema meta-schema. Under
load that meta-check was about 60 % of the Rasa server's CPU (py-spy). The patched
method validates the same responses against the same schema and raises the same error;
only the schema check runs once instead of on every action call.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for


@cache
def _action_response_validator() -> Any:
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """Same contract as RemoteAction._validate_action_result in Rasa 3.6."""
    from rasa.shared.constants import DOCS_BASE_URL

    error: ValidationError | None = best_match(_action_response_validator().iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def apply() -> None:
    from rasa.core.actions.action import RemoteAction

    RemoteAction._validate_action_result = validate_action_result
