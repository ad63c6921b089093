"""Helpers for the system tests: they drive the project from outside, as a user would."""
import os
import shlex
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg2
import pytest

ROOT = Path(os.environ.get("DOITHOAI_ROOT", Path(__file__).resolve().parent.parent))


def pg_env():
    """The connection the set-up chose (.local/pg.env), as environment variables."""
    env = {}
    for line in (ROOT / ".local" / "pg.env").read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = shlex.split(value)[0] if value else ""
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def drop_database(name):
    env = pg_env()
    con = psycopg2.connect(host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"],
                           password=env["PGPASSWORD"], dbname="postgres")
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    con.close()


class Server:
    """`make run` in its own process group, on a port and database of its own."""

    def __init__(self, db, port, log):
        self.db, self.port, self.log = db, port, log
        self.url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(DB=db, PORT=str(port))
        self.proc = subprocess.Popen(
            ["make", "--no-print-directory", "run"], cwd=ROOT, env=env,
            stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, path="/web/login", timeout=600):
        import urllib.request
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"make run exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5) as resp:
                    if resp.status == 200:
                        return resp.read()
            except OSError:
                pass
            time.sleep(1)
        raise AssertionError(f"{self.url}{path} did not answer in {timeout}s:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)


@pytest.fixture
def server_factory(tmp_path):
    started = []

    def start(db):
        drop_database(db)
        server = Server(db, free_port(), tmp_path / f"{db}.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
        drop_database(server.db)
