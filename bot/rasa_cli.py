"""`python -m bot.rasa_cli <args>`: the rasa command, with telemetry off, defaults set and our patches.

Runs Rasa in this process (rather than exec'ing the `rasa` script) so that
bot/rasa_patches.py applies to every Rasa server, test and training we start.
"""

from __future__ import annotations

import os
import sys

from bot import env
from bot.env import PROJECT_ROOT


def main() -> None:
    os.chdir(PROJECT_ROOT)
    env.apply()  # before Rasa is imported (telemetry is read at import); files owner-only
    from bot import rasa_patches

    rasa_patches.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
