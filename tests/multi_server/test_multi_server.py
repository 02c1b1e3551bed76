"""Two Rasa servers behind nginx, sharing a PostgreSQL tracker store and a Redis lock store.

Conversations are played turn by turn through nginx (round robin, so consecutive turns of
one conversation land on different servers); halfway, one Rasa server is killed. Checks:
context is kept across servers, every turn is answered (also after the kill), and the
tracker store holds exactly one event per message sent and per reply received.
"""

from __future__ import annotations

import json
import os
import signal
import urllib.error
import urllib.request
import uuid
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from bot.conversation_keys import platform_id
from bot.env import PROJECT_ROOT
from bot.messages import too_many
from bot.stack import Stack
from bot.typography import french
from tests.multi_server.services import PostgreSQL, nginx, redis, wait_port

# (message, a fact the answer must contain, or None)
CONVERSATION = [
    ("combien gagne une assistante medicale en debut de carriere", "22 000 à 27 000 €"),
    ("et avec de l'experience ?", "28 000 à 33 000 €"),  # needs the previous turn's topic
    ("ou travaille une assistante medicale", "hôpitaux"),
    ("et les inconvenients ?", "charge mentale"),
    ("je suis aide soignante, comment devenir assistante medicale ?", "112 heures"),
    ("ça dure combien de temps ?", "112 heures"),  # needs the previous turn
]
VISITORS = 5  # odd, so round robin sends consecutive turns of a conversation to different servers
KILL_AFTER_TURN = 3
RATE_LIMIT = 10


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("cluster")
    postgres = PostgreSQL()
    redis_server, redis_port = redis(root)
    rasa_ports, action_port = [5505, 5506], 5555
    balancer, balancer_port = nginx(root, rasa_ports)
    env = {
        "TRACKER_STORE_URL": postgres.url,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_port),
        "FEEDBACK_DATABASE_URL": f"sqlite:///{root / 'feedback.sqlite3'}",
        "RASA_HOST": "127.0.0.1",
        # Above what any conversation below sends; counted in Redis for both servers.
        "RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT),
        "RATE_LIMIT_REDIS_URL": f"redis://127.0.0.1:{redis_port}/1",
        # One action server for both Rasa servers: they must share its secret.
        "ACTION_SERVER_TOKEN": "multi-server-shared-secret",
        # nginx (127.0.0.1) forwards the client's address; each test client counts as itself.
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    endpoints = PROJECT_ROOT / "deploy" / "endpoints-multi.yml"
    first = Stack(rasa_ports[0], action_port, env, root / "log-a", endpoints=endpoints)
    second = Stack(rasa_ports[1], action_port, env, root / "log-b", endpoints=endpoints)
    try:
        postgres.start()
        redis_server.start()
        wait_port(redis_port)
        balancer.start()
        wait_port(balancer_port)
        first.start_actions()
        first.start_rasa()
        second.start_rasa()
        first.wait_ready(timeout=300)
        second.wait_ready(timeout=300)
        yield {"url": f"http://127.0.0.1:{balancer_port}", "servers": (first, second), "postgres": postgres}
    finally:
        for stack in (second, first):
            stack.stop()
        balancer.stop()
        redis_server.stop()
        postgres.stop()


def send(url: str, sender: str, message: str) -> tuple[list[dict], str]:
    body = json.dumps({"sender": sender, "message": message}).encode()
    request = urllib.request.Request(
        f"{url}/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=90) as response:
        # nginx lists every server it tried ("A, B" after a retry): the last one answered.
        return json.loads(response.read()), response.headers.get("X-Upstream", "").split(",")[-1].strip()


def clean(replies: list[dict]) -> str:
    return " ".join(" ".join(r.get("text", "") for r in replies).replace("\u202f", " ").split())


def test_the_rate_limit_is_shared_by_both_servers(cluster) -> None:
    """Per-process counting would let 2 × RATE_LIMIT through; Redis counts once for both."""
    sender = f"multi-flood-{uuid.uuid4().hex[:8]}"
    upstreams = Counter()
    for _ in range(RATE_LIMIT):
        replies, upstream = send(cluster["url"], sender, "bonjour")
        assert replies
        upstreams[upstream] += 1
    assert len(upstreams) == 2  # the messages went to both servers
    with pytest.raises(urllib.error.HTTPError) as refused:
        send(cluster["url"], sender, "bonjour")
    assert refused.value.code == 429
    wait = int(refused.value.headers["Retry-After"])
    assert 1 <= wait <= 60
    assert json.loads(refused.value.read()) == {"error": french(too_many(wait))}  # typeset like every bot text
    other, _ = send(cluster["url"], f"multi-other-{uuid.uuid4().hex[:8]}", "bonjour")
    assert other  # another visitor is not affected


def test_conversations_spread_over_two_servers_keep_context_and_lose_no_event(cluster) -> None:
    senders = [f"multi-conv-{i}-{uuid.uuid4().hex[:8]}" for i in range(VISITORS)]
    sent: Counter[str] = Counter()
    received: Counter[str] = Counter()
    upstreams_before, upstreams_after = Counter(), Counter()
    per_conversation: dict[str, set[str]] = {s: set() for s in senders}
    killed = cluster["servers"][1]

    for turn, (message, fact) in enumerate(CONVERSATION):
        if turn == KILL_AFTER_TURN:
            rasa = next(p for p in killed.processes if "rasa_cli" in " ".join(map(str, p.args)))
            os.killpg(rasa.pid, signal.SIGKILL)  # a crash, not a clean stop
            rasa.wait()
            killed.processes.remove(rasa)
        for sender in senders:
            replies, upstream = send(cluster["url"], sender, message)
            sent[sender] += 1
            received[sender] += len(replies)
            per_conversation[sender].add(upstream)
            (upstreams_before if turn < KILL_AFTER_TURN else upstreams_after)[upstream] += 1
            assert replies, (sender, message)
            if fact:
                assert fact in clean(replies), (sender, message, clean(replies))

    print(f"\nturns per upstream before the kill: {dict(upstreams_before)}, after: {dict(upstreams_after)}")
    assert len(upstreams_before) == 2  # both servers served turns
    assert all(len(servers) == 2 for servers in per_conversation.values())  # each conversation used both
    assert len(upstreams_after) == 1  # the survivor answered everything after the kill

    engine = create_engine(cluster["postgres"].url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT sender_id, type_name, data FROM events WHERE sender_id LIKE 'rest:multi-conv-%'")
        ).all()
    engine.dispose()
    users = Counter(platform_id(r.sender_id) for r in rows if r.type_name == "user")
    bots = Counter(platform_id(r.sender_id) for r in rows if r.type_name == "bot")
    duplicates = [k for k, n in Counter((r.sender_id, r.data) for r in rows).items() if n > 1]
    print(f"events: {len(rows)}; user {sum(users.values())} (sent {sum(sent.values())}); "
          f"bot {sum(bots.values())} (received {sum(received.values())})")  # fmt: skip
    assert users == sent
    assert bots == received
    assert duplicates == []


def test_a_conversation_survives_a_restart_of_every_server_with_postgresql(cluster) -> None:
    """Runs after the kill: the killed server stays down; everything else is stopped and started."""
    sender = f"multi-restart-{uuid.uuid4().hex[:8]}"
    first_reply, _ = send(cluster["url"], sender, "combien gagne une assistante medicale en debut de carriere")
    assert "22 000 à 27 000 €" in clean(first_reply)

    survivor = cluster["servers"][0]
    survivor.stop()  # the Rasa server and the action server
    survivor.start_actions()
    survivor.start_rasa()
    print(f"\nrestarted on PostgreSQL in {survivor.wait_ready(timeout=300):.1f} s")

    reply, _ = send(cluster["url"], sender, "et avec de l'experience ?")  # needs the turn before the restart
    assert "28 000 à 33 000 €" in clean(reply)
    assert "assistant automatisé" not in clean(reply)  # the same session, not a new welcome
