"""Races through the real server (`make run`, the one the system tests share): requests sent
at the same moment over parallel connections. Paper numbers stay distinct and consecutive when
officers issue together; a citizen posting many questions at once still meets the hourly limit
of the portal.
"""
import threading
import time

import pytest
from conftest import JsonRpc, csrf_token

PORTAL_LIMIT = 5  # QUESTIONS_PER_HOUR of controllers/doithoai_portal.py
CITIZEN_PASSWORD = "cong-dan-gui-cung-luc"


@pytest.fixture(scope="module")
def server(job_server):
    return job_server


@pytest.fixture(scope="module")
def db(job_db):
    return job_db


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


def issue_yearly(client, org_id, year):
    """The officer issues the yearly report of a year: the issue wizard opened from the
    organisation (as the yearly report wizard's "Issue" button does), saved, then its button."""
    model = "doithoai.paper.issue.wizard"
    ctx = {"active_model": "doithoai.organization", "active_id": org_id, "default_paper_type": "report"}
    try:
        wizard = client.web_save(model, [], {"year": year}, context=ctx)[0]["id"]
        client.call_button(model, "action_issue", [wizard], context=ctx)
        return "issued"
    except Exception as error:  # noqa: BLE001 - the test reports it
        return repr(error)


def test_parallel_issues_number_papers_once_each(server, db):
    org = db.ref("doithoai_module.org_daklak")
    officers = [session(server, "tinh.canbo") for _ in range(8)]
    years = list(range(2018, 2026))
    this_year = """EXTRACT(YEAR FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh')"""
    before = db.value(f"""SELECT COALESCE(MAX(sequence), 0) FROM doithoai_paper_number
                           WHERE organization_id = %s AND paper_type = 'report' AND year = {this_year}""", (org,))
    # Eight officers issue eight yearly reports at the same moment.
    results = at_once([lambda o=o, y=y: issue_yearly(o, org, y) for o, y in zip(officers, years)])
    assert results == ["issued"] * 8, results
    rows = db.all(f"""SELECT key, sequence FROM doithoai_paper_number
                       WHERE organization_id = %s AND paper_type = 'report' AND sequence > %s
                         AND year = {this_year} AND state = 'issued'
                       ORDER BY sequence""", (org, before))
    assert sorted(key for key, _seq in rows) == [str(y) for y in years], rows
    assert [seq for _key, seq in rows] == list(range(before + 1, before + 9)), rows


def new_citizen(server, db):
    """A portal account of its own, made by Odoo's admin: the demo citizen (congdan) also posts
    questions in other modules, which the hourly limit counts."""
    admin = session(server, "admin", "admin")
    login = f"congdan.races.{time.time_ns()}"
    admin.call_kw("res.users", "create", [{
        "name": "Công dân gửi cùng lúc", "login": login, "password": CITIZEN_PASSWORD, "lang": "vi_VN",
        "tz": "Asia/Ho_Chi_Minh", "group_ids": [[6, 0, [db.ref("base.group_portal")]]]}])
    return login


def test_parallel_portal_posts_meet_the_hourly_limit(server, db):
    dialogue = db.ref("doithoai_module.dialogue_daklak_2026")
    field = db.ref("doithoai_module.field_social")
    login = new_citizen(server, db)
    uid = db.value("SELECT id FROM res_users WHERE login = %s", (login,))
    citizens = [session(server, login, CITIZEN_PASSWORD) for _ in range(12)]
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
