"""Start the action server and the Rasa server together, and stop both cleanly.

`python -m bot.stack`         serve the bot over HTTP (REST channel) until Ctrl-C.
`python -m bot.stack --shell` chat in the terminal (action server + `rasa shell`).

The e2e tests use `Stack` the same way, on their own ports.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import cast

from bot.channels import write_credentials
from bot.env import PROJECT_ROOT, UMASK, bot_environment
from bot.logs import LogWriter, server_log
from conversation.settings import Settings

MODEL = PROJECT_ROOT / "models" / "bot.tar.gz"
LOG_DIR = PROJECT_ROOT / "var" / "log"


def _rasa() -> list[str]:
    """The rasa command, through bot.rasa_cli (environment and performance patch)."""
    return [sys.executable, "-m", "bot.rasa_cli"]


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def startup_warnings(settings: Settings) -> list[str]:
    """What a deployer must know before visitors arrive (printed by the launcher)."""
    warnings = []
    if settings.rasa_host not in LOOPBACK and not settings.rest_token:
        warnings.append(
            f"Warning: the Rasa server listens on {settings.rasa_host} and REST_TOKEN is not set: anyone who "
            "reaches it can use the REST channel. Set REST_TOKEN (README, Configuration)."
        )
    if settings.rate_limit_exempt and not settings.trusted_proxies:
        warnings.append(
            "Note: TRUSTED_PROXIES is empty. Behind a reverse proxy, add its address to TRUSTED_PROXIES so "
            "visitors are limited by their own address (until then, forwarded messages from an exempt "
            "address are counted by their X-Forwarded-For)."
        )
    return warnings


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as exc:
        return exc.code < 500
    except OSError:
        return False


class Stack:
    """The two servers as child processes, each in its own process group."""

    def __init__(
        self,
        rasa_port: int | None = None,
        action_port: int | None = None,
        extra_env: dict[str, str] | None = None,
        log_dir: Path = LOG_DIR,
        api_token: str | None = None,
        endpoints: Path = PROJECT_ROOT / "endpoints.yml",
    ) -> None:
        env = bot_environment()
        env.update(extra_env or {})
        settings = Settings.from_env(env)
        self.rasa_port = int(rasa_port or settings.rasa_port)
        self.action_port = int(action_port or settings.action_port)
        if action_port:
            env["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{self.action_port}/webhook"
        self.env = env
        self.log_dir = log_dir
        # The HTTP API (/model/parse, /conversations…) stays off unless a token is given.
        self.api_token = api_token or settings.rasa_api_token
        if self.api_token:
            env["RASA_API_TOKEN"] = self.api_token
        self.endpoints = endpoints
        self.processes: list[subprocess.Popen] = []

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def chat_url(self) -> str:
        return f"{self.rasa_url}/webhooks/webchat/"

    @property
    def webhook_url(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    @property
    def rest_headers(self) -> dict[str, str]:
        """What a REST client sends: JSON, and the bearer token when REST_TOKEN is set."""
        token = Settings.from_env(self.env).rest_token
        return {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}

    def send(self, sender: str, message: str, timeout: float = 60.0) -> list[dict]:
        """One visitor message through the REST channel; the bot's replies."""
        body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
        request = urllib.request.Request(self.webhook_url, data=body, headers=self.rest_headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def parse(self, message: str, timeout: float = 60.0) -> dict:
        """NLU only (/model/parse); needs the API, i.e. a Stack made with api_token."""
        body = json.dumps({"text": message}).encode("utf-8")
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {self.api_token}"}
        request = urllib.request.Request(f"{self.rasa_url}/model/parse", data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def _spawn(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
        os.umask(UMASK)  # inherited: the servers' databases and logs are readable by their owner only
        env = {**env, "PYTHONUNBUFFERED": "1"}  # lines reach the log as they are written
        process = subprocess.Popen(
            args, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True
        )
        # Every line the server writes goes through bot/logs.py: masked, one file per day, purged.
        assert process.stdout is not None
        LogWriter(process.stdout, self.log_dir, name, Settings.from_env(env).retention_days).start()
        self.processes.append(process)
        return process

    def log(self, name: str) -> str:
        """What one server ("rasa" or "actions") has logged so far."""
        return server_log(self.log_dir, name)

    def start_actions(self) -> None:
        args = [sys.executable, "-m", "actions.server", "--actions", "actions", "--port", str(self.action_port)]
        self._spawn("actions", args, self.env)  # it listens on ACTION_HOST

    def start_rasa(self) -> None:
        settings = Settings.from_env(self.env)  # read now: a test may change self.env between starts
        credentials, notes = write_credentials(
            self.env, target=self.log_dir.parent / "run" / f"credentials-{self.rasa_port}.yml"
        )
        for note in [*notes, *startup_warnings(settings)]:
            print(note, file=sys.stderr, flush=True)
        args = [
            *_rasa(), "run", "--model", str(MODEL), "--port", str(self.rasa_port),
            "--interface", settings.rasa_host, "--endpoints", str(self.endpoints),
            "--credentials", str(credentials),
        ]  # fmt: skip
        if self.api_token:
            args += ["--enable-api"]  # the token itself is read from the environment (bot/rasa_cli.py)
        # Sites allowed to embed the web chat from another origin (none by default: same origin only).
        if settings.webchat_allowed_origins:
            args += ["--cors", *settings.webchat_allowed_origins]
        self._spawn("rasa", args, self.env)

    def wait_ready(self, timeout: float = 180.0) -> float:
        """Seconds until both servers answer; raises if either dies or the timeout passes."""
        start = time.monotonic()
        checks = [
            f"http://127.0.0.1:{self.action_port}/health",
            f"{self.rasa_url}/webhooks/rest/",
        ]
        while time.monotonic() - start < timeout:
            for process in self.processes:
                if process.poll() is not None:
                    command = cast(list[str], process.args)  # _spawn always starts a list of strings
                    raise RuntimeError(f"{command[0]} exited with {process.returncode}; see {self.log_dir}")
            if all(_is_up(url) for url in checks):
                return time.monotonic() - start
            time.sleep(0.5)
        raise TimeoutError(f"bot not ready after {timeout:.0f} s; see {self.log_dir}")

    def stop_process(self, process: subprocess.Popen) -> None:
        """Stop one server (e.g. the action server, to test faults); start_actions() brings it back."""
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
        self.processes.remove(process)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()

    def __enter__(self) -> Stack:
        self.start_actions()
        self.start_rasa()
        return self

    def __exit__(self, exc_type: type | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def serve() -> int:
    stack = Stack()
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with stack:
            print("Démarrage du serveur d'actions et du serveur Rasa (moins d'une minute)…", flush=True)
            seconds = stack.wait_ready()
            print(
                f"\nLe bot est prêt ({seconds:.0f} s). Ouvrez la fenêtre de discussion dans un navigateur :\n"
                f"  {stack.chat_url}\n"
                f"ou parlez-lui par l'API REST :\n"
                f"  curl -s -X POST {stack.webhook_url} -H 'Content-Type: application/json' \\\n"
                + (
                    '       -H "Authorization: Bearer $REST_TOKEN" \\\n'
                    if stack.rest_headers.get("Authorization")
                    else ""
                )
                + f'       -d \'{{"sender": "moi", "message": "combien gagne une assistante medicale ?"}}\'\n'
                f"  ou dans un terminal : make shell\n"
                f"Journaux : {stack.log_dir}. Ctrl-C arrête les deux serveurs.",
                flush=True,
            )
            while all(p.poll() is None for p in stack.processes):
                time.sleep(1)
            print("Un des serveurs s'est arrêté ; voir les journaux.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nArrêt des serveurs…", flush=True)
        return 0


def shell() -> int:
    stack = Stack()
    try:
        stack.start_actions()
        args = [*_rasa(), "shell", "--model", str(MODEL), "--endpoints", "endpoints.yml"]
        return subprocess.call(args, cwd=PROJECT_ROOT, env=stack.env)
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shell", action="store_true", help="chat in the terminal")
    args = parser.parse_args()
    return shell() if args.shell else serve()


if __name__ == "__main__":
    sys.exit(main())
