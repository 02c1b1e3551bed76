"""`python -m bot.rasa_cli <args>`: the rasa command, with telemetry off, defaults set and our patches.

Runs Rasa in this process (rather than exec'ing the `rasa` script) so that
bot/rasa_patches.py applies to every Rasa server, test and training we start.
"""

from __future__ import annotations

import os
import sys

from bot import env
from bot.env import PROJECT_ROOT
from conversation.settings import current


def main() -> None:
    os.chdir(PROJECT_ROOT)
    env.apply()  # before Rasa is imported (telemetry is read at import); files owner-only
    from bot import rasa_patches

    rasa_patches.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *with_api_token(sys.argv[1:], current().rasa_api_token)]
    rasa_main()


def with_api_token(args: list[str], token: str | None) -> list[str]:
    """`rasa run --enable-api` gets RASA_API_TOKEN here, inside the process: a token given on
    the command line would be shown by `ps` to every user of the machine."""
    if token and args[:1] == ["run"] and "--enable-api" in args and "--auth-token" not in args:
        return [*args, "--auth-token", token]
    return args


if __name__ == "__main__":
    main()
