"""The nine jobs of the product, walked through the real server (`make run`) by each demo login.

Every step goes over the JSON-RPC calls the web client makes (web_save, onchange, call_button,
/report/download) or the portal's HTTP forms; afterwards the database is read directly
(psycopg2), mails are caught by a real SMTP listener and PDFs are read back with pdftotext.
The jobs share one server and build on each other's records, in order: a job whose
prerequisites failed is skipped, naming the job it needs.
"""
import html
import json
import re
import subprocess
import unicodedata
from datetime import date, datetime, timedelta
from urllib.parse import quote

import pytest

from conftest import (RpcError, SmtpSink, VN_OFFSET, csrf_token, eval_attr, flush_mail_queue,
                      vn_today)

pytestmark = pytest.mark.usefixtures("job_server")

UserError = "odoo.exceptions.UserError"
AccessError = "odoo.exceptions.AccessError"
ValidationError = "odoo.exceptions.ValidationError"

TOPIC = "Đối thoại của Chủ tịch UBND tỉnh với hội viên phụ nữ về y tế cơ sở (kiểm thử hệ thống)"
RESULT_TEXT = "Sở Y tế đã bố trí bác sĩ trực 24/24 tại trạm y tế xã Hòa Phú từ ngày 01/12"
ANSWER_TEXT = "Sở Y tế trả lời bằng văn bản: trạm y tế xã Ea Kao được nâng cấp trong quý II năm sau"
ASKER_P = {"name": "Nguyễn Thị Hồng Nhung", "phone": "0905 111 222", "street": "Thôn 3",
           "city": "Xã Ea Kao, Đắk Lắk", "email": "hong.nhung@nguoidan.example"}
ASKER_P2 = {"name": "Y Blô Niê", "phone": "0912 333 444", "street": "Buôn Kô Tam",
            "city": "Phường Ea Kao, Đắk Lắk", "email": "yblo.nie@nguoidan.example"}

# What the jobs hand on to the next ones (ids, dates), filled as soon as a record exists.
STATE = {}


def need(*keys):
    missing = [k for k in keys if k not in STATE]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} from an earlier job")
    return [STATE[k] for k in keys]


def refused(call, *names):
    """Runs an RPC that must be refused with exactly one of these exception classes."""
    with pytest.raises(RpcError) as info:
        call()
    assert info.value.name in names, f"refused with {info.value.name}: {info.value.message}"
    return info.value


def utc(dt):
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def m2m_ids(value):
    """Record ids of a many2many value as onchange returns it ([[4, id, {...}], ...] or [[6, 0, ids]])."""
    ids = []
    for cmd in value or []:
        if cmd[0] == 4:
            ids.append(cmd[1])
        elif cmd[0] == 6:
            ids = list(cmd[2])
    return ids


def plain(markup):
    return " ".join(re.sub(r"<[^>]+>", " ", markup or "").split())


# ----------------------------------------------------------------------
# The civil-service calendar, computed here from the rows of the database
# ----------------------------------------------------------------------
def calendar_days(db, calendar_id):
    """(public holidays, make-up working days) of a calendar, as local dates."""
    holidays = set()
    rows = db.all("""SELECT date_from, date_to FROM resource_calendar_leaves
                      WHERE resource_id IS NULL AND (calendar_id = %s OR calendar_id IS NULL)""", (calendar_id,))
    for date_from, date_to in rows:
        start, end = date_from + VN_OFFSET, date_to + VN_OFFSET
        if end.time() == datetime.min.time() and end > start:
            end -= timedelta(microseconds=1)
        day = start.date()
        while day <= end.date():
            holidays.add(day)
            day += timedelta(days=1)
    makeup = {row[0] for row in db.all(
        """SELECT date FROM doithoai_makeup_day
            WHERE active AND (calendar_id = %s OR calendar_id IS NULL)""", (calendar_id,))}
    return holidays, makeup


def is_workday(day, holidays, makeup):
    return day in makeup or (day.weekday() < 5 and day not in holidays)


def add_workdays(day, count, holidays, makeup):
    """`count` working days after `day` (the day itself not counted)."""
    while count:
        day += timedelta(days=1)
        if is_workday(day, holidays, makeup):
            count -= 1
    return day


# ----------------------------------------------------------------------
# The world the jobs run in
# ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def world(job_db, admin):
    ref = job_db.ref
    return {
        "org": ref("doithoai_module.org_daklak"),
        "health": ref("doithoai_module.org_daklak_so_y_te"),
        "calendar": ref("doithoai_module.calendar_vn_civil_service"),
        "officer": ref("doithoai_module.user_tinh_canbo"),
        "leader": ref("doithoai_module.user_tinh_lanhdao"),
        "module_admin": ref("doithoai_module.user_tinh_quantri"),
        "supervisor": ref("doithoai_module.user_tinh_giamsat"),
        "responder": ref("doithoai_module.user_soyte_xuly"),
        "citizen_partner": ref("doithoai_module.partner_asker_dl_tran_thi_kim_lien"),
        "field": ref("doithoai_module.field_social"),
    }


@pytest.fixture(scope="module")
def users(login):
    """One JSON-RPC session per demo login, opened once."""
    sessions = {}

    def get(name):
        if name not in sessions:
            sessions[name] = login(name)
        return sessions[name]
    return get


def flush_to(admin, db, smtp, address, count=1, timeout=60):
    """Sends the queued mails until `count` messages reached `address`; returns them."""
    flush_mail_queue(admin, db, lambda: len(smtp.to(address)) >= count, timeout)
    return smtp.to(address)


def portal_question_post(citizen, dialogue_id, content, field_id):
    """The citizen's question form, as the browser posts it (csrf token of the page)."""
    page = citizen.get(f"/my/dialogues/{dialogue_id}")
    token = csrf_token(page.text if page.status_code == 200 else citizen.get("/my").text)
    return citizen.post(f"/my/dialogues/{dialogue_id}/question", allow_redirects=False, data={
        "csrf_token": token, "content": content, "field_id": str(field_id), "register_to_speak": "1",
    }, files={"attachment": ("", b"", "application/octet-stream")})


def citizen_questions(db, dialogue_id, partner_id):
    return [row[0] for row in db.all(
        """SELECT q.id FROM doithoai_question q
             JOIN doithoai_question_asker_rel r ON r.question_id = q.id
            WHERE q.dialogue_id = %s AND r.partner_id = %s ORDER BY q.id""", (dialogue_id, partner_id))]


# ----------------------------------------------------------------------
# 1. The officer prepares a dialogue and submits it for approval
# ----------------------------------------------------------------------
def test_job1_officer_submits_dialogue(users, world, job_db):
    officer = users("tinh.canbo")
    spec = {"name": {}, "state": {}, "stage_id": {"fields": {"display_name": {}}},
            "user_id": {"fields": {}}, "questions_deadline": {}, "host_id": {"fields": {"display_name": {}}}}
    defaults = officer.onchange("doithoai.dialogue", {}, spec)["value"]
    assert defaults["state"] == "proposal" and defaults["user_id"]["id"] == world["officer"]

    start = datetime.combine(vn_today() + timedelta(days=21), datetime.min.time()) + timedelta(hours=1)
    saved = officer.web_save("doithoai.dialogue", [], {
        "name": TOPIC,
        "organization_id": world["org"],
        "date_start": utc(start),  # 08:00 in Đắk Lắk, three weeks ahead
        "venue": "Hội trường UBND phường Ea Kao",
        "expected_attendance": 120,
        "content": "<p>Khám chữa bệnh ở trạm y tế xã, bảo hiểm y tế cho phụ nữ dân tộc thiểu số.</p>",
        "field_ids": [[4, world["field"]]],
        "invited_organization_ids": [[4, world["health"]]],
        "portal_published": True,
    }, spec)[0]
    dialogue = STATE["dialogue"] = saved["id"]
    assert saved["state"] == "proposal"

    before = job_db.value("SELECT COALESCE(MAX(id), 0) FROM mail_message")
    officer.call_button("doithoai.dialogue", "action_submit", [dialogue])
    STATE["submitted"] = True

    row = job_db.one("""SELECT d.state, d.organization_id, d.user_id, d.create_uid, d.portal_published,
                               d.questions_deadline
                          FROM doithoai_dialogue d WHERE d.id = %s""", (dialogue,))
    assert row[:5] == ("approval", world["org"], world["officer"], world["officer"], True)
    assert row[5] >= vn_today(), "the questions deadline must still be ahead for the portal"

    # The officer cannot approve it: only a leader may.
    refused(lambda: officer.call_button("doithoai.dialogue", "action_approve", [dialogue]), UserError)
    assert job_db.value("SELECT state FROM doithoai_dialogue WHERE id = %s", (dialogue,)) == "approval"
    assert job_db.value("SELECT approved_by_id FROM doithoai_dialogue WHERE id = %s", (dialogue,)) is None

    activity_users = {r[0] for r in job_db.all(
        """SELECT user_id FROM mail_activity
            WHERE res_model = 'doithoai.dialogue' AND res_id = %s AND active IS NOT FALSE""", (dialogue,))}
    assert world["leader"] in activity_users, \
        f"the leader of the organisation must get an activity on submit, got users {activity_users}"
    assert world["officer"] not in activity_users

    posted = [plain(body) for (body,) in job_db.all(
        """SELECT body FROM mail_message
            WHERE model = 'doithoai.dialogue' AND res_id = %s AND id > %s
              AND message_type IN ('comment', 'notification')""", (dialogue, before))]
    assert any(posted), f"submitting must post a chatter message, got {posted}"


# ----------------------------------------------------------------------
# 2. The leader approves; the portal takes questions only from then on
# ----------------------------------------------------------------------
def test_job2_leader_approves(users, world, job_db):
    dialogue, _ = need("dialogue", "submitted")
    citizen = users("congdan")
    leader = users("tinh.lanhdao")

    # While awaiting approval (and published), the citizen's question is refused.
    early = portal_question_post(citizen, dialogue, "Câu hỏi gửi trước khi phê duyệt", world["field"])
    early_questions = citizen_questions(job_db, dialogue, world["citizen_partner"])

    leader.call_button("doithoai.dialogue", "action_approve", [dialogue])
    row = job_db.one("SELECT state, approved_by_id, approval_date FROM doithoai_dialogue WHERE id = %s",
                     (dialogue,))
    assert row[0] == "preparation" and row[1] == world["leader"] and row[2] is not None
    STATE["approved"] = True

    # Approving twice is refused.
    refused(lambda: leader.call_button("doithoai.dialogue", "action_approve", [dialogue]), UserError)

    open_activities = job_db.all(
        """SELECT user_id, summary FROM mail_activity
            WHERE res_model = 'doithoai.dialogue' AND res_id = %s AND active IS NOT FALSE""", (dialogue,))
    assert not open_activities, f"the approval activity must be done once approved: {open_activities}"

    assert not early_questions, "the portal took a question before the dialogue was approved"
    assert early.status_code in (400, 403, 404), \
        f"the portal must refuse questions before approval (HTTP {early.status_code})"


# ----------------------------------------------------------------------
# 3. Questions: the citizen on the portal, the officer in the back office, a merge
# ----------------------------------------------------------------------
def test_job3_questions(users, world, job_db, admin):
    dialogue, _ = need("dialogue", "approved")
    citizen = users("congdan")
    officer = users("tinh.canbo")

    # The citizen sends her question on the portal form.
    content = "Trạm y tế xã Hòa Phú thiếu bác sĩ trực đêm, người dân phải đi xa khi sinh con."
    before = set(citizen_questions(job_db, dialogue, world["citizen_partner"]))
    resp = portal_question_post(citizen, dialogue, content, world["field"])
    assert resp.status_code in (302, 303), f"the portal refused the question: HTTP {resp.status_code}"
    q1 = int(re.search(r"/my/questions/(\d+)", resp.headers["Location"]).group(1))
    STATE["q_citizen"] = q1
    row = job_db.one("SELECT dialogue_id, channel, content, register_to_speak FROM doithoai_question WHERE id = %s",
                     (q1,))
    assert row == (dialogue, "online", content, True)
    assert set(citizen_questions(job_db, dialogue, world["citizen_partner"])) - before == {q1}
    assert citizen.get(f"/my/questions/{q1}").status_code == 200

    # The officer records questions with new askers, created from the "Askers" field.
    arch = officer.form_view("doithoai.question")
    field_tag = re.search(r"<field[^>]*name=\"asker_ids\"[^>]*>", arch).group(0)
    attr = lambda name: html.unescape((re.search(fr'\s{name}="([^"]*)"', field_tag) or [None, ""])[1])  # noqa: E731
    field_context = eval_attr(attr("context")) or {}
    view_domain = eval_attr(attr("domain")) or []
    model_domain = officer.call_kw("doithoai.question", "fields_get", [["asker_ids"]],
                                   {"attributes": ["domain"]})["asker_ids"].get("domain") or []
    if isinstance(model_domain, str):
        model_domain = eval_attr(model_domain) or []
    domain = list(view_domain) + list(model_domain)

    # The field offers people, never Odoo's companies.
    companies = [r[0] for r in job_db.all(
        "SELECT id FROM res_partner WHERE is_company OR id IN (SELECT partner_id FROM res_company)")]
    offered = officer.search_read("res.partner", domain + [("id", "in", companies)], ["name"])

    def quick_create(values):
        """'Create and edit…' on the tags: the partner form in a dialog, with the field's context."""
        ctx = dict(field_context)
        try:
            defaults = officer.onchange("res.partner", {}, {"is_company": {}}, context=ctx)["value"]
            vals = dict(values, is_company=defaults.get("is_company", False))
            return officer.web_save("res.partner", [], vals, {"display_name": {}}, context=ctx)[0]["id"]
        except RpcError as error:  # asserted below; the next jobs still get their asker
            refusals.append(f"the officer cannot create the asker {values['name']}: {error}")
            return admin.web_save("res.partner", [], dict(values), {"display_name": {}}, context=ctx)[0]["id"]

    def record_question(content, asker_ids):
        return officer.web_save("doithoai.question", [], {
            "dialogue_id": dialogue, "content": content, "channel": "before",
            "field_id": world["field"], "competent_organization_id": world["health"],
            "asker_ids": [[4, a] for a in asker_ids],
        }, {"display_name": {}}, context={"default_dialogue_id": dialogue})[0]["id"]

    refusals = []
    partner_p = STATE["asker_p"] = quick_create(ASKER_P)
    q2 = STATE["q_new_asker"] = record_question(
        "Đề nghị bố trí xe cấp cứu cho trạm y tế phường Ea Kao.", [partner_p])
    partner_p2 = STATE["asker_p2"] = quick_create(ASKER_P2)
    q3 = record_question("Trạm y tế xã Hòa Phú không có bác sĩ trực đêm.", [partner_p2])  # a duplicate of q1
    q4 = STATE["q_other"] = record_question(
        "Đề nghị khám sức khỏe định kỳ miễn phí cho phụ nữ dân tộc thiểu số.", [partner_p])

    has_flag = job_db.has_column("res_partner", "doithoai_asker")
    for partner, values in ((partner_p, ASKER_P), (partner_p2, ASKER_P2)):
        row = job_db.one("SELECT name, phone, street, email, is_company, type FROM res_partner WHERE id = %s",
                         (partner,))
        assert row[:4] == (values["name"], values["phone"], values["street"], values["email"])
        assert row[4] is False, "an asker is a person, not a company"
    for question, partner in ((q2, partner_p), (q3, partner_p2), (q4, partner_p)):
        assert job_db.all("SELECT partner_id FROM doithoai_question_asker_rel WHERE question_id = %s",
                          (question,)) == [(partner,)]

    # The officer merges the duplicate into the citizen's question.
    action = officer.call_button("doithoai.question", "action_merge", [q1, q3])
    assert action["res_model"] == "doithoai.question.merge.wizard"
    spec = {"question_ids": {"fields": {}}, "target_id": {"fields": {}}}
    defaults = officer.onchange(action["res_model"], {}, spec, context=action["context"])["value"]
    assert defaults["target_id"]["id"] == q1, "the first received question is kept"
    wizard = officer.web_save(action["res_model"], [], {
        "question_ids": [[6, 0, [q1, q3]]], "target_id": q1}, spec, context=action["context"])[0]["id"]
    officer.call_button(action["res_model"], "action_merge", [wizard], context=action["context"])

    assert job_db.one("SELECT active, merged_into_id FROM doithoai_question WHERE id = %s", (q3,)) == (False, q1)
    assert {r[0] for r in job_db.all("SELECT partner_id FROM doithoai_question_asker_rel WHERE question_id = %s",
                                     (q1,))} == {world["citizen_partner"], partner_p2}

    assert not refusals, refusals
    assert not offered, f"the askers field offers companies: {[p['name'] for p in offered]}"
    assert has_flag, "res.partner has no field doithoai_asker"
    for partner in (partner_p, partner_p2):
        assert job_db.value("SELECT doithoai_asker FROM res_partner WHERE id = %s", (partner,)) is True, \
            "a person created from the askers field is flagged as an asker"
    assert officer.search_read("res.partner", domain + [("id", "=", partner_p)], ["name"]), \
        "an asker is offered again by the askers field"


# ----------------------------------------------------------------------
# 4. Invitations, the session, the answers
# ----------------------------------------------------------------------
def test_job4_session_and_answers(users, world, job_db):
    dialogue, q1, q2, q4 = need("dialogue", "q_citizen", "q_new_asker", "q_other")
    officer = users("tinh.canbo")

    officer.call_button("doithoai.dialogue", "action_mark_invited", [dialogue])
    assert job_db.value("SELECT state FROM doithoai_dialogue WHERE id = %s", (dialogue,)) == "invited"

    # Not held before it starts.
    refused(lambda: officer.call_button("doithoai.dialogue", "action_mark_held", [dialogue]), UserError)
    assert job_db.value("SELECT state FROM doithoai_dialogue WHERE id = %s", (dialogue,)) == "invited"

    # The session was brought forward: it started an hour ago.
    start = datetime.utcnow().replace(microsecond=0) - timedelta(hours=1)
    officer.web_save("doithoai.dialogue", [dialogue], {"date_start": utc(start)}, {"date_start": {}})
    officer.call_button("doithoai.dialogue", "action_mark_held", [dialogue])
    row = job_db.one("SELECT state, is_held, date_start FROM doithoai_dialogue WHERE id = %s", (dialogue,))
    assert row == ("held", True, start)
    STATE["held"] = True

    # The answer wizard lists the open questions; the secretary records the outcomes.
    action = officer.call_button("doithoai.dialogue", "action_open_answer_wizard", [dialogue])
    assert action["res_model"] == "doithoai.answer.wizard"
    line_spec = {"question_id": {"fields": {}}, "content": {}, "asker_ids": {"fields": {}},
                 "field_id": {"fields": {}}, "competent_organization_id": {"fields": {}},
                 "answer": {}, "answered_by_id": {"fields": {}}, "outcome": {}, "decline_reason": {}}
    spec = {"dialogue_id": {"fields": {}}, "line_ids": {"fields": line_spec}}
    defaults = officer.onchange(action["res_model"], {}, spec, context=action["context"])["value"]
    lines = [cmd[2] for cmd in defaults.get("line_ids", []) if cmd[0] == 0]
    by_question = {(line.get("question_id") or {}).get("id"): line for line in lines}
    assert {q1, q2, q4} <= set(by_question), f"open questions missing from the wizard: {list(by_question)}"

    commands = []
    for question, line in by_question.items():
        vals = {
            "question_id": question, "content": line["content"],
            "asker_ids": [[6, 0, m2m_ids(line.get("asker_ids"))]],
            "field_id": (line.get("field_id") or {}).get("id") or world["field"],
            "competent_organization_id": world["health"],
        }
        if question in (q1, q2, q4):
            vals.update(outcome="deferred", answer="Giao Sở Y tế nghiên cứu, trả lời bằng văn bản.")
        else:
            vals.update(outcome="answered", answer="Đã trả lời tại hội nghị.")
        commands.append([0, 0, vals])
    session_content = "Xin cho biết lịch tiêm chủng mở rộng tại phường Ea Kao."
    commands.append([0, 0, {"content": session_content, "field_id": world["field"], "outcome": "answered",
                            "answer": "Lịch tiêm chủng được niêm yết tại trạm y tế hằng tháng.",
                            "competent_organization_id": world["health"]}])
    wizard = officer.web_save(action["res_model"], [], {"line_ids": commands}, {"display_name": {}},
                              context=action["context"])[0]["id"]
    officer.call_button(action["res_model"], "action_confirm", [wizard], context=action["context"])

    for question in (q1, q2, q4):
        assert job_db.one("SELECT outcome, competent_organization_id FROM doithoai_question WHERE id = %s",
                          (question,)) == ("deferred", world["health"])
    row = job_db.one("""SELECT outcome, state, channel FROM doithoai_question
                         WHERE dialogue_id = %s AND content = %s""", (dialogue, session_content))
    assert row == ("answered", "answered", "session"), f"the question raised in the session: {row}"


# ----------------------------------------------------------------------
# 5. The leader issues the conclusion notice: assignments with legal deadlines
# ----------------------------------------------------------------------
def test_job5_conclusion_notice(users, world, job_db):
    dialogue, _, q1, q2, q4 = need("dialogue", "held", "q_citizen", "q_new_asker", "q_other")
    officer = users("tinh.canbo")
    leader = users("tinh.lanhdao")

    # An officer cannot issue it.
    action = officer.call_button("doithoai.dialogue", "action_open_conclusion_wizard", [dialogue])
    refused(lambda: officer.web_save(action["res_model"], [], {"date": vn_today().isoformat()},
                                     context=action["context"]), AccessError)
    assert job_db.value("SELECT conclusion_date FROM doithoai_dialogue WHERE id = %s", (dialogue,)) is None

    action = leader.call_button("doithoai.dialogue", "action_open_conclusion_wizard", [dialogue])
    assert action["res_model"] == "doithoai.conclusion.wizard"
    line_spec = {"question_id": {"fields": {}}, "name": {}, "organization_id": {"fields": {}},
                 "user_id": {"fields": {}}}
    spec = {"dialogue_id": {"fields": {}}, "date": {}, "number": {}, "conclusions": {},
            "line_ids": {"fields": line_spec}}
    defaults = leader.onchange(action["res_model"], {}, spec, context=action["context"])["value"]
    notice_date = date.fromisoformat(defaults["date"])
    assert notice_date == vn_today()
    lines = [cmd[2] for cmd in defaults.get("line_ids", []) if cmd[0] == 0]
    assert {(line.get("question_id") or {}).get("id") for line in lines} == {q1, q2, q4}
    wizard = leader.web_save(action["res_model"], [], {
        "date": defaults["date"], "number": "25/TB-UBND",
        "conclusions": "<p>Giao Sở Y tế giải quyết các kiến nghị về y tế cơ sở.</p>",
        "line_ids": [[0, 0, {"question_id": line["question_id"]["id"], "name": line["name"],
                             "organization_id": world["health"], "user_id": world["responder"]}]
                     for line in lines],
    }, {"display_name": {}}, context=action["context"])[0]["id"]
    leader.call_button(action["res_model"], "action_issue", [wizard], context=action["context"])

    row = job_db.one("SELECT state, conclusion_date, conclusion_number FROM doithoai_dialogue WHERE id = %s",
                     (dialogue,))
    assert row == ("concluded", notice_date, "25/TB-UBND")
    rows = job_db.all("""SELECT a.id, r.question_id, a.organization_id, a.notice_date, a.deadline, a.date_due,
                                a.state, a.host_organization_id
                           FROM doithoai_assignment a
                           JOIN doithoai_assignment_question_rel r ON r.assignment_id = a.id
                          WHERE a.dialogue_id = %s ORDER BY a.id""", (dialogue,))
    by_question = {r[1]: r for r in rows}
    assert set(by_question) == {q1, q2, q4}
    STATE.update(a_resolve=by_question[q1][0], a_extend=by_question[q2][0], a_open=by_question[q4][0])

    # 45 working days after the notice, on the civil-service calendar of the host organisation.
    assert job_db.value("SELECT calendar_id FROM doithoai_organization WHERE id = %s", (world["org"],)) is None
    holidays, makeup = calendar_days(job_db, world["calendar"])
    expected = add_workdays(notice_date, 45, holidays, makeup)
    for _a, _q, org, notice, deadline, due, state, host in rows:
        assert (org, notice, host) == (world["health"], notice_date, world["org"])
        assert deadline == expected and due == expected, f"deadline {deadline}, expected {expected}"
        assert state not in ("done", "cancel", "extended")
    states = {r[0] for r in job_db.all("SELECT state FROM doithoai_question WHERE id IN %s", ((q1, q2, q4),))}
    assert states == {"assigned"}


# ----------------------------------------------------------------------
# 6. The responding agency resolves an assignment; the askers hear back
# ----------------------------------------------------------------------
def test_job6_responder_resolves(users, world, job_db, admin, smtp_sink):
    assignment, q1, _ = need("a_resolve", "q_citizen", "asker_p2")
    responder = users("soyte.xuly")

    visible = {r["id"] for r in responder.search_read("doithoai.assignment", [], ["name"])}
    assert assignment in visible
    assert all(r[0] == world["health"] for r in job_db.all(
        "SELECT organization_id FROM doithoai_assignment WHERE id IN %s", (tuple(visible),)))
    spec = {"name": {}, "state": {}, "result": {}, "deadline": {}, "dialogue_id": {"fields": {"display_name": {}}},
            "question_ids": {"fields": {"display_name": {}}}, "asker_ids": {"fields": {"display_name": {}}}}
    form = responder.web_read("doithoai.assignment", [assignment], spec)[0]
    assert form["dialogue_id"]["display_name"] == TOPIC

    # The agency records results only: no other field, and no resolution without a result.
    refused(lambda: responder.web_save("doithoai.assignment", [assignment], {"name": "Đổi tên"}, spec), UserError)
    refused(lambda: responder.call_button("doithoai.assignment", "action_resolve", [assignment]), UserError)

    result_html = f"<p>{RESULT_TEXT}; <strong>đã trả lời bằng văn bản</strong> cho người hỏi.</p>"
    responder.web_save("doithoai.assignment", [assignment], {"result": result_html}, spec)
    assert RESULT_TEXT in (job_db.value("SELECT result FROM doithoai_assignment WHERE id = %s", (assignment,)) or "")
    responder.call_button("doithoai.assignment", "action_resolve", [assignment])

    row = job_db.one("SELECT state, date_resolved, is_on_time FROM doithoai_assignment WHERE id = %s",
                     (assignment,))
    assert row == ("done", vn_today(), True)
    assert job_db.value("SELECT state FROM doithoai_question WHERE id = %s", (q1,)) == "resolved"
    STATE["resolved"] = True

    # Every asker with an e-mail gets the result (the citizen has none).
    askers = job_db.all("""SELECT p.id, p.email FROM res_partner p
                             JOIN doithoai_question_asker_rel r ON r.partner_id = p.id
                            WHERE r.question_id = %s""", (q1,))
    with_mail = [email for _p, email in askers if email]
    assert ASKER_P2["email"] in with_mail
    for address in with_mail:
        mails = flush_to(admin, job_db, smtp_sink, address)
        assert mails, f"no mail reached {address}"
        text = SmtpSink.text(mails[-1])
        assert RESULT_TEXT in text or TOPIC in text, f"the mail to {address} says nothing of the result:\n{text[:1500]}"
    assert job_db.value("""SELECT COUNT(*) FROM mail_mail m JOIN mail_message mm ON mm.id = m.mail_message_id
                             WHERE mm.model = 'doithoai.assignment' AND mm.res_id = %s AND m.state = 'exception'""",
                        (assignment,)) == 0, "a mail to the askers failed"

    # The citizen sees the resolution on the portal.
    citizen = users("congdan")
    page = citizen.get(f"/my/questions/{q1}")
    assert page.status_code == 200
    assert RESULT_TEXT in page.text
    assert vn_today().strftime("%d/%m/%Y") in page.text and "Sở Y tế" in page.text


# ----------------------------------------------------------------------
# 7. The agency asks for more time; a leader of the host grants it in writing
# ----------------------------------------------------------------------
def test_job7_extension(users, world, job_db, admin, smtp_sink):
    assignment, partner_p = need("a_extend", "asker_p")
    responder = users("soyte.xuly")
    leader = users("tinh.lanhdao")
    deadline = job_db.value("SELECT date_due FROM doithoai_assignment WHERE id = %s", (assignment,))
    proposed = deadline + timedelta(days=30)
    reason = "Cần thêm thời gian tuyển dụng bác sĩ và bố trí xe cấp cứu."

    action = responder.call_button("doithoai.assignment", "action_request_extension", [assignment])
    assert isinstance(action, dict) and action.get("res_model") == "doithoai.extension.request.wizard", \
        f"'Request an extension' must open the request wizard, got {action}"
    model, ctx = action["res_model"], action.get("context") or {}
    spec = {"date_proposed": {}, "reason": {}}
    responder.onchange(model, {}, spec, context=ctx)

    def request(vals):
        wizard = responder.web_save(model, [], vals, spec, context=ctx)[0]["id"]
        return responder.call_button(model, "action_request", [wizard], context=ctx)
    refused(lambda: request({"date_proposed": proposed.isoformat(), "reason": False}), ValidationError, UserError)
    refused(lambda: request({"date_proposed": False, "reason": reason}), ValidationError, UserError)
    assert not job_db.value("""SELECT COUNT(*) FROM mail_activity WHERE res_model = 'doithoai.assignment'
                                  AND res_id = %s AND active IS NOT FALSE""", (assignment,))
    request({"date_proposed": proposed.isoformat(), "reason": reason})

    activity_users = {r[0] for r in job_db.all(
        """SELECT user_id FROM mail_activity WHERE res_model = 'doithoai.assignment' AND res_id = %s
              AND active IS NOT FALSE""", (assignment,))}
    assert world["leader"] in activity_users, f"a leader of the host must get the request, got {activity_users}"
    assert world["officer"] not in activity_users
    assert job_db.value("SELECT extension_date FROM doithoai_assignment WHERE id = %s", (assignment,)) is None

    # The agency cannot grant it itself.
    refused(lambda: responder.web_save("doithoai.assignment", [assignment],
                                       {"extension_date": proposed.isoformat()}, {"state": {}}), UserError)

    # The leader opens the extension wizard: the request is its default.
    action = leader.call_button("doithoai.assignment", "action_open_extension_wizard", [assignment])
    assert action["res_model"] == "doithoai.extension.wizard"
    spec = {"assignment_id": {"fields": {}}, "extension_date": {}, "extension_reason": {}, "extension_answer": {}}
    defaults = leader.onchange(action["res_model"], {}, spec, context=action["context"])["value"]
    assert defaults.get("extension_date") == proposed.isoformat() and defaults.get("extension_reason") == reason, \
        f"the extension wizard must default to the request: {defaults}"
    answer_html = f"<p>{ANSWER_TEXT}; đơn vị chịu trách nhiệm: Sở Y tế.</p>"
    wizard = leader.web_save(action["res_model"], [], {
        "extension_date": defaults["extension_date"], "extension_reason": defaults["extension_reason"],
        "extension_answer": answer_html}, spec, context=action["context"])[0]["id"]
    leader.call_button(action["res_model"], "action_extend", [wizard], context=action["context"])

    row = job_db.one("SELECT extension_date, state, date_due, extension_answer FROM doithoai_assignment WHERE id = %s",
                     (assignment,))
    assert row[:3] == (proposed, "extended", proposed) and ANSWER_TEXT in (row[3] or "")

    mails = flush_to(admin, job_db, smtp_sink, ASKER_P["email"])
    texts = [SmtpSink.text(m) for m in mails]
    assert any(ANSWER_TEXT in t for t in texts), f"the askers must get the written answer: {texts}"


# ----------------------------------------------------------------------
# 8. The module's administrator declares a public holiday: open deadlines move
# ----------------------------------------------------------------------
def test_job8_public_holiday(users, world, job_db):
    open_assignment, = need("a_open")
    notice, deadline = job_db.one("SELECT notice_date, deadline FROM doithoai_assignment WHERE id = %s",
                                  (open_assignment,))
    holidays, makeup = calendar_days(job_db, world["calendar"])
    day = notice + timedelta(days=2)
    while not is_workday(day, holidays, makeup):
        day += timedelta(days=1)
    assert notice < day < deadline
    # Resolved assignments whose window holds that day keep their deadline.
    done_before = dict(job_db.all("""SELECT id, deadline FROM doithoai_assignment
                                      WHERE state = 'done' AND notice_date < %s AND deadline > %s""", (day, day)))
    if "resolved" in STATE:
        assert STATE["a_resolve"] in done_before
    assert done_before, "a resolved assignment around the new holiday is needed"

    holiday = {"name": "Nghỉ lễ bổ sung (kiểm thử)", "calendar_id": world["calendar"],
               "date_from": utc(datetime.combine(day, datetime.min.time()) - VN_OFFSET),
               "date_to": utc(datetime.combine(day, datetime.max.time()).replace(microsecond=0) - VN_OFFSET)}
    ctx = {"default_calendar_id": world["calendar"]}
    spec = {"name": {}, "date_from": {}, "date_to": {}, "calendar_id": {"fields": {}}}
    refused(lambda: users("tinh.canbo").web_save("resource.calendar.leaves", [], holiday, spec, context=ctx),
            AccessError)

    saved = users("tinh.quantri").web_save("resource.calendar.leaves", [], holiday, spec, context=ctx)[0]
    row = job_db.one("SELECT calendar_id, resource_id, create_uid FROM resource_calendar_leaves WHERE id = %s",
                     (saved["id"],))
    assert row == (world["calendar"], None, world["module_admin"])

    holidays, makeup = calendar_days(job_db, world["calendar"])
    assert day in holidays
    moved = job_db.value("SELECT deadline FROM doithoai_assignment WHERE id = %s", (open_assignment,))
    expected = add_workdays(notice, 45, holidays, makeup)
    one_later = add_workdays(deadline, 1, holidays, makeup)
    assert moved == expected == one_later, f"open deadline {deadline} -> {moved}, expected {expected}"
    done_after = dict(job_db.all("SELECT id, deadline FROM doithoai_assignment WHERE id IN %s",
                                 (tuple(done_before),)))
    assert done_after == done_before, "a resolved assignment's deadline must not move"


# ----------------------------------------------------------------------
# 9. The supervisor prints the yearly report
# ----------------------------------------------------------------------
def yearly_figures(db, org_id, year):
    """What the report must state, counted here: questions received and dialogues held, organisation and below."""
    path = db.value("SELECT parent_path FROM doithoai_organization WHERE id = %s", (org_id,))
    start = datetime(year, 1, 1) - VN_OFFSET
    stop = datetime(year + 1, 1, 1) - VN_OFFSET
    questions = db.value("""SELECT COUNT(*) FROM doithoai_question q
                              JOIN doithoai_dialogue d ON d.id = q.dialogue_id
                              JOIN doithoai_organization o ON o.id = d.organization_id
                             WHERE o.parent_path LIKE %s AND d.active AND q.active
                               AND NOT COALESCE(q.confidential, FALSE) AND q.merged_into_id IS NULL
                               AND d.date_start >= %s AND d.date_start < %s""", (path + "%", start, stop))
    held = db.value("""SELECT COUNT(*) FROM doithoai_dialogue d
                         JOIN doithoai_organization o ON o.id = d.organization_id
                        WHERE o.parent_path LIKE %s AND d.active AND d.state != 'cancel' AND d.is_held
                          AND d.date_start >= %s AND d.date_start < %s""", (path + "%", start, stop))
    return questions, held


def print_yearly(client, org_id, year):
    """Wizard, button, then the download the web client's report service makes; the PDF's text."""
    model = "doithoai.yearly.report.wizard"
    spec = {"organization_id": {"fields": {"display_name": {}}}, "year": {}}
    defaults = client.onchange(model, {}, spec)["value"]
    assert defaults["organization_id"]["id"] == org_id
    wizard = client.web_save(model, [], {"organization_id": org_id, "year": year}, spec)[0]["id"]
    action = client.call_button(model, "action_print", [wizard])
    assert action["type"] == "ir.actions.report" and action["report_type"] == "qweb-pdf", action
    url = f"/report/pdf/{action['report_name']}"
    action_context = action.get("context") or {}
    if action.get("data") and json.dumps(action["data"]) != "{}":
        url += "?options=" + quote(json.dumps(action["data"]), safe="") \
            + "&context=" + quote(json.dumps(action_context), safe="")
    elif action_context.get("active_ids"):
        url += "/" + ",".join(str(i) for i in action_context["active_ids"])
    download_context = dict(client.context(), **action_context)
    token = csrf_token(client.get("/odoo").text)
    resp = client.post("/report/download", data={
        "data": json.dumps([url, action["report_type"]]), "context": json.dumps(download_context),
        "token": "dummy-because-api-expects-one", "csrf_token": token})
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), \
        f"HTTP {resp.status_code}: {resp.text[:1000]}"
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=resp.content, capture_output=True,
                          check=True).stdout.decode()
    return unicodedata.normalize("NFC", " ".join(text.split()))


def test_job9_yearly_report(users, world, job_db):
    need("dialogue")
    supervisor = users("tinh.giamsat")

    # A supervisor reads, never writes.
    refused(lambda: supervisor.web_save("doithoai.dialogue", [STATE["dialogue"]], {"venue": "Nơi khác"},
                                        {"venue": {}}), AccessError)

    this_year = vn_today().year
    org_name = job_db.value("SELECT name FROM doithoai_organization WHERE id = %s", (world["org"],))
    texts = {}
    for year in (this_year, 2018):
        text = texts[year] = print_yearly(supervisor, world["org"], year)
        assert len(text) > 200, f"the {year} report is blank: {text!r}"
        place = org_name.replace("Tỉnh ", "")
        assert place.lower() in text.lower(), f"{org_name} missing from the {year} report:\n{text[:1500]}"
        assert f"năm {year}" in text
        questions, held = yearly_figures(job_db, world["org"], year)
        assert held, f"no dialogue of {org_name} held in {year}"
        assert f"đã tổ chức {held} hội nghị" in text, \
            f"{year}: {held} dialogues held expected:\n{text[:1500]}"
        received = re.search(r"tiếp nhận:\s*(\d+)", text)
        assert received and int(received.group(1)) == questions, \
            f"{year}: {questions} questions received expected, the report says {received and received.group(0)}"
    figures = {year: re.findall(r"\d+", re.sub(r"năm \d{4}|\d{2}/\d{2}/\d{4}", "", text))
               for year, text in texts.items()}
    assert figures[this_year] != figures[2018], "two years print the same figures"
