"""The servers' logs (bot/logs.py): masked line by line, one file per server and day, purged."""

from __future__ import annotations

import io
import stat
from datetime import date, timedelta

from bot.logs import LogWriter, clean, log_file, purge, server_log


def test_a_log_line_keeps_no_personal_data_and_cannot_forge_lines() -> None:
    line = 'Failed to parse arguments in line \'/x{"m": "camille.d@gmail.com 06 12 34 56 78"}\'\n999 fake row\x1b[31m'
    stored = clean(line)
    assert "camille" not in stored and "06 12 34 56 78" not in stored
    assert "[e-mail masqué]" in stored and "[téléphone masqué]" in stored
    assert stored.count("\n") == 1 and "\\n999 fake row\\x1b[31m" in stored
    stamped = clean("2026-12-04 18:06:24 ERROR rasa  - née le 1990-06-17")
    assert stamped == "2026-12-04 18:06:24 ERROR rasa  - née le [date masquée]\n"


def test_lines_go_to_the_day_file_and_old_days_are_deleted(tmp_path) -> None:
    days = iter([date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 20)])
    stale = log_file(tmp_path, "rasa", date(2025, 12, 1))
    stale.write_text("old visitor line\n")
    other_server_recent = log_file(tmp_path, "actions", date(2026, 1, 20))
    other_server_recent.write_text("recent\n")
    stream = io.BytesIO(b"un\ndeux 06 12 34 56 78\ntrois\n")
    writer = LogWriter(stream, tmp_path, "rasa", retention_days=30, today=lambda: next(days))
    writer.run()
    assert not stale.exists()  # purged when the writer opened its first day file
    assert log_file(tmp_path, "rasa", date(2026, 1, 1)).read_text() == "un\ndeux [téléphone masqué]\n"
    assert log_file(tmp_path, "rasa", date(2026, 1, 20)).read_text() == "trois\n"
    assert other_server_recent.exists()
    assert stat.S_IMODE(log_file(tmp_path, "rasa", date(2026, 1, 1)).stat().st_mode) == 0o600
    assert server_log(tmp_path, "rasa") == "un\ndeux [téléphone masqué]\ntrois\n"


def test_purge_keeps_the_retention_period_and_files_it_does_not_own(tmp_path) -> None:
    today = date(2026, 3, 31)
    kept = [log_file(tmp_path, "rasa", today - timedelta(days=n)) for n in (0, 29, 30)]
    gone = [log_file(tmp_path, "actions", today - timedelta(days=31))]
    foreign = tmp_path / "notes.log"
    for path in [*kept, *gone, foreign]:
        path.write_text("x\n")
    assert purge(tmp_path, 30, today) == gone
    assert all(path.exists() for path in [*kept, foreign])
