"""Replay a judged visitor trial against a running bot: same visitors, same messages, new replies.

Usage: python -m bench.replay_trial --url http://127.0.0.1:5005 [--trial docs/visitor-trial.md]
                                    [--out results/visitor-trial-replay.md]

A trial (docs/visitor-trial.md) holds conversations typed by a helper who did not write the
code, each reply judged. Replaying its visitor messages, turn by turn, in fresh conversations
gives a transcript of what the bot says *now* to the very same messages, in the same format,
for the same kind of judge to score: a before/after on identical input, besides any fresh trial.
Traffic goes only to the URL given (loopback in practice); nothing is judged here.
"""

from __future__ import annotations

import argparse
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bot.env import PROJECT_ROOT

_CONVERSATION = re.compile(r"^### (C\d+)\. (.+)$")
_VISITOR = re.compile(r"^\*\*T(\d+)\. Visitor:\*\* (.*)$")


@dataclass
class Conversation:
    code: str
    title: str
    messages: list[str] = field(default_factory=list)


def conversations(trial: str) -> list[Conversation]:
    """The trial's conversations and their visitor messages, in order."""
    found: list[Conversation] = []
    for line in trial.splitlines():
        if heading := _CONVERSATION.match(line):
            found.append(Conversation(heading.group(1), heading.group(2)))
        elif (turn := _VISITOR.match(line)) and found:
            found[-1].messages.append(turn.group(2).strip())
    return [c for c in found if c.messages]


def replies(url: str, sender: str, message: str) -> list[str]:
    """What the chat window shows for one message: texts, then the buttons' titles in brackets."""
    response = requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30)
    response.raise_for_status()
    shown = []
    for reply in response.json():
        text = (reply.get("text") or "").strip()
        titles = [b.get("title", "") for b in reply.get("buttons") or []]
        shown.append(text + (f" [{' | '.join(titles)}]" if titles else ""))
    return shown


def transcript(url: str, trial: list[Conversation], name: str = "docs/visitor-trial.md") -> str:
    """The replayed transcript; `name`: the trial file the messages come from, named in its header."""
    lines = ["# Visitor trial, replayed", ""]
    lines.append(f"The visitor messages of `{name}`, sent again one by one in fresh conversations.")
    lines.append("Verdicts are to be written under each reply by a judge who did not write the code.")
    welcome: str | None = None
    for conversation in trial:
        sender = f"replay-{uuid.uuid4().hex[:16]}"
        lines += ["", f"### {conversation.code}. {conversation.title}", ""]
        for number, message in enumerate(conversation.messages, start=1):
            shown = replies(url, sender, message)
            if number == 1 and len(shown) > 1:  # the session's welcome comes first: left out, as scored
                welcome = welcome or shown[0]
                shown = [s for s in shown if s != welcome] or shown
            lines += [f"**T{number}. Visitor:** {message}", "", "**Bot:**", ""]
            lines += [f"> {line}" for reply in shown for line in reply.splitlines()]
            lines += ["", "**Verdict:** ", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the running bot, e.g. http://127.0.0.1:5005")
    parser.add_argument("--trial", type=Path, default=PROJECT_ROOT / "docs" / "visitor-trial.md")
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "results" / "visitor-trial-replay.md")
    args = parser.parse_args()
    trial = conversations(args.trial.read_text(encoding="utf-8"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    name = (
        args.trial.resolve().relative_to(PROJECT_ROOT)
        if args.trial.resolve().is_relative_to(PROJECT_ROOT)
        else args.trial
    )
    args.out.write_text(transcript(args.url.rstrip("/"), trial, str(name)), encoding="utf-8")
    print(f"{len(trial)} conversations, {sum(len(c.messages) for c in trial)} messages replayed -> {args.out}")


if __name__ == "__main__":
    main()
