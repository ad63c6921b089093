"""19.0.1.1.0: askers are flagged as such; the next deadline counts every pending legal step."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute("""UPDATE res_partner SET doithoai_asker = TRUE
                   WHERE id IN (SELECT partner_id FROM doithoai_question_asker_rel)""")
    env = api.Environment(cr, SUPERUSER_ID, {})
    Dialogue = env["doithoai.dialogue"].with_context(active_test=False)
    dialogues = Dialogue.search([("state", "not in", ["concluded", "followup", "done", "cancel"])])
    for name in ("next_deadline", "deadline_status"):
        env.add_to_compute(Dialogue._fields[name], dialogues)
    dialogues.flush_recordset()
