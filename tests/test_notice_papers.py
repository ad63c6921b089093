"""The conclusion notice through the real server (`make run`), as the roles work.

The leader of Hòa Phú (hoaphu.lanhdao) records a confidential question, runs the conclusion
wizard over JSON-RPC as the web client does; the notice is issued by the wizard itself:
numbered in the register, frozen. The Department of Health (soyte.xuly), given a task,
downloads the notice from /report/pdf/…: it is the issued PDF, byte for byte, without the
confidential question or its asker; the confidential appendix is refused to the agency's
user and the officer, and returned (as issued) to the leader.
"""
import subprocess
import unicodedata

import pytest

from conftest import ROOT, vn_today

pytestmark = pytest.mark.usefixtures("job_server")

SECRET = "Tố cáo cán bộ địa chính xã nhận tiền khi cấp sổ đỏ (kiểm thử hệ thống)"
SECRET_ASKER = "Người Tố Cáo Kiểm Thử Hệ Thống"
NOTICE = "doithoai_module.report_conclusion_notice"
APPENDIX = "doithoai_module.report_confidential_appendix"


def text_of(pdf):
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, check=True,
                         capture_output=True).stdout.decode()
    return unicodedata.normalize("NFC", " ".join(out.split()))


def stored(db, job_server, attachment_id):
    fname = db.value("SELECT store_fname FROM ir_attachment WHERE id = %s", (attachment_id,))
    return (ROOT / ".local" / "data" / "filestore" / job_server.db / fname).read_bytes()


def test_leader_issues_notice_agency_downloads_issued_bytes(login, job_db, job_server, admin):
    dialogue = job_db.ref("doithoai_module.dialogue_hoaphu_2026")
    health = job_db.ref("doithoai_module.org_daklak_so_y_te")
    leader = login("hoaphu.lanhdao")
    agency = login("soyte.xuly")
    officer = login("hoaphu.canbo")
    assert job_db.value("SELECT conclusion_date FROM doithoai_dialogue WHERE id = %s", (dialogue,)) is None

    # A confidential denunciation, recorded by the leader (only a leader marks it).
    asker = admin.web_save("res.partner", [], {"name": SECRET_ASKER})[0]["id"]
    leader.web_save("doithoai.question", [], {
        "dialogue_id": dialogue, "content": SECRET, "asker_ids": [[6, 0, [asker]]],
        "outcome": "deferred", "confidential": True, "competent_organization_id": health})

    # The conclusion wizard, as the web client opens and saves it.
    action = leader.call_button("doithoai.dialogue", "action_open_conclusion_wizard", [dialogue])
    line_spec = {"question_id": {"fields": {}}, "name": {}, "organization_id": {"fields": {}}}
    spec = {"dialogue_id": {"fields": {}}, "date": {}, "number": {}, "conclusions": {},
            "line_ids": {"fields": line_spec}}
    defaults = leader.onchange(action["res_model"], {}, spec, context=action["context"])["value"]
    lines = [cmd[2] for cmd in defaults.get("line_ids", []) if cmd[0] == 0]
    assert len(lines) >= 2, f"the deferred questions, the confidential one included: {lines}"
    wizard = leader.web_save(action["res_model"], [], {
        "date": vn_today().isoformat(),
        "conclusions": "<p>Giao các cơ quan giải quyết các kiến nghị sau hội nghị.</p>",
        "line_ids": [[0, 0, {"question_id": line["question_id"]["id"], "name": line["name"],
                             "organization_id": health}] for line in lines],
    }, context=action["context"])[0]["id"]
    leader.call_button(action["res_model"], "action_issue", [wizard], context=action["context"])

    # Issued by the wizard itself: numbered, dated today, frozen.
    rows = dict((kind, (name, day, attachment)) for kind, name, day, attachment in job_db.all(
        """SELECT paper_type, name, date, attachment_id FROM doithoai_paper_number
            WHERE res_model = 'doithoai.dialogue' AND res_id = %s AND state = 'issued'""", (dialogue,)))
    assert set(rows) == {"notice", "appendix"}, rows
    name, day, attachment = rows["notice"]
    assert day == vn_today()
    assert job_db.value("SELECT conclusion_number FROM doithoai_dialogue WHERE id = %s", (dialogue,)) == name
    issued = stored(job_db, job_server, attachment)

    # The agency downloads the notice: the issued bytes, nothing confidential.
    resp = agency.get(f"/report/pdf/{NOTICE}/{dialogue}")
    assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), resp.text[:500]
    assert resp.content == issued, "the notice sent to the agencies is the issued PDF"
    text = text_of(resp.content)
    assert name in text
    assert "DỰ THẢO" not in text
    assert SECRET[:30] not in text and SECRET_ASKER not in text

    # The confidential appendix: not for the agency's user nor the officer; the leader's as issued.
    for client in (agency, officer):
        resp = client.get(f"/report/pdf/{APPENDIX}/{dialogue}")
        assert not resp.content.startswith(b"%PDF"), f"{client.login} got the confidential appendix"
    resp = leader.get(f"/report/pdf/{APPENDIX}/{dialogue}")
    assert resp.status_code == 200 and resp.content == stored(job_db, job_server, rows["appendix"][2])
    secret = text_of(resp.content)
    assert "MẬT" in secret and SECRET[:30] in secret and SECRET_ASKER in secret
    assert f"Kèm theo Thông báo số {name}" in secret
