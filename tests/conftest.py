"""Helpers for the system tests: they drive the project from outside, as a user would."""
import ast
import email
import email.policy
import itertools
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import threading
import time
from datetime import datetime, timedelta
from email.utils import getaddresses
from pathlib import Path

import psycopg2
import pytest
import requests

ROOT = Path(os.environ.get("DOITHOAI_ROOT", Path(__file__).resolve().parent.parent))


# pytest-odoo (installed in the venv) loads an Odoo registry in the pytest process for every
# test, which needs --odoo-database. The system tests drive servers of their own: they
# neither need nor touch that registry, so they also run without the Odoo options.
@pytest.fixture(scope="session", autouse=True)
def load_registry():
    yield


@pytest.fixture(scope="session", autouse=True)
def load_http():
    yield


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

    def __init__(self, db, port, log, **extra_env):
        self.db, self.port, self.log = db, port, log
        self.url = f"http://127.0.0.1:{port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(DB=db, PORT=str(port), **extra_env)
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

    def start(db, **extra_env):
        db = f"{db}_{ROOT.name}"
        drop_database(db)
        server = Server(db, free_port(), tmp_path / f"{db}.log", **extra_env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
        drop_database(server.db)
        remove_local_files(server.db)


def remove_local_files(db):
    """What `make run` leaves in .local for a database: its filestore, configuration and pid."""
    shutil.rmtree(ROOT / ".local" / "data" / "filestore" / db, ignore_errors=True)
    for leftover in (f"odoo-{db}.conf", f"odoo-{db}.pid"):
        (ROOT / ".local" / leftover).unlink(missing_ok=True)


# ----------------------------------------------------------------------
# Shared parts of the job tests (test_jobs.py): one real server, the web
# client's JSON-RPC calls, a real SMTP listener, direct database checks.
# ----------------------------------------------------------------------

WEB_CONTEXT = {"lang": "vi_VN", "tz": "Asia/Ho_Chi_Minh"}
VN_OFFSET = timedelta(hours=7)  # Asia/Ho_Chi_Minh, no daylight saving


def vn_today():
    return (datetime.utcnow() + VN_OFFSET).date()


class RpcError(Exception):
    """A JSON-RPC error of the server: `name` is the exception class (odoo.exceptions.AccessError)."""

    def __init__(self, error):
        data = error.get("data") or {}
        self.name = data.get("name") or ""
        self.message = data.get("message") or error.get("message") or ""
        self.debug = data.get("debug") or ""
        super().__init__(f"{self.name}: {self.message}")


class JsonRpc:
    """What the web client sends: /web/session/authenticate, then call_kw / call_button."""

    def __init__(self, url, db):
        self.url, self.db = url, db
        self.http = requests.Session()
        self.uid = None
        self.login = None
        self._ids = itertools.count(1)

    # -- transport ------------------------------------------------------
    def rpc(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params}
        resp = self.http.post(self.url + path, json=payload, timeout=300)
        assert resp.status_code == 200, f"{path}: HTTP {resp.status_code}\n{resp.text[:2000]}"
        body = resp.json()
        if body.get("error"):
            raise RpcError(body["error"])
        return body.get("result")

    def context(self, extra=None):
        ctx = dict(WEB_CONTEXT)
        if self.uid:
            ctx["uid"] = self.uid
        ctx.update(extra or {})
        return ctx

    # -- session --------------------------------------------------------
    def authenticate(self, login, password):
        info = self.rpc("/web/session/authenticate", {"db": self.db, "login": login, "password": password})
        assert info and info.get("uid"), f"{login} could not log in: {info}"
        self.uid, self.login = info["uid"], login
        return self.uid

    # -- models ---------------------------------------------------------
    def call_kw(self, model, method, args=(), kwargs=None, context=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = self.context(context)
        return self.rpc(f"/web/dataset/call_kw/{model}/{method}",
                        {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def call_button(self, model, method, ids, context=None):
        return self.rpc(f"/web/dataset/call_button/{model}/{method}",
                        {"model": model, "method": method, "args": [list(ids)],
                         "kwargs": {"context": self.context(context)}})

    def web_save(self, model, ids, vals, specification=None, context=None):
        spec = specification or {"display_name": {}}
        return self.call_kw(model, "web_save", [list(ids), vals], {"specification": spec}, context)

    def web_read(self, model, ids, specification, context=None):
        return self.call_kw(model, "web_read", [list(ids)], {"specification": specification}, context)

    def onchange(self, model, values, specification, context=None, ids=()):
        """The defaults of a new record, as a form (or a wizard dialog) opens."""
        return self.call_kw(model, "onchange", [list(ids), values, [], specification], {}, context)

    def read(self, model, ids, fields, context=None):
        return self.call_kw(model, "read", [list(ids), fields], {}, context)

    def search_read(self, model, domain, fields, context=None, **kw):
        return self.call_kw(model, "search_read", [], dict(kw, domain=domain, fields=fields), context)

    def form_view(self, model, context=None):
        views = self.call_kw(model, "get_views", [], {"views": [[False, "form"]]}, context)
        return views["views"]["form"]["arch"]

    # -- pages (portal, downloads) --------------------------------------
    def get(self, path, **kw):
        return self.http.get(self.url + path, timeout=300, **kw)

    def post(self, path, **kw):
        return self.http.post(self.url + path, timeout=300, **kw)


def csrf_token(html):
    """The token a page gives its forms (hidden input) or its scripts (odoo.csrf_token)."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) \
        or re.search(r'csrf_token:\s*"([^"]+)"', html)
    assert match, "no csrf token in the page"
    return match.group(1)


def eval_attr(text, names=None):
    """A view attribute (context, domain) as the client evaluates it, for literal ones."""
    if not text:
        return None
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return eval(text, {"__builtins__": {}, "context": {}, "True": True, "False": False}, dict(names or {}))  # noqa: S307


class SmtpSink:
    """A real SMTP server on a free loopback port; keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller
        self.messages = []
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
                with sink.lock:
                    sink.messages.append({"rcpt": list(envelope.rcpt_tos), "msg": msg})
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def to(self, address):
        """The messages whose To header names this address."""
        address = address.lower()
        with self.lock:
            return [item for item in self.messages
                    if address in [a.lower() for _n, a in getaddresses(item["msg"].get_all("To", []))]]

    @staticmethod
    def text(item):
        msg = item["msg"]
        parts = []
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                parts.append(part.get_content())
        return "\n".join(parts)


class Db:
    """Direct checks in the server's database (autocommit: sees what the server committed)."""

    def __init__(self, name):
        env = pg_env()
        self.con = psycopg2.connect(host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"],
                                    password=env["PGPASSWORD"], dbname=name)
        self.con.autocommit = True

    def all(self, query, params=()):
        with self.con.cursor() as cur:
            cur.execute(query, params)
            return cur.fetchall()

    def one(self, query, params=()):
        rows = self.all(query, params)
        return rows[0] if rows else None

    def value(self, query, params=()):
        row = self.one(query, params)
        return row[0] if row else None

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        res_id = self.value("SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s", (module, name))
        assert res_id, f"no record {xmlid}"
        return res_id

    def has_column(self, table, column):
        return bool(self.value("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
                               (table, column)))

    def close(self):
        self.con.close()


def module_server(tmp_path_factory, name, reuse_var):
    """ONE `make run` on its own database (one per clone: parallel clones share PostgreSQL),
    dropped at the end. The environment variable `reuse_var` set to http://127.0.0.1:PORT/DB
    reuses a server already running instead (while writing tests; that database is left as it
    is). Used as `yield from module_server(...)` in a fixture."""
    reuse = os.environ.get(reuse_var)
    if reuse:
        url, _, db = reuse.rpartition("/")
        server = Server.__new__(Server)
        server.db, server.url, server.port = db, url, int(url.rsplit(":", 1)[1])
        yield server
        return
    db = f"doithoai_{name}_{ROOT.name}"
    drop_database(db)
    server = Server(db, free_port(), tmp_path_factory.mktemp(name) / f"{db}.log")
    try:
        server.wait_ready("/web/login", timeout=900)
        yield server
    finally:
        server.stop()
        drop_database(db)
        remove_local_files(db)


# The system tests of every module share ONE server (`make run` creates a demo database,
# about two minutes, then serves it): each module works on records it makes itself or on demo
# records no other module changes, and counts relatively (before/after), so that the modules
# pass in any order and on a server reused with DOITHOAI_JOBS_SERVER.
@pytest.fixture(scope="session")
def job_server(tmp_path_factory):
    yield from module_server(tmp_path_factory, "jobs", "DOITHOAI_JOBS_SERVER")


@pytest.fixture(scope="session")
def smtp_sink():
    sink = SmtpSink()
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def job_db(job_server):
    db = Db(job_server.db)
    yield db
    db.close()


@pytest.fixture(scope="session")
def login(job_server):
    """login(name, password='demo') -> a JsonRpc session of that user."""
    def _login(name, password="demo"):
        client = JsonRpc(job_server.url, job_server.db)
        client.authenticate(name, password)
        return client
    return _login


@pytest.fixture(scope="session")
def admin(login, smtp_sink):
    """Odoo's admin, with an outgoing mail server pointing at the SMTP listener."""
    client = login("admin", "admin")
    name = "SMTP listener of the tests"
    old = client.search_read("ir.mail_server", [("name", "=", name)], ["id"])
    if old:  # a reused server (DOITHOAI_JOBS_SERVER) keeps those of earlier runs
        client.call_kw("ir.mail_server", "write", [[r["id"] for r in old], {"active": False}])
    client.web_save("ir.mail_server", [], {
        "name": name, "smtp_host": "127.0.0.1", "smtp_port": smtp_sink.port,
        "smtp_encryption": "none", "sequence": 1,
    })
    return client


def flush_mail_queue(admin_client, db, done, timeout=60):
    """Runs the mail queue cron as admin until `done()` holds (or the queue fails)."""
    cron_id = db.ref("mail.ir_cron_mail_scheduler_action")
    deadline = time.monotonic() + timeout
    while True:
        try:
            admin_client.call_button("ir.cron", "method_direct_trigger", [cron_id])
        except RpcError as error:  # already running in the server's cron thread: wait for it
            if "UserError" not in error.name:
                raise
        if done():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(1)
