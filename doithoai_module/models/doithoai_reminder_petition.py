from odoo import api, models

from .doithoai_reminder import Reminder

T_PETITION = "doithoai_module.mail_template_petition_overdue"


class DoithoaiReminder(models.AbstractModel):
    """Petitions: one more kind of the reminder mechanism (exactly-once log, batches)."""
    _inherit = "doithoai.reminder"

    @api.model
    def _cron_petition_overdue(self):
        """The union's officer handling a forwarded petition hears once when the agency's answer
        is overdue (the log keys it by the deadline: a new deadline is a new reminder)."""
        today = self._today()
        kind = "petition_overdue"
        ids = self._search_unsent("doithoai.petition", [("state", "=", "forwarded"), ("deadline", "<", today)],
                                  kind, "deadline")

        def build(petitions, kind):
            petitions.fetch(["deadline", "user_id", "organization_id"])
            return [Reminder(p, kind, p.deadline, T_PETITION, p.user_id.partner_id, (("doithoai_kind", kind),),
                             p.user_id) for p in petitions if p.user_id]
        return self._process([("doithoai.petition", i, kind) for i in ids], build)
