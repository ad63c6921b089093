"""Races through the real server (`make run`, one per module): requests sent at the same moment
over parallel connections. Paper numbers stay distinct and consecutive when officers print
together; a citizen posting many questions at once still meets the hourly limit of the portal.
"""
import json
import threading
from urllib.parse import quote

import pytest
from conftest import ROOT, Db, JsonRpc, Server, csrf_token, drop_database, free_port, remove_local_files

PORTAL_LIMIT = 5  # QUESTIONS_PER_HOUR of controllers/doithoai_portal.py


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = f"doithoai_races_{ROOT.name}"
    drop_database(db)
    server = Server(db, free_port(), tmp_path_factory.mktemp("races") / f"{db}.log")
    try:
        server.wait_ready("/web/login", timeout=900)
        yield server
    finally:
        server.stop()
        drop_database(db)
        remove_local_files(db)


@pytest.fixture(scope="module")
def db(server):
    con = Db(server.db)
    yield con
    con.close()


def session(server, login, password="demo"):
    client = JsonRpc(server.url, server.db)
    client.authenticate(login, password)
    return client


def at_once(calls):
    """Runs the calls in threads released together; their results (or exceptions) in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as error:  # noqa: BLE001 - reported by the test
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    return results


def print_yearly(client, org_id, year, token):
    """The yearly report wizard, its button, then the web client's /report/download."""
    model = "doithoai.yearly.report.wizard"
    wizard = client.web_save(model, [], {"organization_id": org_id, "year": year})[0]["id"]
    action = client.call_button(model, "action_print", [wizard])
    url = f"/report/pdf/{action['report_name']}"
    action_context = action.get("context") or {}
    if action.get("data") and json.dumps(action["data"]) != "{}":
        url += "?options=" + quote(json.dumps(action["data"]), safe="") \
            + "&context=" + quote(json.dumps(action_context), safe="")
    elif action_context.get("active_ids"):
        url += "/" + ",".join(str(i) for i in action_context["active_ids"])
    resp = client.post("/report/download", data={
        "data": json.dumps([url, action["report_type"]]),
        "context": json.dumps(dict(client.context(), **action_context)),
        "token": "dummy-because-api-expects-one", "csrf_token": token})
    return resp.status_code, resp.content[:4]


def test_parallel_prints_number_papers_once_each(server, db):
    org = db.ref("doithoai_module.org_daklak")
    officers = [session(server, "tinh.canbo") for _ in range(10)]
    tokens = [csrf_token(officer.get("/odoo").text) for officer in officers]
    # Eight yearly reports at once, two of them printed twice at the same moment.
    years = list(range(2018, 2026)) + [2024, 2025]
    before = db.value("""SELECT COALESCE(MAX(sequence), 0) FROM doithoai_paper_number
                          WHERE organization_id = %s AND paper_type = 'report'
                            AND year = EXTRACT(YEAR FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')""", (org,))
    results = at_once([lambda o=o, y=y, t=t: print_yearly(o, org, y, t)
                       for o, y, t in zip(officers, years, tokens)])
    # The eight different papers print; a paper printed twice at the very same moment prints
    # once, the other print is asked to try again (then gives the same paper).
    printed = {year for year, result in zip(years, results) if result == (200, b"%PDF")}
    assert printed == set(range(2018, 2026)) and results.count((200, b"%PDF")) >= 8, results
    for officer, year, token, result in zip(officers, years, tokens, results):
        if result != (200, b"%PDF"):
            assert print_yearly(officer, org, year, token) == (200, b"%PDF")
    rows = db.all("""SELECT key, sequence FROM doithoai_paper_number
                      WHERE organization_id = %s AND paper_type = 'report' AND sequence > %s
                        AND year = EXTRACT(YEAR FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')
                      ORDER BY sequence""", (org, before))
    assert sorted(key for key, _seq in rows) == [str(y) for y in range(2018, 2026)], rows
    assert [seq for _key, seq in rows] == list(range(before + 1, before + 9)), rows


def test_parallel_portal_posts_meet_the_hourly_limit(server, db):
    dialogue = db.ref("doithoai_module.dialogue_daklak_2026")
    field = db.ref("doithoai_module.field_social")
    uid = db.value("SELECT id FROM res_users WHERE login = 'congdan'")
    citizens = [session(server, "congdan") for _ in range(12)]
    tokens = [csrf_token(c.get(f"/my/dialogues/{dialogue}").text) for c in citizens]
    before = db.value("SELECT COUNT(*) FROM doithoai_question WHERE create_uid = %s", (uid,))

    def post(citizen, token, i):
        return citizen.post(f"/my/dialogues/{dialogue}/question", allow_redirects=False, data={
            "csrf_token": token, "content": f"Câu hỏi gửi cùng lúc số {i}", "field_id": str(field),
        }, files={"attachment": ("", b"", "application/octet-stream")}).status_code

    statuses = at_once([lambda c=c, t=t, i=i: post(c, t, i)
                        for i, (c, t) in enumerate(zip(citizens, tokens))])
    stored = db.value("SELECT COUNT(*) FROM doithoai_question WHERE create_uid = %s", (uid,)) - before
    assert stored == PORTAL_LIMIT, (stored, statuses)
    assert sorted(statuses) == [303] * PORTAL_LIMIT + [429] * (12 - PORTAL_LIMIT), statuses
