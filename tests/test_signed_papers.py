"""Signed papers through the real server: the Thái Nguyên chairman (thainguyen.chutich, the
signer of the province's papers) issues and signs papers over JSON-RPC, the downloads return
the signed bytes, pyHanko's validator finds the signatures intact and at their places, the
officer and another leader may not sign (a leader signs only as themselves), the signed notice
reaches the agencies by e-mail without its confidential appendix, and the public verification
page reports the signatures of an uploaded file or of a paper of the register."""
import importlib.util

import pytest
import requests

from conftest import ROOT, RpcError, flush_mail_queue, vn_today

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
    leader, officer = login("thainguyen.chutich"), login("thainguyen.canbo")
    other_leader = login("thainguyen.lanhdao")
    dialogue = job_db.ref("doithoai_module.dialogue_thainguyen_2023")
    tool = pades()

    # the demo notice is signed; printing it returns the signed bytes
    signed_notice = job_db.one("SELECT id, signed_attachment_id FROM doithoai_paper_number WHERE res_id = %s "
                               "AND res_model = 'doithoai.dialogue' AND paper_type = 'notice' AND state = 'issued'",
                               (dialogue,))
    assert signed_notice and signed_notice[1], "the demo holds a signed conclusion notice"
    assert job_db.value("SELECT u.login FROM doithoai_paper_number p JOIN res_users u ON u.id = p.signed_by_id "
                        "WHERE p.id = %s", (signed_notice[0],)) == "thainguyen.chutich", \
        "signed by the signer's own login"
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
    refused(lambda: other_leader.call_button("doithoai.paper.number", "action_sign", [entry]), AccessError)
    assert job_db.value("SELECT signed_attachment_id FROM doithoai_paper_number WHERE id = %s", (entry,)) is None
    leader.call_button("doithoai.paper.number", "action_sign", [entry])
    row = job_db.one("SELECT p.signed_attachment_id, u.login, p.signed_on FROM doithoai_paper_number p "
                     "JOIN res_users u ON u.id = p.signed_by_id WHERE p.id = %s", (entry,))
    assert row[0] and row[1] == "thainguyen.chutich" and row[2].date() <= vn_today()
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


def issue(client, job_db, dialogue, paper_type, **vals):
    """The issue wizard, as the web client saves and runs it; the register row it made."""
    ctx = {"active_model": "doithoai.dialogue", "active_id": dialogue, "active_ids": [dialogue],
           "default_paper_type": paper_type}
    wizard = client.web_save("doithoai.paper.issue.wizard", [], dict(vals, paper_type=paper_type), context=ctx)
    action = client.call_button("doithoai.paper.issue.wizard", "action_issue", [wizard[0]["id"]], context=ctx)
    return job_db.one("SELECT id, name, date FROM doithoai_paper_number WHERE id = %s", (action["res_id"],))


def test_notice_and_appendix_signed_and_mailed(login, job_db, job_server, admin, smtp_sink):
    chairman, other_leader = login("thainguyen.chutich"), login("thainguyen.lanhdao")
    officer, tool = login("thainguyen.canbo"), pades()
    dialogue = job_db.ref("doithoai_module.dialogue_thainguyen_2026")
    # the agencies of the notice get an address (their mailbox, as an administrator records it)
    agencies = {}
    for xmlid in ("org_tn_so_noi_vu", "org_tn_so_y_te"):
        org = job_db.ref(f"doithoai_module.{xmlid}")
        email = f"vanthu.{xmlid}@thainguyen.example.com"
        partner = admin.web_save("res.partner", [], {"name": xmlid, "is_company": True, "email": email})[0]["id"]
        admin.call_kw("doithoai.organization", "write", [[org], {"partner_id": partner}])
        agencies[xmlid] = email

    # the chairman issues the notice (a correction, under the register's next number) and its appendix
    notice = issue(chairman, job_db, dialogue, "notice", number="")
    appendix = issue(chairman, job_db, dialogue, "appendix")
    # another leader of the province may not sign with the chairman's certificate; the officer
    # may not sign at all, nor read the confidential appendix
    refused(lambda: other_leader.call_button("doithoai.dialogue", "action_sign_conclusion_notice", [dialogue]),
            AccessError)
    refused(lambda: officer.call_button("doithoai.paper.number", "action_sign", [notice[0]]), AccessError)
    refused(lambda: officer.call_kw("doithoai.paper.number", "read", [[appendix[0]], ["name"]]), AccessError)
    assert job_db.value("SELECT signed_attachment_id FROM doithoai_paper_number WHERE id = %s", (notice[0],)) is None
    chairman.call_button("doithoai.dialogue", "action_sign_conclusion_notice", [dialogue])

    # both PDFs validate with pyHanko, the signatures at their places
    downloads = {}
    for entry in (notice, appendix):
        url = chairman.call_button("doithoai.paper.number", "action_download", [entry[0]])["url"]
        downloads[entry[0]] = chairman.get(url).content
    signed_notice, signed_appendix = downloads[notice[0]], downloads[appendix[0]]
    results = tool.validate(signed_notice)
    assert [r["field"] for r in results] == [tool.SIGNER_FIELD, tool.SEAL_FIELD]
    assert all(r["intact"] and r["valid"] for r in results) and results[1]["coverage"] == "ENTIRE_FILE"
    assert results[0]["signer"] == "Đỗ Mạnh Cường"
    page, x0, _y0, x1, y1 = tool.find_name(signed_notice, "Đỗ Mạnh Cường")
    sign, seal = results[0]["rect"], results[1]["rect"]
    assert results[0]["page"] == results[1]["page"] == page
    assert sign[1] > y1 - 1 and sign[0] < x0 + 1 and sign[2] > x1 - 1, "centred above the full name"
    assert abs((seal[2] - sign[0]) - (sign[2] - sign[0]) / 3) < 1, "the seal covers the left third"
    [stamp] = tool.validate(signed_appendix)
    assert stamp["field"] == tool.APPENDIX_FIELD and stamp["intact"] and stamp["valid"]
    assert stamp["page"] == 0 and stamp["rect"][2] > 595 - 60 and stamp["rect"][3] > 842 - 20, \
        f"top right of page 1: {stamp['rect']}"
    assert stamp["reason"] == f"Kèm theo Thông báo số {notice[1]} ngày {notice[2].strftime('%d/%m/%Y')}"
    assert stamp["time"].endswith("+07:00")
    # one byte changed and validation fails
    tampered = bytearray(signed_notice)
    tampered[len(signed_notice) // 3] ^= 0x01
    try:
        broken = tool.validate(bytes(tampered))
    except ValueError:
        broken = []
    assert not (broken and all(r["intact"] and r["valid"] for r in broken))

    # sent by e-mail: the agencies get the signed notice, never the confidential appendix
    refused(lambda: chairman.call_button("doithoai.paper.number", "action_send_signed", [appendix[0]]), UserError)
    compose = chairman.call_button("doithoai.paper.number", "action_send_signed", [notice[0]])
    context = compose["context"]
    composer = chairman.web_save("mail.compose.message", [], {}, context=context)[0]["id"]
    chairman.call_button("mail.compose.message", "action_send_mail", [composer], context=context)
    for email in agencies.values():
        mails = flush_to(admin, job_db, smtp_sink, email)
        assert mails, f"no mail reached {email}"
        pdfs = [part.get_content() for item in mails for part in item["msg"].iter_attachments()
                if part.get_content_type() == "application/pdf"]
        assert signed_notice in pdfs
        assert signed_appendix not in pdfs
    for item in list(smtp_sink.messages):
        for part in item["msg"].iter_attachments():
            assert part.get_content() != signed_appendix, "the confidential appendix left by e-mail"

    # anyone checks the notice by its number and date on the public page (not the appendix)
    page_text = requests.post(job_server.url + "/doithoai/verify", timeout=300, data={
        "number": notice[1], "date": notice[2].isoformat()}).text
    assert "Toàn vẹn, không bị sửa đổi" in page_text and "Đỗ Mạnh Cường" in page_text
    page_text = requests.post(job_server.url + "/doithoai/verify", timeout=300, data={
        "number": appendix[1], "date": appendix[2].isoformat()}).text
    assert "Đỗ Mạnh Cường" not in page_text and tool.APPENDIX_FIELD not in page_text


def flush_to(admin, db, smtp, address, timeout=60):
    flush_mail_queue(admin, db, lambda: bool(smtp.to(address)), timeout)
    return smtp.to(address)
