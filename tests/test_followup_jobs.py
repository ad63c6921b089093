"""After the session, through the real server (`make run`): the commune's officer records how the
answers of its held dialogue were propagated to the members, and that an unresolved item was
pushed again to its agency, with the calls the web client makes; a sibling commune's officer
is refused."""
import pytest

from conftest import RpcError

pytestmark = pytest.mark.usefixtures("job_server")


def test_officer_records_propagation_and_push(job_db, login):
    dialogue = job_db.ref("doithoai_module.dialogue_hoaphu_2026")
    answered = job_db.value("""SELECT id FROM doithoai_question WHERE dialogue_id = %s AND state = 'answered'
                               AND NOT coalesce(confidential, FALSE) AND active ORDER BY id LIMIT 1""", (dialogue,))
    unresolved = job_db.value("""SELECT id FROM doithoai_question WHERE dialogue_id = %s
                                 AND state IN ('received', 'forwarded') AND active AND merged_into_id IS NULL
                                 ORDER BY id LIMIT 1""", (dialogue,))
    assert answered and unresolved, "the demo's held Hòa Phú dialogue has answered and unresolved items"
    officer = login("hoaphu.canbo")

    # the form opened from the dialogue offers its answered items only
    defaults = officer.onchange("doithoai.propagation", {}, {"kind": {}, "allowed_question_ids": {}},
                                context={"default_dialogue_id": dialogue})["value"]
    assert defaults["kind"] == "propagation"
    offered = [command[1] for command in defaults["allowed_question_ids"]]  # [LINK, id, values]
    assert answered in offered and unresolved not in offered
    saved = officer.web_save("doithoai.propagation", [], {
        "dialogue_id": dialogue, "kind": "propagation", "channel": "loudspeaker", "audience": "members",
        "audience_note": "Hội viên phụ nữ các thôn", "people_reached": 230,
        "question_ids": [[6, 0, [answered]]],
    })[0]["id"]
    row = job_db.one("SELECT dialogue_id, kind, channel, people_reached, user_id FROM doithoai_propagation WHERE id = %s",
                     (saved,))
    assert row == (dialogue, "propagation", "loudspeaker", 230, officer.uid)
    assert job_db.all("SELECT question_id FROM doithoai_propagation_question_rel WHERE propagation_id = %s",
                      (saved,)) == [(answered,)]

    # an unresolved item: "Push again" from the questions list, then the form is saved
    pushable = officer.search_read("doithoai.question", [("dialogue_id", "=", dialogue), ("push_state", "=", "todo")],
                                   ["id"])
    assert unresolved in [r["id"] for r in pushable]
    action = officer.call_button("doithoai.question", "action_push_again", [unresolved])
    assert action["res_model"] == "doithoai.propagation"
    pushed = officer.web_save("doithoai.propagation", [], {"push_method": "reminder", "reference": "27/CV-UBND"},
                              context=action["context"])[0]["id"]
    row = job_db.one("SELECT dialogue_id, kind, push_method, reference FROM doithoai_propagation WHERE id = %s",
                     (pushed,))
    assert row == (dialogue, "push", "reminder", "27/CV-UBND")
    assert job_db.all("SELECT question_id FROM doithoai_propagation_question_rel WHERE propagation_id = %s",
                      (pushed,)) == [(unresolved,)]
    state = officer.read("doithoai.question", [unresolved], ["push_state"])[0]["push_state"]
    assert state == "pushed"
    counts = officer.read("doithoai.dialogue", [dialogue], ["propagation_count", "push_count", "people_reached"])[0]
    assert counts["propagation_count"] >= 1 and counts["push_count"] >= 1 and counts["people_reached"] >= 230


def test_sibling_officer_refused(job_db, login):
    dialogue = job_db.ref("doithoai_module.dialogue_hoaphu_2026")
    sibling = login("eaktur.canbo")
    before = job_db.value("SELECT count(*) FROM doithoai_propagation WHERE dialogue_id = %s", (dialogue,))
    with pytest.raises(RpcError) as refused:
        sibling.web_save("doithoai.propagation", [], {
            "dialogue_id": dialogue, "kind": "propagation", "channel": "meeting", "people_reached": 5})
    assert refused.value.name == "odoo.exceptions.AccessError"
    assert job_db.value("SELECT count(*) FROM doithoai_propagation WHERE dialogue_id = %s", (dialogue,)) == before
    assert sibling.search_read("doithoai.propagation", [("dialogue_id", "=", dialogue)], ["id"]) == []
