"""From one dialogue to the next, through the real server (`make run`): a leader publishes the
results of a held dialogue and anyone reads them without an account (never a confidential
question, never an asker); the officer's likely duplicates over JSON-RPC."""
import html

import pytest
import requests

from conftest import RpcError

pytestmark = pytest.mark.usefixtures("job_server")

ROAD = "Đường liên thôn 5 xã Hòa Phú bị xuống cấp nghiêm trọng, đề nghị tỉnh hỗ trợ sửa chữa (kiểm thử)"
ROAD_NO_MARKS = "Duong lien thon 5 xa Hoa Phu bi xuong cap nghiem trong, de nghi tinh ho tro sua chua (kiem thu)"


def anonymous(job_server, path):
    return requests.get(job_server.url + path, timeout=120)


def test_published_results_without_account(job_server, job_db, login):
    published = job_db.ref("doithoai_module.dialogue_daklak_2018")
    hidden = job_db.ref("doithoai_module.dialogue_daklak_ubnd_2026")
    officer, leader = login("tinh.canbo"), login("tinh.lanhdao")

    with pytest.raises(RpcError) as refused:
        officer.call_button("doithoai.dialogue", "action_publish_results", [published])
    assert refused.value.name == "odoo.exceptions.AccessError"
    assert anonymous(job_server, f"/doithoai/{published}").status_code == 404

    leader.call_button("doithoai.dialogue", "action_publish_results", [published])
    listing = anonymous(job_server, "/doithoai")
    assert listing.status_code == 200
    topic = job_db.value("SELECT name FROM doithoai_dialogue WHERE id = %s", (published,))
    assert html.escape(topic) in listing.text or topic in listing.text

    page = anonymous(job_server, f"/doithoai/{published}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    public = job_db.all("""SELECT content FROM doithoai_question WHERE dialogue_id = %s
                            AND NOT coalesce(confidential, FALSE) AND active AND merged_into_id IS NULL""", (published,))
    secret = job_db.all("SELECT content FROM doithoai_question WHERE dialogue_id = %s AND confidential", (published,))
    askers = job_db.all("""SELECT DISTINCT p.name FROM res_partner p
                             JOIN doithoai_question_asker_rel r ON r.partner_id = p.id
                             JOIN doithoai_question q ON q.id = r.question_id WHERE q.dialogue_id = %s""",
                        (published,))
    assert public and secret and askers, "the demo dialogue has public and confidential questions with askers"
    for (content,) in public:
        assert " ".join(content.split())[:60] in " ".join(text.split())
    for (content,) in secret:
        assert content[:40] not in text
    for (name,) in askers:
        assert name not in text

    assert anonymous(job_server, f"/doithoai/{hidden}").status_code == 404
    org = job_db.value("SELECT organization_id FROM doithoai_dialogue WHERE id = %s", (published,))
    assert anonymous(job_server, f"/doithoai/org/{org}").status_code == 200


def test_officer_duplicate_suggestions(job_db, login):
    dialogue = job_db.ref("doithoai_module.dialogue_daklak_2026")
    officer = login("tinh.canbo")
    ids = [officer.web_save("doithoai.question", [], {"dialogue_id": dialogue, "content": content})[0]["id"]
           for content in (ROAD, ROAD_NO_MARKS)]
    groups = officer.call_kw("doithoai.question", "doithoai_duplicate_groups", [dialogue])
    group = next(g for g in groups if ids[0] in g["question_ids"])
    assert ids[1] in group["question_ids"]
    line = next(line for line in group["lines"] if line["question_id"] == ids[1])
    assert line["similarity"] == 1.0 and line["similarity_accented"] < 1.0

    # the screens: the dialogue's button opens the groups, "Merge" opens the merge wizard on the group
    action = officer.call_button("doithoai.dialogue", "action_find_duplicates", [dialogue])
    wizard = officer.read(action["res_model"], [action["res_id"]], ["group_ids", "message"])[0]
    assert not wizard["message"]
    groups = officer.read("doithoai.question.duplicate.group", wizard["group_ids"], ["question_ids"])
    group_id = next(g["id"] for g in groups if set(ids) <= set(g["question_ids"]))
    merge = officer.call_button("doithoai.question.duplicate.group", "action_merge", [group_id])
    assert merge["res_model"] == "doithoai.question.merge.wizard"
    assert set(ids) <= set(merge["context"]["active_ids"])
