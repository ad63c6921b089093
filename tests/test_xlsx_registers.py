"""The Excel registers as the province's officer and leader download them from the real server
(`make run` on the demo): print set-up read back from the file, late days in working days
recounted from the database's calendar, the totals row, the clerk's columns (a written answer
the leader issues through the paper wizard) and confidential questions kept from the officer."""
import importlib.util
import io
from datetime import date, timedelta

import openpyxl
import pytest

from conftest import ROOT, vn_today

pytestmark = pytest.mark.usefixtures("job_server")

HEADER_ROW = 4
PERIOD = {"date_from": "2010-01-01", "date_to": f"{vn_today().year}-12-31"}
_spec = importlib.util.spec_from_file_location("xlsx_print", ROOT / "doithoai_module" / "tools" / "xlsx_print.py")
xlsx_print = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(xlsx_print)


def download(client, vals, context=None):
    """The wizard saved and its Download button, then the file the browser gets:
    (sheet with formulas, sheet with the cached values)."""
    export = client.web_save("doithoai.xlsx.export", [], vals, context=context)[0]["id"]
    action = client.call_button("doithoai.xlsx.export", "action_download", [export])
    resp = client.get(action["url"])
    assert resp.status_code == 200, resp.text[:1000]
    assert resp.content[:2] == b"PK"
    return (openpyxl.load_workbook(io.BytesIO(resp.content)).worksheets[0],
            openpyxl.load_workbook(io.BytesIO(resp.content), data_only=True).worksheets[0])


def headers(ws):
    return [c.value for c in ws[HEADER_ROW]]


def data_rows(ws):
    return [row for row in ws.iter_rows(min_row=HEADER_ROW + 1) if isinstance(row[0].value, int)]


def totals_row(ws, label_col):
    rows = [row for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[label_col].value == "Tổng cộng"]
    assert len(rows) == 1
    return rows[0]


def check_print(ws, *wrapped):
    setup = ws.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), "A4 landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert setup.fitToWidth in (None, 1) and int(setup.fitToHeight) == 0, "one page wide, any tall"
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", "header repeated on each page"
    assert ws.freeze_panes == f"C{HEADER_ROW + 1}"
    pixels = sum(xlsx_print.file_width_pixels(ws.column_dimensions[c.column_letter].width)
                 for c in ws[HEADER_ROW])
    scale = xlsx_print.fit_scale(pixels, ws.page_margins.left, ws.page_margins.right)
    assert scale >= 60, f"prints at {scale} %"
    cols = [headers(ws).index(label) for label in wrapped]
    for row in data_rows(ws):
        for col in cols:
            assert row[col].alignment.wrap_text and row[col].alignment.vertical == "top"


def calendar(db):
    """Public holidays and make-up days of the civil-service calendar (no demo organisation
    has a calendar of its own), as local dates."""
    holidays, makeup = set(), set()
    for start, stop in db.all("""SELECT date_from + interval '7 hours', date_to + interval '7 hours'
                                   FROM resource_calendar_leaves WHERE resource_id IS NULL"""):
        if stop.hour == stop.minute == stop.second == 0 and stop > start:
            stop -= timedelta(microseconds=1)
        day = start.date()
        while day <= stop.date():
            holidays.add(day)
            day += timedelta(days=1)
    makeup = {row[0] for row in db.all("SELECT date FROM doithoai_makeup_day WHERE active")}
    return holidays, makeup


def workdays_after(start, end, holidays, makeup):
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day in makeup or (day.weekday() < 5 and day not in holidays):
            count += 1
    return count


def test_assignment_register_counts_working_days_and_totals(login, job_db):
    assert job_db.value("SELECT count(*) FROM doithoai_organization WHERE calendar_id IS NOT NULL") == 0
    ws, values = download(login("tinh.canbo"), {"kind": "assignments", **PERIOD})
    check_print(ws, "Nội dung giao giải quyết", "Kết quả giải quyết")
    cols = headers(ws)
    late_col = cols.index("Số ngày làm việc trễ hạn")
    holidays, makeup = calendar(job_db)
    today = vn_today()
    rows = data_rows(ws)
    assert len(rows) >= 5
    differ = 0
    for row in rows:
        name = row[cols.index("Nội dung giao giải quyết")].value
        due, resolved, state = job_db.one(
            "SELECT date_due, date_resolved, state FROM doithoai_assignment WHERE name = %s", (name,))
        end = resolved or (today if state not in ("done", "cancel") else None)
        expected = workdays_after(due, end, holidays, makeup) if end and end > due else 0
        assert row[late_col].value == expected, (name, due, end)
        differ += expected != (max((end - due).days, 0) if end else 0)
    assert differ, "the demo has late rows whose calendar and working days differ"
    total = totals_row(ws, 2)
    assert total[late_col].value.startswith("=SUBTOTAL(109,")
    assert totals_row(values, 2)[late_col].value == sum(row[late_col].value for row in rows)
    assert totals_row(values, 2)[1].value == len(rows)


def test_clerk_columns_and_confidential_questions(login, job_db):
    officer, leader = login("tinh.canbo"), login("tinh.lanhdao")
    # The leader issues the written answer of a resolved assignment of the province.
    org = job_db.ref("doithoai_module.org_daklak")
    assignment, name = job_db.one("""SELECT a.id, a.name FROM doithoai_assignment a
                                       JOIN doithoai_organization o ON o.id = a.host_organization_id
                                      WHERE o.parent_path LIKE (SELECT parent_path FROM doithoai_organization
                                                                 WHERE id = %s) || '%%'
                                        AND a.state = 'done'
                                   ORDER BY a.date_resolved DESC, a.id LIMIT 1""", (org,))
    ctx = {"active_model": "doithoai.assignment", "active_id": assignment, "default_paper_type": "answer"}
    day = vn_today().isoformat()
    wizard = leader.web_save("doithoai.paper.issue.wizard", [], {"date": day}, context=ctx)[0]["id"]
    leader.call_button("doithoai.paper.issue.wizard", "action_issue", [wizard], context=ctx)
    number = job_db.value("""SELECT name FROM doithoai_paper_number WHERE res_model = 'doithoai.assignment'
                              AND res_id = %s AND paper_type = 'answer' AND state = 'issued'""", (assignment,))
    assert number

    ws, _values = download(officer, {"kind": "assignments", **PERIOD})
    cols = headers(ws)
    row = {r[1].value: r for r in data_rows(ws)}[name]
    assert row[cols.index("Số văn bản trả lời")].value == number
    assert row[cols.index("Ngày văn bản trả lời")].value.date() == date.fromisoformat(day)
    notice, notice_date = job_db.one("""SELECT d.conclusion_number, d.conclusion_date FROM doithoai_assignment a
                                          JOIN doithoai_dialogue d ON d.id = a.dialogue_id WHERE a.id = %s""",
                                     (assignment,))
    assert row[cols.index("Số thông báo kết luận")].value == notice, "typed at the conclusion"

    ws, _values = download(officer, {"kind": "questions", **PERIOD})
    check_print(ws, "Nội dung ý kiến, kiến nghị", "Địa chỉ, điện thoại")
    cols = headers(ws)
    rows = data_rows(ws)
    with_contact = [r for r in rows if r[cols.index("Địa chỉ, điện thoại")].value]
    assert with_contact, "the askers' phone and address"
    for r in with_contact:
        askers = r[cols.index("Người có ý kiến")].value
        phones = {p for (p,) in job_db.all("SELECT phone FROM res_partner WHERE name = ANY(%s) AND phone <> ''",
                                             (askers.split(", "),))}
        assert any(p in r[cols.index("Địa chỉ, điện thoại")].value for p in phones), askers
    assert all(r[cols.index("Cán bộ tham mưu")].value for r in rows), "the dialogue's officer"
    assert any(r[cols.index("Số, ngày thông báo kết luận")].value == f"{notice}, {notice_date:%d/%m/%Y}"
               for r in rows)
    assert totals_row(ws, 1)[cols.index("Nội dung ý kiến, kiến nghị")].value.startswith("=SUBTOTAL(103,")

    # Confidential questions of the province: the leader's register has them with their askers'
    # contact; the officer's has neither.
    leader_ws, _values = download(leader, {"kind": "questions", **PERIOD})
    contents = {r[cols.index("Nội dung ý kiến, kiến nghị")].value: r for r in data_rows(leader_ws)}
    officer_text = "\n".join(str(c.value) for r in rows for c in r if c.value is not None)
    secrets = job_db.all("""SELECT q.content, p.phone FROM doithoai_question q
                              JOIN doithoai_question_asker_rel r ON r.question_id = q.id
                              JOIN res_partner p ON p.id = r.partner_id
                             WHERE q.confidential AND q.content = ANY(%s)""", (list(contents),))
    assert secrets, "the leader sees confidential questions of the demo"
    for content, phone in secrets:
        assert content not in officer_text
        if phone:
            assert phone in contents[content][cols.index("Địa chỉ, điện thoại")].value
    assert len(data_rows(leader_ws)) == len(rows) + len({c for c, _p in secrets})
