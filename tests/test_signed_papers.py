"""Signed papers through the real server: the Thái Nguyên leader issues and signs a paper over
JSON-RPC, the downloads return the signed bytes, pyHanko's validator finds both signatures
intact, the officer may not sign, and the public verification page reports the signature."""
import importlib.util

import pytest

from conftest import ROOT, RpcError, vn_today

pytestmark = pytest.mark.usefixtures("job_server")
AccessError = "odoo.exceptions.AccessError"
UserError = "odoo.exceptions.UserError"


def pades():
    """tools/pades.py alone (the addon package would import Odoo)."""
    spec = importlib.util.spec_from_file_location("pades", ROOT / "doithoai_module" / "tools" / "pades.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def refused(call, *names):
    with pytest.raises(RpcError) as info:
        call()
    assert info.value.name in names, f"refused with {info.value.name}: {info.value.message}"


def test_leader_signs_issued_paper(login, job_db, job_server):
    leader, officer = login("thainguyen.lanhdao"), login("thainguyen.canbo")
    dialogue = job_db.ref("doithoai_module.dialogue_thainguyen_2023")
    tool = pades()

    # the demo notice is signed; printing it returns the signed bytes
    signed_notice = job_db.one("SELECT id, signed_attachment_id FROM doithoai_paper_number WHERE res_id = %s "
                               "AND res_model = 'doithoai.dialogue' AND paper_type = 'notice' AND state = 'issued'",
                               (dialogue,))
    assert signed_notice and signed_notice[1], "the demo holds a signed conclusion notice"
    printed = leader.get(f"/report/pdf/doithoai_module.report_conclusion_notice/{dialogue}").content
    results = tool.validate(printed)
    assert [r["field"] for r in results] == [tool.SIGNER_FIELD, tool.SEAL_FIELD]
    assert all(r["intact"] and r["valid"] for r in results)
    refused(lambda: leader.call_button("doithoai.paper.number", "action_sign", [signed_notice[0]]), UserError)

    # the leader issues the minutes and signs them in one action; the officer may not sign
    ctx = {"active_model": "doithoai.dialogue", "active_id": dialogue, "active_ids": [dialogue],
           "default_paper_type": "minutes"}
    wizard = leader.web_save("doithoai.paper.issue.wizard", [], {"paper_type": "minutes"}, context=ctx)
    leader.call_button("doithoai.paper.issue.wizard", "action_issue", [wizard[0]["id"]], context=ctx)
    entry = job_db.value("SELECT id FROM doithoai_paper_number WHERE res_id = %s AND res_model = 'doithoai.dialogue' "
                         "AND paper_type = 'minutes' AND state = 'issued'", (dialogue,))
    refused(lambda: officer.call_button("doithoai.paper.number", "action_sign", [entry]), AccessError)
    assert job_db.value("SELECT signed_attachment_id FROM doithoai_paper_number WHERE id = %s", (entry,)) is None
    leader.call_button("doithoai.paper.number", "action_sign", [entry])
    row = job_db.one("SELECT p.signed_attachment_id, u.login, p.signed_on FROM doithoai_paper_number p "
                     "JOIN res_users u ON u.id = p.signed_by_id WHERE p.id = %s", (entry,))
    assert row[0] and row[1] == "thainguyen.lanhdao" and row[2].date() <= vn_today()
    action = leader.call_button("doithoai.paper.number", "action_download", [entry])
    assert action["url"].startswith(f"/web/content/{row[0]}")
    downloaded = leader.get(action["url"]).content
    assert downloaded == leader.get(f"/report/pdf/doithoai_module.report_minutes/{dialogue}").content
    results = tool.validate(downloaded)
    assert len(results) == 2 and all(r["intact"] and r["valid"] for r in results)
    assert results[0]["time"].endswith("+07:00")
    compose = leader.call_button("doithoai.paper.number", "action_send_signed", [entry])
    assert compose["res_model"] == "mail.compose.message"
    assert compose["context"]["default_attachment_ids"] == [[6, 0, [row[0]]]]

    # anyone checks it on the public page; one byte changed and it says so
    page = job_server_post(job_server, downloaded)
    assert "Toàn vẹn, không bị sửa đổi" in page and results[0]["signer"] in page
    tampered = bytearray(downloaded)
    tampered[len(downloaded) // 3] ^= 0x01
    assert "KHÔNG HỢP LỆ" in job_server_post(job_server, bytes(tampered)) or \
        "không phải tệp PDF" in job_server_post(job_server, bytes(tampered))


def job_server_post(job_server, pdf):
    import requests
    response = requests.post(job_server.url + "/doithoai/verify", files={"paper": ("p.pdf", pdf, "application/pdf")},
                             timeout=300)
    return response.text
