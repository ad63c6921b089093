"""Supervision of the unions through the real server (`make run`), with the demo logins of
Khánh Hòa over the web client's JSON-RPC: the provincial union's officer makes next year's
supervision plan, its leader approves it, the officer sends a recommendation after it, the
Department of Labour answers it (partly accepted, with its explanation); a sibling district
union is refused all along."""
import pytest

from conftest import RpcError, vn_today

pytestmark = pytest.mark.usefixtures("job_server")

AccessError = "odoo.exceptions.AccessError"
STATE = {}


def refused(call, *names):
    with pytest.raises(RpcError) as info:
        call()
    assert info.value.name in names, f"refused with {info.value.name}: {info.value.message}"


@pytest.fixture(scope="module")
def users(login):
    return {name: login(name) for name in
            ("khanhhoa.hoi", "khanhhoa.lanhdao", "soldtbxh.xuly", "dienkhanh.hoi")}


@pytest.fixture(scope="module")
def refs(job_db):
    return {key: job_db.ref(f"doithoai_module.{key}") for key in
            ("org_kh_hlhpn", "org_kh_mttq", "org_kh_so_ldtbxh", "org_kh_hlhpn_dienkhanh")}


def test_union_plans_leader_approves(users, refs, job_db):
    hoi, leader = users["khanhhoa.hoi"], users["khanhhoa.lanhdao"]
    saved = hoi.web_save("doithoai.supervision", [], {
        "name": "Kế hoạch giám sát năm 2028 (kiểm thử hệ thống)", "year": 2028,
        "organization_id": refs["org_kh_hlhpn"], "front_organization_id": refs["org_kh_mttq"],
        "budget": 30000000,
        "subject_ids": [[0, 0, {"name": "Chính sách hỗ trợ phụ nữ nghèo vay vốn", "source": "union_meeting",
                                "supervised_organization_id": refs["org_kh_so_ldtbxh"]}]],
    })
    plan_id = saved[0]["id"]
    hoi.call_button("doithoai.supervision", "action_submit", [plan_id])
    assert job_db.value("SELECT state FROM doithoai_supervision WHERE id = %s", (plan_id,)) == "approval"
    # the officer cannot approve her own plan
    refused(lambda: hoi.call_button("doithoai.supervision", "action_approve", [plan_id]),
            "odoo.exceptions.UserError")
    leader.call_button("doithoai.supervision", "action_approve", [plan_id])
    row = job_db.one("SELECT state, approved_by_id FROM doithoai_supervision WHERE id = %s", (plan_id,))
    assert row[0] == "approved" and row[1] == leader.uid
    STATE["plan"] = plan_id


def test_union_recommends_agency_answers(users, refs, job_db):
    if "plan" not in STATE:
        pytest.skip("needs the approved plan")
    hoi, agency = users["khanhhoa.hoi"], users["soldtbxh.xuly"]
    saved = hoi.web_save("doithoai.assignment", [], {
        "origin": "supervision", "name": "Rút ngắn thời gian giải ngân vốn vay (kiểm thử hệ thống)",
        "supervision_id": STATE["plan"], "organization_id": refs["org_kh_so_ldtbxh"],
        "notice_date": vn_today().isoformat(),
    }, {"deadline": {}, "host_organization_id": {"fields": {}}})
    rec_id = saved[0]["id"]
    assert saved[0]["deadline"] and saved[0]["host_organization_id"]["id"] == refs["org_kh_hlhpn"]
    # the Department finds it among what it must answer, and answers
    found = agency.search_read("doithoai.assignment", [("id", "=", rec_id)], ["name", "date_due"])
    assert [r["id"] for r in found] == [rec_id]
    agency.web_save("doithoai.assignment", [rec_id], {
        "result": "<p>Sở đã rút ngắn thời gian thẩm định hồ sơ còn 5 ngày.</p>",
        "response": "partly", "explanation": "Lãi suất thuộc thẩm quyền Trung ương."})
    agency.call_button("doithoai.assignment", "action_resolve", [rec_id])
    row = job_db.one("SELECT state, response, date_resolved FROM doithoai_assignment WHERE id = %s", (rec_id,))
    assert row[0] == "done" and row[1] == "partly" and row[2] is not None
    STATE["rec"] = rec_id


def test_sibling_union_is_refused(users, refs):
    if "plan" not in STATE:
        pytest.skip("needs the approved plan")
    sibling = users["dienkhanh.hoi"]
    assert sibling.search_read("doithoai.supervision", [("id", "=", STATE["plan"])], ["name"]) == []
    refused(lambda: sibling.read("doithoai.supervision", [STATE["plan"]], ["name"]), AccessError)
    refused(lambda: sibling.web_save("doithoai.supervision", [], {
        "name": "Kế hoạch giả mạo", "year": 2028, "organization_id": refs["org_kh_hlhpn"],
        "subject_ids": []}), AccessError)
    if "rec" in STATE:
        refused(lambda: sibling.read("doithoai.assignment", [STATE["rec"]], ["name"]), AccessError)
    # the demo petition of Cam Lâm (a denunciation) stays out of the sibling's sight
    assert sibling.search_read("doithoai.petition", [], ["name"]) == []


def test_union_issues_its_report(users, refs, job_db):
    hoi, sibling = users["khanhhoa.hoi"], users["dienkhanh.hoi"]
    year = vn_today().year
    saved = hoi.web_save("doithoai.union.report", [], {
        "organization_id": refs["org_kh_hlhpn"], "period": "adhoc", "year": year,
        "date_from": f"{year}-01-01", "date_to": vn_today().isoformat()})
    report_id = saved[0]["id"]
    ctx = {"active_model": "doithoai.union.report", "active_id": report_id, "active_ids": [report_id]}
    wizard = hoi.web_save("doithoai.paper.issue.wizard", [], {"paper_type": "union_report",
                                                              "date": vn_today().isoformat()}, context=ctx)
    hoi.call_button("doithoai.paper.issue.wizard", "action_issue", [wizard[0]["id"]], context=ctx)
    row = job_db.one("SELECT name, attachment_id FROM doithoai_paper_number WHERE res_model = %s AND res_id = %s "
                     "AND state = 'issued'", ("doithoai.union.report", report_id))
    assert row and "/BC-" in row[0] and row[1]
    refused(lambda: sibling.read("doithoai.union.report", [report_id], ["name"]), AccessError)
