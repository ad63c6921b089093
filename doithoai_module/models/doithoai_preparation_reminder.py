"""Reminders of preparation tasks and prepared answers: new kinds of the one reminder mechanism
(models/doithoai_reminder.py: exactly-once log, committed batches)."""
from odoo import api, models

from .doithoai_reminder import Reminder

T_PREPARATION = "doithoai_module.mail_template_preparation_reminder"
T_PREPARED_ANSWER = "doithoai_module.mail_template_prepared_answer_reminder"
OPEN_TASK_STATES = ("todo", "progress")


class DoithoaiReminder(models.AbstractModel):
    _inherit = "doithoai.reminder"

    @api.model
    def _cron_preparation_deadlines(self):
        """Before the session: tasks and prepared answers due within the company's session
        reminder lead (working days), and those overdue; once per kind and due date."""
        today = self._today()
        orgs = self._organizations()
        engine = self._engine(orgs, [today])
        companies = self.env["res.company"].search([])
        lead = max(companies.mapped("doithoai_session_reminder_days") or [3])
        working = [cal for cal in engine.calendars.values() if cal.is_workday(today)]
        if not working:
            return 0
        upper = max(cal.shift(today, lead) for cal in working)
        windows = {
            "preparation_due_soon": [("date_due", ">=", today), ("date_due", "<=", upper)],
            "preparation_overdue": [("date_due", "<", today)],
        }
        units = []
        for model in ("doithoai.preparation.task", "doithoai.prepared.answer"):
            for kind, window in windows.items():
                domain = [("state", "in", OPEN_TASK_STATES if model == "doithoai.preparation.task"
                           else ("draft",))] + window
                units += [(model, i, kind) for i in self._search_unsent(model, domain, kind, "date_due")]

        def build(records, kind):
            records.fetch(["date_due", "host_organization_id", "organization_id", "user_id", "company_id"])
            template = T_PREPARATION if records._name == "doithoai.preparation.task" else T_PREPARED_ANSWER
            result = []
            for record in records:
                calendar = engine.workday_calendar(record.host_organization_id)
                if not calendar.is_workday(today):
                    continue
                if kind == "preparation_due_soon":
                    days = record.company_id.doithoai_session_reminder_days or lead
                    if record.date_due > calendar.shift(today, days):
                        continue
                recipients = record.user_id.partner_id | record.organization_id.partner_id
                result.append(Reminder(record, kind, record.date_due, template, recipients,
                                       (("doithoai_kind", kind),), record.user_id))
            return result
        return self._process(units, build)
