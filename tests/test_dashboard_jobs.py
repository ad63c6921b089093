"""The supervisor's dashboard and the deadline calendar through the real server, with the
demo logins over the web client's JSON-RPC (issue 17); two-level government (issue 16): the
district abolished on 1 July 2025 read under its successor, never asked for a yearly dialogue."""
import xml.etree.ElementTree as ET

import pytest

from conftest import RpcError, eval_attr, flush_mail_queue, vn_today

pytestmark = pytest.mark.usefixtures("job_server")

YEAR_FIELDS = ["name", "year_obligation", "year_held", "year_on_time", "year_late",
               "year_overdue", "year_pending", "year_rate"]


def dashboard_domain(client):
    """The domain of the dashboard as it opens: its action's default filters, read from its
    search view (units that must hold dialogues, existing today)."""
    action = client.rpc("/web/action/load", {"action_id": "doithoai_module.doithoai_dashboard_action"})
    context = eval_attr(action["context"]) if isinstance(action["context"], str) else action["context"]
    view_id = action["search_view_id"][0]
    views = client.call_kw("doithoai.organization", "get_views", [], {"views": [[view_id, "search"]]})
    arch = ET.fromstring(views["views"]["search"]["arch"])
    domain = []
    for node in arch.iter("filter"):
        if context.get(f"search_default_{node.get('name')}"):
            domain += eval_attr(node.get("domain"))
    assert domain, "the dashboard opens filtered"
    return domain


def test_supervisor_reads_obligation_and_rate(login, job_db):
    supervisor = login("tinh.giamsat")
    rows = supervisor.search_read("doithoai.organization", dashboard_domain(supervisor), YEAR_FIELDS)
    assert rows, "the supervisor sees the organisations that must hold a dialogue"
    assert {r["year_obligation"] for r in rows} <= {"met", "planned", "missing"}
    counted = [r for r in rows if r["year_on_time"] + r["year_late"] + r["year_overdue"]]
    assert counted, "the demo has assignments due this year"
    for r in counted:
        # open and overdue count as late: the rate never hides the backlog
        expected = round(100.0 * r["year_on_time"] / (r["year_on_time"] + r["year_late"] + r["year_overdue"]), 1)
        assert r["year_rate"] == expected, r
    # the dashboard's button opens the assignments behind a row
    org = counted[0]
    action = supervisor.call_button("doithoai.organization", "action_dashboard_assignments", [org["id"]])
    assert action["res_model"] == "doithoai.assignment"
    found = supervisor.search_read("doithoai.assignment", action["domain"], ["state"])
    assert len(found) >= org["year_on_time"] + org["year_late"] + org["year_overdue"]


def test_agency_sees_its_own_deadlines_only(login, job_db):
    agency = login("soyte.xuly")
    mine = agency.search_read("doithoai.deadline.event", [("kind", "=", "resolution")],
                              ["assignment_id", "organization_id", "date", "is_late"])
    assert mine, "the Department of Health has assignments with deadlines"
    assert len({r["organization_id"][0] for r in mine}) == 1
    others = job_db.all(
        "SELECT a.id * 8 + 5 FROM doithoai_assignment a WHERE a.organization_id <> %s "
        "AND a.date_due IS NOT NULL AND a.active LIMIT 1", (mine[0]["organization_id"][0],))
    assert others
    with pytest.raises(RpcError) as info:
        agency.call_kw("doithoai.deadline.event", "read", [[others[0][0]], ["name"]])
    assert info.value.name == "odoo.exceptions.AccessError", info.value.message


def test_two_level_abolished_district(login, job_db, admin, smtp_sink):
    district = job_db.ref("doithoai_module.org_daklak_cukuin_ubnd")
    successor = job_db.ref("doithoai_module.org_daklak_eaktur_ubnd")
    dialogue = job_db.ref("doithoai_module.dialogue_cukuin_2025")
    # the successor's officer reads the abolished district's held dialogue and its questions
    officer = login("eaktur.canbo")
    [row] = officer.read("doithoai.dialogue", [dialogue], ["name", "state", "organization_id"])
    assert row["state"] == "done" and row["organization_id"][0] == district, row
    assert [r["id"] for r in officer.search_read(
        "doithoai.dialogue", [("organization_id", "=", district)], ["name"])] == [dialogue]
    assert officer.search_read("doithoai.question", [("dialogue_id", "=", dialogue)], ["content"])
    # the successor's form lists it, its own form names the successor
    [succ] = officer.read("doithoai.organization", [successor], ["predecessor_ids", "predecessor_count"])
    assert succ["predecessor_ids"] == [district] and succ["predecessor_count"] == 1, succ
    [pred] = officer.read("doithoai.organization", [district], ["successor_id", "is_abolished", "date_end"])
    assert pred["successor_id"][0] == successor and pred["is_abolished"] and pred["date_end"] == "2025-07-01"
    # a sibling commune's officer reads nothing of it
    sibling = login("hoaphu.canbo")
    with pytest.raises(RpcError) as info:
        sibling.call_kw("doithoai.dialogue", "read", [[dialogue], ["name"]])
    assert info.value.name == "odoo.exceptions.AccessError", info.value.message

    # the dashboard of this year (after the abolition) does not list it; read anyway, nothing required
    supervisor = login("tinh.giamsat")
    listed = supervisor.search_read("doithoai.organization", dashboard_domain(supervisor), ["name"])
    assert listed and district not in [r["id"] for r in listed]
    [figures] = supervisor.read("doithoai.organization", [district], ["year_required", "year_obligation"])
    assert (figures["year_required"], figures["year_obligation"]) == (0, "none"), figures

    # the yearly reminder: the units still missing this year's dialogue hear of it, not the district
    today = vn_today()
    if today.weekday() >= 5 or today.month < 10:
        pytest.skip("the yearly reminder goes out on working days from 1 October")
    cron = job_db.ref("doithoai_module.ir_cron_reminder_yearly_dialogue")
    admin.call_button("ir.cron", "method_direct_trigger", [cron])
    control = "vanphong@huyenuy-tanyen.example.com"  # Huyện ủy Tân Yên held nothing this year
    assert flush_mail_queue(admin, job_db, lambda: smtp_sink.to(control)), "the yearly reminder sent nothing"
    for address in ("ubnd.cukuin@daklak.example.com", "chutich.cukuin@daklak.example.com"):
        assert not smtp_sink.to(address), [smtp_sink.text(m)[:300] for m in smtp_sink.to(address)]
    yearly = [m for m in smtp_sink.messages if f"đối thoại năm {today.year}" in " ".join(str(m["msg"]["Subject"]).split())]
    assert yearly and not any("Cư Kuin" in str(m["msg"]["Subject"]) or "Cư Kuin" in smtp_sink.text(m)
                              for m in yearly), "the abolished district is named in a yearly reminder"
    assert job_db.value("SELECT count(*) FROM doithoai_reminder_log WHERE res_model = 'doithoai.organization' "
                        "AND res_id = %s", (district,)) == 0
