"""The servers' logs: every line they write, personal data masked, one file per server and day.

The launcher (bot/stack.py) reads each server's output through a pipe, so this is the one
place every log line passes, whoever wrote it (Rasa, Sanic, rasa_sdk, our code, a traceback,
a print): the line gets the same masking as visitors' messages (bot/privacy.py, names
aside) and its control characters escaped, then goes to `<server>-<YYYY-MM-DD>.log`
(owner-only). Files older than RETENTION_DAYS are deleted when a server starts and when the
day changes. Each process appends whole lines with O_APPEND and deletes only files of past
days, so several launchers sharing the directory neither interleave nor lose lines.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import IO

from bot.privacy import mask

# The time stamp that starts the servers' log lines: kept as it is (it is no visitor's birth date).
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?")
DAY_FILE = re.compile(r"(?P<server>.+)-(?P<day>\d{4}-\d{2}-\d{2})\.log")


def clean(line: str) -> str:
    """One log line as stored: personal data masked, control characters escaped (a visitor's
    text can neither forge a line nor send escape sequences to a terminal)."""
    line = "".join(
        char if char == "\t" or unicodedata.category(char) not in {"Cc", "Cf"} else ascii(char)[1:-1]
        for char in line.rstrip("\r\n")
    )
    stamp = STAMP.match(line)
    start = stamp.end() if stamp else 0
    return line[:start] + mask(line[start:], names=False) + "\n"


def log_file(directory: Path, server: str, day: date) -> Path:
    return directory / f"{server}-{day.isoformat()}.log"


def purge(directory: Path, retention_days: float, today: date) -> list[Path]:
    """Delete every server's day files older than the retention period; the files deleted."""
    oldest = today - timedelta(days=retention_days)
    deleted = []
    for path in directory.glob("*.log"):
        match = DAY_FILE.fullmatch(path.name)
        if match and date.fromisoformat(match["day"]) < oldest:
            path.unlink(missing_ok=True)
            deleted.append(path)
    return deleted


def server_log(directory: Path, server: str) -> str:
    """Everything one server wrote, over its day files (for tests and people)."""
    files = sorted(p for p in directory.glob(f"{server}-*.log") if DAY_FILE.fullmatch(p.name))
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


class LogWriter(threading.Thread):
    """Copies a server's output, line by line, into its day files."""

    def __init__(
        self,
        stream: IO[bytes],
        directory: Path,
        server: str,
        retention_days: float,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(name=f"log-{server}", daemon=True)
        self.stream, self.directory, self.server = stream, directory, server
        self.retention_days, self.today = retention_days, today
        self.day: date | None = None
        self.fd: int | None = None

    def run(self) -> None:
        try:
            for raw in iter(self.stream.readline, b""):
                self.write(clean(raw.decode("utf-8", errors="replace")))
        finally:
            if self.fd is not None:
                os.close(self.fd)

    def write(self, line: str) -> None:
        today = self.today()
        if today != self.day:
            self.directory.mkdir(parents=True, exist_ok=True)
            purge(self.directory, self.retention_days, today)
            if self.fd is not None:
                os.close(self.fd)
            path = log_file(self.directory, self.server, today)
            self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self.day = today
        assert self.fd is not None
        os.write(self.fd, line.encode("utf-8"))
