"""PostgreSQL, Redis and nginx from Debian packages, started for a test on 127.0.0.1 only.

Everything lives in a temporary directory (data, sockets, logs, nginx temp files) and is
stopped at the end; nothing is installed as a system service. `make services-deps`
installs the packages when they are missing.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


class PostgreSQL:
    """A throw-away cluster (trust authentication, loopback only), run as the postgres user."""

    def __init__(self) -> None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not candidates:
            raise RuntimeError("PostgreSQL is not installed: run `make services-deps`")
        self.bin = Path(candidates[-1]).parent
        # Not under pytest's temporary directory: its parents are closed to the postgres user.
        self.dir = Path(tempfile.mkdtemp(prefix="assistant-medical-pg-"))
        self.port = free_port()

    def _as_postgres(self, *args: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True)

    def start(self) -> None:
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-U", "postgres", "--auth=trust")
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-o", options, "-l", str(self.dir / "log"),
            "-w", "start",
        )  # fmt: skip
        self._as_postgres(str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "rasa")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/rasa"

    def stop(self) -> None:
        if (self.dir / "data" / "postmaster.pid").exists():
            self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


class Process:
    """A server in the foreground, in its own process group."""

    def __init__(self, args: list[str], log: Path) -> None:
        self.args, self.log = args, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(self.args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)


def redis(root: Path) -> tuple[Process, int]:
    port = free_port()
    args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    args += ["--dir", str(root)]
    return Process(args, root / "redis.log"), port


@contextmanager
def running_redis() -> Iterator[str | None]:
    """A throw-away Redis on 127.0.0.1 for the duration of the block: its URL (database 1),
    or None where redis-server is not installed (make services-deps installs it)."""
    if shutil.which("redis-server") is None:
        yield None
        return
    with tempfile.TemporaryDirectory() as root:
        server, port = redis(Path(root))
        server.start()
        try:
            wait_port(port, timeout=10)
            yield f"redis://127.0.0.1:{port}/1"
        finally:
            server.stop()


def nginx(root: Path, upstreams: list[int]) -> tuple[Process, int]:
    """Round robin over the Rasa servers; a server that refuses connections is skipped."""
    port = free_port()
    folder = root / "nginx"
    folder.mkdir()
    servers = "\n".join(f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;" for p in upstreams)
    config = f"""
user root;
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log {folder}/access.log;
  client_body_temp_path {folder}/body;
  proxy_temp_path {folder}/proxy;
  fastcgi_temp_path {folder}/fastcgi;
  uwsgi_temp_path {folder}/uwsgi;
  scgi_temp_path {folder}/scgi;
  client_max_body_size 200k;
  upstream rasa {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_connect_timeout 2s;
      proxy_read_timeout 90s;
      proxy_next_upstream error timeout http_502 http_503;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""
    (folder / "nginx.conf").write_text(config)
    return Process(["nginx", "-c", str(folder / "nginx.conf"), "-p", str(folder)], root / "nginx.log"), port
