"""Issue 15 through the real server: the Women's Union works on a People's Committee dialogue
it proposes and co-hosts, with its own logins over JSON-RPC, and is refused elsewhere."""
from datetime import timedelta

import pytest

from conftest import RpcError, vn_today

pytestmark = pytest.mark.usefixtures("job_server")

AccessError = "odoo.exceptions.AccessError"
UserError = "odoo.exceptions.UserError"
D, Q, T = "doithoai.dialogue", "doithoai.question", "doithoai.preparation.task"


def refused(call, name):
    with pytest.raises(RpcError) as info:
        call()
    assert info.value.name == name, f"refused with {info.value.name}: {info.value.message}"


def test_union_prepares_a_peoples_committee_dialogue(login, job_db):
    union, union_leader = login("hoiphunu.canbo"), login("hoiphunu.lanhdao")
    leader, agency = login("tinh.lanhdao"), login("soyte.xuly")
    province = job_db.ref("doithoai_module.org_daklak_ubnd")
    the_union = job_db.ref("doithoai_module.org_daklak_hlhpn")
    soyte = job_db.ref("doithoai_module.org_daklak_so_y_te")
    session = vn_today() + timedelta(days=40)

    # the union proposes the dialogue to the People's Committee and submits it
    dialogue = union.web_save(D, [], {
        "name": "Đối thoại của Chủ tịch UBND tỉnh với hội viên phụ nữ về khởi nghiệp (kiểm thử hệ thống)",
        "organization_id": province, "proposer_organization_id": the_union,
        "cohost_organization_id": the_union, "date_start": f"{session} 01:00:00"})[0]["id"]
    union.call_button(D, "action_submit", [dialogue])
    # it collects a question and plans the Health department's task
    union.web_save(Q, [], {"dialogue_id": dialogue, "content": "Phụ nữ khởi nghiệp được vay vốn thế nào?"})
    task = union.web_save(T, [], {"dialogue_id": dialogue, "organization_id": soyte, "kind": "documents",
                                  "name": "Tài liệu về chăm sóc sức khỏe phụ nữ", "days_before": 3},
                          {"date_due": {}})[0]
    assert task["date_due"] and task["date_due"] < str(session)

    # the union's leader does not approve: the People's Committee's leader does
    refused(lambda: union_leader.call_button(D, "action_approve", [dialogue]), UserError)
    leader.call_button(D, "action_approve", [dialogue])
    assert job_db.value("SELECT s.state FROM doithoai_dialogue d JOIN doithoai_dialogue_stage s "
                        "ON s.id = d.stage_id WHERE d.id = %s", (dialogue,)) == "preparation"
    # nor may the union cancel it, make itself the host, or issue the host's papers
    refused(lambda: union.call_button(D, "action_cancel", [dialogue]), UserError)
    refused(lambda: union.call_kw(D, "write", [[dialogue], {"organization_id": the_union}]), AccessError)
    wizard = union_leader.call_kw("doithoai.paper.issue.wizard", "create", [{}], {}, {
        "default_res_model": D, "default_res_id": dialogue, "default_paper_type": "invitation"})
    wizard = wizard[0] if isinstance(wizard, list) else wizard
    refused(lambda: union_leader.call_button("doithoai.paper.issue.wizard", "action_issue", [wizard]), AccessError)
    assert job_db.value("SELECT organization_id FROM doithoai_dialogue WHERE id = %s", (dialogue,)) == province
    assert not job_db.value("SELECT count(*) FROM doithoai_paper_number WHERE res_model = %s AND res_id = %s",
                            (D, dialogue))

    # the agency sees its own tasks only (other tests may give it some too), and records it done
    seen = [r["id"] for r in agency.search_read(T, [], ["name", "state"])]
    assert task["id"] in seen
    assert job_db.value("SELECT count(*) FROM doithoai_preparation_task WHERE organization_id <> %s", (soyte,)), \
        "the demo has tasks of other organisations to hide"
    assert {org for (org,) in job_db.all("SELECT organization_id FROM doithoai_preparation_task WHERE id = ANY(%s)",
                                          (seen,))} == {soyte}
    agency.call_button(T, "action_done", [task["id"]])
    assert job_db.value("SELECT state FROM doithoai_preparation_task WHERE id = %s", (task["id"],)) == "done"
    refused(lambda: agency.call_kw(T, "write", [[task["id"]], {"days_before": 1}]), AccessError)


def test_union_refused_on_a_dialogue_it_does_not_cohost(login, job_db):
    union = login("hoiphunu.canbo")
    party = job_db.ref("doithoai_module.dialogue_daklak_2026")  # the Party committee's, no co-host
    before = job_db.all("SELECT * FROM doithoai_dialogue WHERE id = %s", (party,))
    refused(lambda: union.read(D, [party], ["name"]), AccessError)
    refused(lambda: union.call_kw(D, "write", [[party], {"venue": "Hội trường Hội LHPN"}]), AccessError)
    refused(lambda: union.call_kw(Q, "create", [{"dialogue_id": party, "content": "Hỏi vào?"}]), AccessError)
    assert job_db.all("SELECT * FROM doithoai_dialogue WHERE id = %s", (party,)) == before
    ids = [r["id"] for r in union.search_read(D, [], ["name"])]
    assert party not in ids
    assert job_db.ref("doithoai_module.dialogue_daklak_ubnd_2026") in ids
