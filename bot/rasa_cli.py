"""`python -m bot.rasa_cli <args>`: the rasa command, always with telemetry off and defaults set."""

from __future__ import annotations

import os
import sys

from bot.env import PROJECT_ROOT, bot_environment


def main() -> None:
    rasa = os.path.join(os.path.dirname(sys.executable), "rasa")
    os.chdir(PROJECT_ROOT)
    os.execve(rasa, [rasa, *sys.argv[1:]], bot_environment())


if __name__ == "__main__":
    main()
