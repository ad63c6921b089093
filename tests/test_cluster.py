"""`make cluster`: two Odoo servers behind nginx on one database with a streaming replica.

One cluster for the module, on its own database, torn down after. Everything goes through the
proxy as the web client would; nginx names the server that answered in `X-Upstream`.
"""
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.request
import uuid

import psycopg2
import pytest

from conftest import ROOT, Db, JsonRpc, RpcError, drop_database, pg_env

DB = f"doithoai_cluster_{ROOT.name}"  # one per clone: parallel clones share PostgreSQL
LOAD_USERS = 20
LOAD_SECONDS = 60
WRITERS = ["tinh.canbo", "tinh.lanhdao", "hoaphu.canbo", "hoaphu.lanhdao", "eaktur.canbo", "eaktur.lanhdao"]
READERS = ["tinh.xem", "tinh.giamsat", "hoaphu.xem", "eaktur.xem"]
# What Odoo logs when a read-only route wrote (it then retries on the primary), or failed.
RO_WRITE = re.compile(r"read-only transaction|retrying with a read/write cursor|cannot execute .* during recovery"
                      r"|Failed to open a readonly cursor")


def ports_free(base, count=5):
    for port in range(base, base + count):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def cluster_port():
    base = 20000 + os.getpid() % 20000
    while not ports_free(base):
        base += 7
    return base


class TracedRpc(JsonRpc):
    """A JSON-RPC session that keeps which upstream (Odoo server) answered the last call."""

    def rpc(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids), "params": params}
        resp = self.http.post(self.url + path, json=payload, timeout=300)
        self.upstream = resp.headers.get("X-Upstream")
        assert resp.status_code == 200, f"{path}: HTTP {resp.status_code}\n{resp.text[:2000]}"
        body = resp.json()
        if body.get("error"):
            raise RpcError(body["error"])
        return body.get("result")


class Cluster:
    def __init__(self, tmp):
        self.port = cluster_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.servers = {f"127.0.0.1:{self.port + 1}": 1, f"127.0.0.1:{self.port + 3}": 2}
        self.dir = ROOT / ".local" / f"cluster-{DB}"
        self.log = tmp / "cluster.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(DB=DB, PORT=str(self.port))
        self.proc = subprocess.Popen(["make", "--no-print-directory", "cluster"], cwd=ROOT, env=env,
                                     stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)

    def wait_ready(self, timeout=900):
        deadline = time.monotonic() + timeout
        urls = [self.url] + [f"http://{addr}" for addr in self.servers]
        while urls and time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"make cluster exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(urls[0] + "/web/login", timeout=5) as resp:
                    if resp.status == 200:
                        urls.pop(0)
                        continue
            except OSError:
                pass
            time.sleep(1)
        assert not urls, f"{urls[0]} did not answer in {timeout}s:\n{self.log.read_text()[-3000:]}"

    def odoo_log(self, n):
        path = self.dir / f"odoo-{n}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def replica_port(self):
        text = (ROOT / ".local" / "pg-replica.env").read_text()
        return int(re.search(r"PGPORT_REPLICA=(\d+)", text).group(1))

    def stop(self):
        pidfile = ROOT / ".local" / f"odoo-cluster-{DB}.pid"
        if pidfile.exists():  # the script's own trap stops nginx, both servers and the replica
            try:
                os.kill(int(pidfile.read_text()), signal.SIGTERM)
            except (ProcessLookupError, ValueError):
                pass
        try:
            self.proc.wait(90)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    drop_database(DB)
    started = time.monotonic()
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.wait_ready()
        print(f"cluster ready in {time.monotonic() - started:.0f}s")
        yield cluster
    finally:
        cluster.stop()
        text = cluster.log.read_text(errors="replace")
        drop_database(DB)
        for leftover in (f"odoo-{DB}.conf", f"odoo-{DB}.pid", f"odoo-cluster-{DB}.pid"):
            (ROOT / ".local" / leftover).unlink(missing_ok=True)
        subprocess.run(["rm", "-rf", str(ROOT / ".local" / "data" / "filestore" / DB), str(cluster.dir)])
    assert "cluster stopped" in text, text[-2000:]
    for port in range(cluster.port, cluster.port + 5):
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still listens after the cluster stopped"
    assert not (ROOT / ".local" / "pg-replica.env").exists(), "the replica was not stopped"


@pytest.fixture(scope="module")
def db(cluster):
    con = Db(DB)
    yield con
    con.close()


def login(cluster, name, password="demo"):
    client = TracedRpc(cluster.url, DB)
    client.authenticate(name, password)
    return client


def open_dialogue(client):
    """A dialogue this officer or leader may add questions to (one they see, still open)."""
    dialogues = client.search_read("doithoai.dialogue", [("state", "not in", ["done", "cancel"])],
                                   ["id", "organization_id"], order="date_start desc")
    field = client.search_read("doithoai.field", [], ["id"], limit=1)[0]["id"]
    for dialogue in dialogues:
        try:
            question_id = create_question(client, dialogue["id"], field, "cluster probe")
        except RpcError:
            continue
        return dialogue["id"], field, question_id
    raise AssertionError(f"{client.login} may add questions to none of {len(dialogues)} dialogues")


def create_question(client, dialogue, field, content):
    return client.web_save("doithoai.question", [], {
        "dialogue_id": dialogue, "content": content, "channel": "before", "field_id": field,
    }, {"display_name": {}}, context={"default_dialogue_id": dialogue})[0]["id"]


def test_both_servers_serve_one_database(cluster, db):
    admin = login(cluster, "admin", "admin")
    officer = login(cluster, "tinh.canbo")
    dialogue, field, _probe = open_dialogue(officer)
    created_on, read_on = {}, {}
    for i in range(8):
        if i % 2:  # one more request: the next pair starts on the other server
            officer.rpc("/web/session/get_session_info", {})
        qid = create_question(officer, dialogue, field, f"câu hỏi qua proxy {i}")
        created_on[qid] = officer.upstream
        # web_read is a read-only method: Odoo serves it on the replica, which may be a few
        # milliseconds behind the primary that just committed the question.
        wait_replayed(db, cluster)
        row = officer.web_read("doithoai.question", [qid], {"content": {}, "dialogue_id": {}})[0]
        read_on[qid] = officer.upstream
        assert row["content"] == f"câu hỏi qua proxy {i}" and row["dialogue_id"] == dialogue
    served = set(created_on.values()) | set(read_on.values())
    assert served == set(cluster.servers), f"both servers must answer through nginx: {served}"
    # Written by one server, read back by the other, both ways: one database, one session store.
    crossed = {(created_on[q], read_on[q]) for q in created_on if created_on[q] != read_on[q]}
    assert len(crossed) == 2, f"records created on one server and read on the other: {crossed}"
    assert db.value("SELECT COUNT(*) FROM doithoai_question WHERE id = ANY(%s)", (list(created_on),)) == 8
    # proxy_mode: each server saw the request as nginx forwarded it (host of the proxy).
    info = admin.rpc("/web/session/get_session_info", {})
    assert info["uid"] == admin.uid
    for n in (1, 2):
        conf = (cluster.dir / f"odoo-{n}.conf").read_text()
        assert "proxy_mode = True" in conf and f"db_name = {DB}" in conf and "db_replica_host" in conf


def test_crons_run_on_one_server(cluster, db):
    assert "WorkerCron" in cluster.odoo_log(1) and "WorkerCron" not in cluster.odoo_log(2)
    # Every cron of the module, triggered on the cron server through its own port.
    admin = TracedRpc(f"http://127.0.0.1:{cluster.port + 1}", DB)
    admin.authenticate("admin", "admin")
    crons = [r[0] for r in db.all("""SELECT res_id FROM ir_model_data
                                      WHERE module = 'doithoai_module' AND model = 'ir.cron'""")]
    assert crons
    before = time.time()
    for cron in crons:
        admin.call_button("ir.cron", "method_direct_trigger", [cron])
    rows = db.all("SELECT id, lastcall FROM ir_cron WHERE id = ANY(%s)", (crons,))
    assert all(last and last.timestamp() >= before - 5 for _id, last in rows), rows


def replica_stats(cluster, tables):
    env = pg_env()
    con = psycopg2.connect(host="127.0.0.1", port=cluster.replica_port(), user=env["PGUSER"],
                           password=env["PGPASSWORD"], dbname=DB)
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute("SELECT pg_is_in_recovery()")
        assert cur.fetchone()[0], "the replica must be a standby"
        cur.execute("""SELECT relname, COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0)
                         FROM pg_stat_user_tables WHERE relname = ANY(%s)""", (list(tables),))
        scans = dict(cur.fetchall())
        cur.execute("SELECT xact_commit, tup_fetched FROM pg_stat_database WHERE datname = %s", (DB,))
        xact, fetched = cur.fetchone()
    con.close()
    return scans, xact, fetched


def wait_replayed(db, cluster, timeout=30):
    """The replica has replayed what the primary wrote so far (as it has, seconds later, in use)."""
    lsn = db.value("SELECT pg_current_wal_lsn()::text")
    env = pg_env()
    con = psycopg2.connect(host="127.0.0.1", port=cluster.replica_port(), user=env["PGUSER"],
                           password=env["PGPASSWORD"], dbname=DB)
    con.autocommit = True
    deadline = time.monotonic() + timeout
    try:
        with con.cursor() as cur:
            while time.monotonic() < deadline:
                cur.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,))
                if cur.fetchone()[0]:
                    return
                time.sleep(0.2)
    finally:
        con.close()
    raise AssertionError("the replica did not catch up in 30 s")


def grown(cluster, tables, before, timeout=20):
    """Waits for the replica's statistics (flushed by its backends within seconds) to show reads."""
    deadline = time.monotonic() + timeout
    while True:
        scans, xact, fetched = replica_stats(cluster, tables)
        if all(scans.get(t, 0) > before[0].get(t, 0) for t in tables) and fetched > before[2]:
            return scans, xact, fetched
        if time.monotonic() > deadline:
            return None
        time.sleep(1)


def test_report_and_export_served_from_the_replica(cluster, db):
    # (Its columns are a superuser's to read: the odoo role sees that the row exists.)
    assert db.value("SELECT COUNT(*) FROM pg_stat_replication") == 1, "the primary has no streaming replica"
    supervisor = login(cluster, "tinh.giamsat")
    logs_before = {n: len(cluster.odoo_log(n)) for n in (1, 2)}

    # A paper: the plan's PDF, downloaded on /report/pdf (a read-only route).
    plan = db.ref("doithoai_module.plan_daklak_ubnd_2026")
    wait_replayed(db, cluster)
    before = replica_stats(cluster, ["doithoai_plan"])
    resp = supervisor.get(f"/report/pdf/doithoai_module.report_plan/{plan}")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), f"HTTP {resp.status_code}: {resp.text[:1500]}"
    assert resp.headers.get("X-Upstream") in cluster.servers
    assert grown(cluster, ["doithoai_plan"], before), "the plan's PDF was not read on the replica"

    # The Excel statistics: the button writes the export record on the primary, the download
    # (once the replica holds that record) reads on the replica.
    org = db.ref("doithoai_module.org_daklak")
    wizard = supervisor.web_save("doithoai.yearly.report.wizard", [], {"organization_id": org, "year": 2026},
                                 {"year": {}})[0]["id"]
    action = supervisor.call_button("doithoai.yearly.report.wizard", "action_export_xlsx", [wizard])
    export_id = int(action["url"].rsplit("/", 1)[1])
    assert db.value("SELECT COUNT(*) FROM doithoai_xlsx_export WHERE id = %s", (export_id,)) == 1
    wait_replayed(db, cluster)
    tables = ["doithoai_xlsx_export", "doithoai_dialogue"]
    before = replica_stats(cluster, tables)
    resp = supervisor.get(action["url"])
    assert resp.status_code == 200 and resp.content[:2] == b"PK", f"HTTP {resp.status_code}: {resp.text[:1500]}"
    assert grown(cluster, tables, before), "the Excel export was not read on the replica"

    # Printing and exporting wrote nothing: Odoo logs a read-only route that writes.
    for n in (1, 2):
        new = cluster.odoo_log(n)[logs_before[n]:]
        bad = [line for line in new.splitlines() if RO_WRITE.search(line) or "Traceback" in line]
        assert not bad, f"server {n}: a read-only route wrote or failed:\n" + "\n".join(bad[:20])


def test_first_print_of_an_unnumbered_paper_on_the_replica(cluster, db):
    """An invitation never issued prints as a draft on the read-only route: no number taken,
    nothing written, nothing rendered twice."""
    supervisor = login(cluster, "tinh.lanhdao")
    dialogue = db.value("""SELECT d.id FROM doithoai_dialogue d
                            WHERE d.state IN ('invited', 'held', 'concluded', 'followup', 'done')
                              AND NOT EXISTS (SELECT 1 FROM doithoai_paper_number n
                                               WHERE n.res_model = 'doithoai.dialogue' AND n.res_id = d.id
                                                 AND n.paper_type = 'invitation')
                            ORDER BY d.id LIMIT 1""")
    if not dialogue:
        pytest.skip("every dialogue's invitation is numbered already")
    numbers = db.value("SELECT COUNT(*) FROM doithoai_paper_number")
    logs_before = {n: len(cluster.odoo_log(n)) for n in (1, 2)}
    wait_replayed(db, cluster)
    resp = supervisor.get(f"/report/pdf/doithoai_module.report_invitation/{dialogue}")
    new_logs = "\n".join(cluster.odoo_log(n)[logs_before[n]:] for n in (1, 2))
    bad = [line for line in new_logs.splitlines() if RO_WRITE.search(line)]
    issued = db.value("SELECT COUNT(*) FROM doithoai_paper_number") - numbers
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), \
        f"HTTP {resp.status_code} printing an unnumbered invitation on /report/pdf:\n" + "\n".join(bad[:10])
    assert not bad, f"printing wrote on a read-only route ({issued} number(s) issued):\n" + "\n".join(bad[:10])
    assert issued == 0, "printing never numbers a paper"


def test_load_twenty_users_across_both_servers(cluster, db):
    logs_before = {n: len(cluster.odoo_log(n)) for n in (1, 2)}
    marker = f"tải {uuid.uuid4().hex[:8]}"
    setup = {name: open_dialogue(login(cluster, name)) for name in WRITERS}
    errors, created, upstreams, reads = [], {}, set(), [0]
    lock = threading.Lock()
    start = threading.Barrier(LOAD_USERS)

    def user(n):
        name = (WRITERS + READERS)[n % (len(WRITERS) + len(READERS))]
        mine = []
        try:
            client = login(cluster, name)
            start.wait(120)
            deadline = time.monotonic() + LOAD_SECONDS
            i = 0
            while time.monotonic() < deadline:
                if name in setup:
                    dialogue, field, _probe = setup[name]
                    mine.append(create_question(client, dialogue, field, f"{marker} {n}-{i}"))
                    with lock:
                        upstreams.add(client.upstream)
                rows = client.search_read("doithoai.dialogue", [], ["name", "state", "date_start"], limit=40)
                assert rows, f"{name} sees no dialogue"
                with lock:
                    upstreams.add(client.upstream)
                    reads[0] += 1
                i += 1
        except Exception as error:  # noqa: BLE001 - every failure counts
            with lock:
                errors.append(f"{name}#{n}: {error!r}"[:500])
        finally:
            with lock:
                created[n] = mine

    threads = [threading.Thread(target=user, args=(n,)) for n in range(LOAD_USERS)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(LOAD_SECONDS + 300)
    elapsed = time.monotonic() - began
    ids = [qid for mine in created.values() for qid in mine]
    print(f"load: {LOAD_USERS} users, {elapsed:.0f}s, {len(ids)} questions created, {reads[0]} reads")
    assert not errors, f"{len(errors)} errors under load:\n" + "\n".join(errors[:10])
    assert ids and reads[0] >= LOAD_USERS
    assert upstreams == set(cluster.servers), upstreams
    # Not one row lost: every id the servers answered exists, and nothing more was written.
    rows = db.value("SELECT COUNT(*) FROM doithoai_question WHERE id = ANY(%s)", (ids,))
    marked = db.value("SELECT COUNT(*) FROM doithoai_question WHERE content::text LIKE %s", (marker + "%",))
    assert rows == len(ids) == marked, (rows, len(ids), marked)
    for n in (1, 2):
        log = cluster.odoo_log(n)[logs_before[n]:]
        assert "Traceback" not in log, f"server {n} logged a traceback:\n{log[log.index('Traceback') - 500:][:3000]}"
