"""The supervisor's dashboard and the deadline calendar through the real server, with the
demo logins over the web client's JSON-RPC (issue 17)."""
import pytest

from conftest import RpcError

pytestmark = pytest.mark.usefixtures("job_server")

YEAR_FIELDS = ["name", "year_obligation", "year_held", "year_on_time", "year_late",
               "year_overdue", "year_pending", "year_rate"]


def test_supervisor_reads_obligation_and_rate(login, job_db):
    supervisor = login("tinh.giamsat")
    rows = supervisor.search_read("doithoai.organization", [("kind", "in", ("party", "government"))], YEAR_FIELDS)
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
