"""Nine fixes applied to Rasa in our processes (bot/rasa_cli.py applies them).

1. Action server down or slow (`guarded_run`). Rasa 3.6 waits up to 300 s for the action
   server, then logs the error and sends the visitor nothing. Here a custom action that
   fails or takes longer than ACTION_TIMEOUT_SECONDS (default 8) sends the visitor the
   short French apology instead; the next message tries the action server again, so the
   bot recovers by itself when it is back. A form's validation rejection is not a failure
   and still goes through.

2. Performance, measured in docs/benchmarks.md. Rasa 3.6 checks every action-server
   response with `jsonschema.validate`, which first re-validates the (constant) response
   schema against the JSON Schema meta-schema. Under load that meta-check was about 60 %
   of the Rasa server's CPU (py-spy). The patched method validates the same responses
   against the same schema and raises the same error; only the schema check runs once
   instead of on every action call.

3. Memory and start-up, measured in docs/measurements.md. To rebuild DIET when a model
   is loaded, Rasa 3.6 runs one training step on dummy data inside a traced TensorFlow
   graph, then overwrites the weights with the saved ones. Tracing the training graph
   (gradients, optimizer) cost about 430 MB of the Rasa server's memory and half of its
   start-up, for a graph a server never uses. The patched loader runs that one step
   eagerly (same weights created, then the same saved weights restored) and still traces
   the prediction graph, so answers are identical (tests/e2e/test_model_loading.py).
   Fine-tuning keeps Rasa's own loader.

4. Memory again: the spaCy model is loaded twice per Rasa model (the `provide` and the
   `run` nodes of SpacyNLP each call `SpacyNLP.load_model`), about 160 MB and a few
   seconds for a copy nobody reads. The patched loader loads each spaCy model once per
   process and shares it (it is only read, to parse visitor messages).

5. French typography (`typeset`). Every output channel (Telegram, Slack, Messenger, REST,
   the web chat) sends each bot message through `OutputChannel.send_response`; the patched
   method applies bot/typography.py's no-break spaces to its text and button titles first,
   once, so every channel gets « ainsi » and "salaire ?" that never break at a line end.

6. The HTTP edge (bot/http_hardening.py): the server Rasa configures gets a request-size
   limit enforced before the body is read, French JSON errors without tracebacks,
   `nosniff` on every response, and a `GET /` that does not name the Rasa version.

7. The HTTP API's token (`bearer_auth`). Rasa 3.6 reads it from the URL (`?token=`), where
   proxies and access logs keep it. Here every API route wants `Authorization: Bearer
   <RASA_API_TOKEN>`, compared in constant time; `?token=` is ignored.

8. A failed deletion is said (`guard`): when `action_delete_my_data` fails, the visitor is
   told that nothing was erased and to try again, not the generic apology (the tracker
   store erases only on the action's confirmation, bot/tracker_store.py).

9. Commands only from the bot's own buttons (`commands_from_buttons`): a message starting
   with `/` is an intent (Rasa's `/intent{json}` syntax, confidence 1.0 with any entities)
   only when it is the payload of a button the bot offered in this conversation, or one
   of `conversation.shared.commands()` (rating, deletion, welcome, `/start`). Any other is visitor
   text, read by the NLU like the rest: nobody forces an intent or injects entities.
"""

from __future__ import annotations

import asyncio
import logging
from functools import cache, update_wrapper
from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

from conversation.settings import current

logger = logging.getLogger(__name__)
# The patches copy or replace Rasa 3.6 code: on another version they could silently break it.
WRITTEN_FOR = "3.6."


class UnsupportedRasaVersionError(RuntimeError):
    pass


def check_version(version: str) -> None:
    if not version.startswith(WRITTEN_FOR):
        raise UnsupportedRasaVersionError(
            f"bot/rasa_patches.py was written for Rasa {WRITTEN_FOR}x and replaces parts of its code; "
            f"Rasa {version} is installed. Install the pinned set (make install) or review each patch."
        )


def applied() -> bool:
    """Whether this process runs Rasa with the patches (started by bot/rasa_cli.py)."""
    from rasa.core.channels.channel import OutputChannel

    return hasattr(OutputChannel.send_response, "__wrapped__")


def action_timeout() -> float:
    return current().action_timeout_seconds


def guard(run: Any) -> Any:
    """RemoteAction.run, with a time limit and the apology in place of silence."""

    async def guarded_run(self: Any, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> list:
        from rasa.core.actions.action import ActionExecutionRejection
        from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted

        from conversation.shared import APOLOGY, DELETE_MY_DATA_ACTION, NOT_FORGOTTEN

        try:
            return await asyncio.wait_for(run(self, output_channel, nlg, tracker, domain), action_timeout())
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - whatever happened, the visitor gets an answer
            logger.error("Custom action %s failed (%r): the visitor gets the apology", self.name(), error)
            if self.name() == "action_session_start":
                # The session must start anyway; the apology comes with the answer to the message.
                return [SessionStarted(), ActionExecuted("action_listen")]
            return [BotUttered(NOT_FORGOTTEN if self.name() == DELETE_MY_DATA_ACTION else APOLOGY)]

    # Only sets __wrapped__ (apply() and applied() look for it).
    return update_wrapper(guarded_run, run, assigned=(), updated=())


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


def load_for_inference(original: Any) -> Any:
    """RasaModel.load without tracing the training graph (see point 3 above)."""

    def load(
        cls: Any,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if finetune_mode:
            return original(
                cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )
        import tensorflow as tf
        from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
        from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

        config = kwargs.get("config", {})
        model = cls(*args, **kwargs)
        model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True)
        model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
        model.load_weights(model_file_name)
        model.run_eagerly = bool(config.get(RUN_EAGERLY))
        if predict_data_example:
            model.run_inference(predict_data_example)  # traces the prediction graph now, not on the first visitor
        return model

    return classmethod(update_wrapper(load, original, assigned=(), updated=()))


def typeset(send_response: Any) -> Any:
    """OutputChannel.send_response, with the bot message's French typography applied first."""
    from bot.typography import french_message

    async def send_typeset(self: Any, recipient_id: str, message: dict[str, Any]) -> None:
        await send_response(self, recipient_id, french_message(message))

    return update_wrapper(send_typeset, send_response, assigned=(), updated=())


def bearer_auth(app: Any, token: str | None = None) -> Any:
    """rasa.server.requires_auth: the API token from the Authorization header, never the URL."""
    from functools import wraps
    from inspect import isawaitable

    from bot.checked_channel import bearer_token, same_secret
    from bot.http_hardening import json_error
    from bot.messages import NOT_AUTHENTICATED

    def decorator(handler: Any) -> Any:
        @wraps(handler)
        async def decorated(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not token or not same_secret(bearer_token(request), token):
                return json_error(NOT_AUTHENTICATED, 401, {"WWW-Authenticate": "Bearer"})
            result = handler(request, *args, **kwargs)
            return await result if isawaitable(result) else result

        return decorated

    return decorator


def offered_payloads(tracker: Any) -> set[str]:
    """Payloads of the buttons the bot sent in this conversation."""
    from rasa.shared.core.events import BotUttered

    return {
        str(button.get("payload"))
        for event in tracker.events
        if isinstance(event, BotUttered)
        for button in (event.data or {}).get("buttons") or []
        if isinstance(button, dict)
    }


def commands_from_buttons(parse_message: Any) -> Any:
    """MessageProcessor.parse_message, reading a `/…` message that no button of the bot offered
    as text (see point 9 above)."""
    from conversation.shared import as_text, commands

    known = commands()

    async def parse(self: Any, message: Any, tracker: Any = None, only_output_properties: bool = True) -> Any:
        text = message.text or ""
        if text.startswith("/"):
            if text in known:
                message.text = known[text]
            elif tracker is None or text not in offered_payloads(tracker):
                message.text = as_text(text)
        return await parse_message(self, message, tracker, only_output_properties)

    return update_wrapper(parse, parse_message, assigned=(), updated=())


def apply() -> None:
    import rasa

    check_version(rasa.__version__)
    import rasa.core.run
    import rasa.server
    from rasa.core.actions.action import RemoteAction
    from rasa.core.channels.channel import OutputChannel
    from rasa.nlu.utils.spacy_utils import SpacyNLP
    from rasa.utils.tensorflow.models import RasaModel

    RemoteAction._validate_action_result = validate_action_result
    if not hasattr(RemoteAction.run, "__wrapped__"):
        RemoteAction.run = guard(RemoteAction.run)
    if not hasattr(RasaModel.load, "__wrapped__"):
        RasaModel.load = load_for_inference(RasaModel.load.__func__)
    if not hasattr(SpacyNLP.load_model, "cache_info"):
        SpacyNLP.load_model = staticmethod(cache(SpacyNLP.load_model))
    if not hasattr(OutputChannel.send_response, "__wrapped__"):
        OutputChannel.send_response = typeset(OutputChannel.send_response)
    from bot import http_hardening

    if not hasattr(rasa.core.run.configure_app, "__wrapped__"):
        rasa.core.run.configure_app = http_hardening.configured(rasa.core.run.configure_app)
    rasa.server.add_root_route = http_hardening.add_root_route
    rasa.server.requires_auth = bearer_auth
    from rasa.core.processor import MessageProcessor

    if not hasattr(MessageProcessor.parse_message, "__wrapped__"):
        MessageProcessor.parse_message = commands_from_buttons(MessageProcessor.parse_message)
