"""Answer-level evaluation: the replies a visitor gets, scored on the facts they must contain.

Usage: python -m bench.answers [--min 0.90] [--show-failures] [--replies results/answers.json]
       python -m bench.answers --url http://127.0.0.1:5005   (score an already running bot)

Starts the real stack on its own ports (unless --url), plays every question file under
tests/answers/ over the REST channel (single questions each in a new conversation,
dialogues in one), prints the failures, the score per file and per topic, and exits
non-zero when the project's own score is below --min. When ../shared/eval/ exists, its
development set is scored too and printed as a measurement, never a gate.

Matching (same rules as the shared scorer): lower case, accents stripped, spaces inside
numbers removed ("22 000" -> "22000"); `all`: every stem must appear, `any`: at least one,
`none`: none may appear; the reply's texts and button titles are matched.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.env import PROJECT_ROOT
from bot.stack import Stack

QUESTION_DIR = PROJECT_ROOT / "tests" / "answers"
# Written by a helper and never read by the developer: scored and gated like the rest, but
# only its score is printed (no failures, no replies kept), so it stays a fresh set.
SEALED_DIR = QUESTION_DIR / "sealed"
# Each file's own floor, besides the whole set's --min.
FLOORS = QUESTION_DIR / "floors.yml"
SHARED_DEV_SET = PROJECT_ROOT.parent / "shared" / "eval" / "visitor_dev.yml"
RASA_PORT, ACTION_PORT = 5405, 5455

Send = Callable[[str, str], list[dict[str, Any]]]


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")
    text = re.sub(r"(?<=\d)[\s\u00a0\u202f.](?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text)


# The session's welcome as the channel sends it (typography applied), learnt from the bot itself.
WELCOME: set[str] = set()


def learn_welcome(send: Send) -> None:
    """The first message two fresh conversations both get: the welcome (as the shared scorer does)."""
    firsts = [(send(f"welcome-{uuid.uuid4().hex[:12]}", "bonjour") or [{}])[0].get("text") for _ in range(2)]
    if firsts[0] and firsts[0] == firsts[1]:
        WELCOME.add(firsts[0])


def reply_text(replies: list[dict[str, Any]]) -> str:
    """The reply's texts and button titles, without the session's welcome: it names every topic,
    so an expected topic word would otherwise be found in it rather than in the answer."""
    parts: list[str] = []
    for reply in replies:
        if (reply.get("text") or "") in WELCOME:
            continue
        parts.append(reply.get("text") or "")
        parts.extend(button.get("title") or "" for button in reply.get("buttons") or [])
        if reply.get("custom"):
            parts.append(json.dumps(reply["custom"], ensure_ascii=False))
    return "\n".join(parts)


def problems(expect: dict[str, Any], text: str) -> list[str]:
    """What the reply lacks or wrongly contains; empty when it is right."""
    found = normalise(text)
    missing = [s for s in expect.get("all") or [] if normalise(str(s)) not in found]
    anys = expect.get("any") or []
    # `each`: one list of stems per thing asked ("c'est quoi le CQP et ça coûte combien ?").
    unanswered = [group for group in expect.get("each") or [] if not any(normalise(str(s)) in found for s in group)]
    bad = [s for s in expect.get("none") or [] if normalise(str(s)) in found]
    wrong = []
    if missing:
        wrong.append(f"missing {missing}")
    if anys and not any(normalise(str(s)) in found for s in anys):
        wrong.append(f"none of {anys}")
    if unanswered:
        wrong.append(f"none of each {unanswered}")
    if bad:
        wrong.append(f"forbidden {bad}")
    if not found.strip():
        wrong.append("empty reply")
    return wrong


@dataclass
class Score:
    name: str
    sealed: bool = False
    single_ok: int = 0
    single_total: int = 0
    dialogues_ok: int = 0
    dialogues_total: int = 0
    by_topic: dict[str, list[int]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    log: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        total = self.single_total + self.dialogues_total
        return (self.single_ok + self.dialogues_ok) / total if total else 1.0


def _one_line(text: str) -> str:
    return " | ".join(line for line in text.splitlines() if line.strip())[:400]


def score_file(path: Path, send: Send) -> Score:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    score = Score(path.name, sealed=path.parent == SEALED_DIR)
    for item in data.get("single") or []:
        text = reply_text(send(f"answers-{uuid.uuid4().hex[:12]}", item["q"]))
        wrong = problems(item, text)
        topic = str(item.get("topic", "?"))
        tally = score.by_topic.setdefault(topic, [0, 0])
        tally[1] += 1
        score.single_total += 1
        score.log.append({"q": item["q"], "topic": topic, "ok": not wrong, "problems": wrong, "reply": text})
        if wrong:
            score.failures.append(f"[{topic}] {item['q']!r}: {'; '.join(wrong)} | {_one_line(text)}")
        else:
            tally[0] += 1
            score.single_ok += 1
    for dialogue in data.get("dialogues") or []:
        sender = f"answers-{uuid.uuid4().hex[:12]}"
        score.dialogues_total += 1
        for turn in dialogue["turns"]:
            text = reply_text(send(sender, turn["q"]))
            wrong = problems(turn, text)
            score.log.append({"dialogue": dialogue["name"], "q": turn["q"], "ok": not wrong, "reply": text})
            if wrong:
                score.failures.append(
                    f"dialogue {dialogue['name']} at {turn['q']!r}: {'; '.join(wrong)} | {_one_line(text)}"
                )
                break
        else:
            score.dialogues_ok += 1
    return score


def report(score: Score, show_failures: bool) -> None:
    if show_failures and not score.sealed:
        for failure in score.failures:
            print(f"FAIL {score.name}: {failure}")
    parts = []
    if score.single_total:
        parts.append(f"single {score.single_ok}/{score.single_total} ({score.single_ok / score.single_total:.1%})")
    if score.dialogues_total:
        parts.append(
            f"dialogues {score.dialogues_ok}/{score.dialogues_total} "
            f"({score.dialogues_ok / score.dialogues_total:.1%})"
        )
    print(f"{score.name}{' (sealed: score only)' if score.sealed else ''}: " + ", ".join(parts))


def rest_sender(url: str) -> Send:
    import requests

    from conversation.settings import current

    token = current().rest_token  # the REST channel wants it when the deployment sets it
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    def send(sender: str, message: str) -> list[dict[str, Any]]:
        response = requests.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, headers=headers, timeout=60
        )
        response.raise_for_status()
        return response.json()

    return send


def evaluate(
    send: Send, show_failures: bool, replies: Path | None, only: list[str] | None = None
) -> tuple[float, list[Score]]:
    learn_welcome(send)
    files = sorted(p for p in QUESTION_DIR.glob("*.yml") if p != FLOORS) + sorted(SEALED_DIR.glob("*.yml"))
    if only:  # a quick look at some files while working; the gate always scores them all
        files = [path for path in files if path.name in only or path.stem in only]
    own = [score_file(path, send) for path in files]
    shared = [score_file(SHARED_DEV_SET, send)] if SHARED_DEV_SET.exists() and not only else []
    for score in own:
        report(score, show_failures)
    ok = sum(s.single_ok + s.dialogues_ok for s in own)
    total = sum(s.single_total + s.dialogues_total for s in own)
    overall = ok / total if total else 1.0
    print(f"project answer set: {ok}/{total} ({overall:.1%})")
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    below = [f"{s.name} {s.ratio:.1%} < {floors[s.name]:.0%}" for s in own if s.ratio < floors.get(s.name, 0.0)]
    for line in below:
        print(f"below its floor (tests/answers/floors.yml): {line}")
    if below:
        overall = 0.0  # a file below its floor fails the gate whatever the whole set scores
    for score in shared:
        report(score, show_failures)
        print("(shared development set: a measurement, not a gate)")
    if replies:
        replies.parent.mkdir(parents=True, exist_ok=True)
        replies.write_text(
            json.dumps({s.name: s.log for s in own + shared if not s.sealed}, ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    return overall, own + shared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="score a bot already running there instead of starting one")
    parser.add_argument("--min", type=float, default=0.90, help="fail below this share of the project's items")
    parser.add_argument("--show-failures", action="store_true")
    parser.add_argument("--replies", type=Path, help="write every question and full reply to this JSON file")
    parser.add_argument("--only", nargs="*", help="score only these files of tests/answers/ (no gate)")
    args = parser.parse_args()
    start = time.monotonic()
    if args.url:
        overall, _ = evaluate(rest_sender(args.url), args.show_failures, args.replies, args.only)
    else:
        scratch = Path(tempfile.mkdtemp(prefix="answers-"))
        env = {
            "FEEDBACK_DATABASE_URL": f"sqlite:///{scratch / 'feedback.sqlite3'}",
            "TRACKER_STORE_URL": f"sqlite:///{scratch / 'tracker.sqlite3'}",
            "RATE_LIMIT_PER_MINUTE": "0",
            "RATE_LIMIT_PER_ADDRESS_PER_MINUTE": "0",
        }
        with Stack(rasa_port=RASA_PORT, action_port=ACTION_PORT, extra_env=env, log_dir=scratch / "log") as stack:
            stack.wait_ready(timeout=240)
            overall, _ = evaluate(stack.send, args.show_failures, args.replies, args.only)
    print(f"answer evaluation took {time.monotonic() - start:.0f} s; gate {args.min:.0%}")
    return 0 if overall >= args.min or args.only else 1


if __name__ == "__main__":
    sys.exit(main())
