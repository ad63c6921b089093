"""Days late of resolved assignments count in working days (they counted calendar days),
like their deadlines: recomputed once for those resolved after their due date."""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    late = env["doithoai.assignment"].with_context(active_test=False).search([("days_late", ">", 0)])
    env.add_to_compute(late._fields["days_late"], late)
    env.add_to_compute(late._fields["is_on_time"], late)
    env.flush_all()
