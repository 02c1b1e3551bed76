"""`python -m actions.server --port N`: rasa_sdk's action server, for the Rasa server only.

rasa_sdk 3.6 has no authentication and allows every CORS origin, so anything that can reach
its port (a local process, a server-side request forgery, a page in a browser on the
machine) could run `action_delete_my_data` for another visitor or store an arbitrary
feedback row. Here every route but /health needs the shared secret ACTION_SERVER_TOKEN in
the X-Action-Token header; the launcher (bot/stack.py) sets it for both servers and Rasa
sends it with every action call (endpoints.yml). Without the token the server does not start.
"""

from __future__ import annotations

import hmac
import logging
import sys
import threading

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.endpoint import create_app, create_argument_parser
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.exceptions import MethodNotSupported, NotFound
from sanic.request import Request
from sanic.response import HTTPResponse

from conversation.settings import current
from knowledge.lexicon import word_frequencies

TOKEN_HEADER = "X-Action-Token"
OPEN_PATHS = {"/health"}

logger = logging.getLogger(__name__)


def authenticated_app(actions: str, token: str) -> Sanic:
    app = create_app(actions, cors_origins=None)

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            logger.warning("Refused %s %s from %s: no valid %s", request.method, request.path, request.ip, TOKEN_HEADER)
            return response.json({"error": "Accès refusé."}, status=401)
        return None

    @app.exception(NotFound, MethodNotSupported)
    async def not_here(request: Request, exception: Exception) -> HTTPResponse:
        # One line, no traceback, nothing of the request echoed back.
        status = 405 if isinstance(exception, MethodNotSupported) else 404
        logger.info("%s %s refused (%s)", request.method, request.path, status)
        return response.json({"error": "Méthode non autorisée." if status == 405 else "Adresse inconnue."}, status)

    return app


def main() -> int:
    args = create_argument_parser().parse_args()
    settings = current()
    token = settings.action_server_token
    if not token:
        print("ACTION_SERVER_TOKEN is not set: start the bot with `make run` (bot/stack.py sets it).", file=sys.stderr)
        return 2
    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(
        logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel, args.logging_config_file
    )
    utils.update_sanic_log_level()
    app = authenticated_app(args.actions, token)
    # The word frequencies the reading needs (~0.8 s to build) are built beside start-up, not on
    # the first visitor's message.
    threading.Thread(target=word_frequencies, name="word-frequencies", daemon=True).start()
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    app.run(settings.action_host, args.port, workers=utils.number_of_sanic_workers())
    return 0


if __name__ == "__main__":
    sys.exit(main())
