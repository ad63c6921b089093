import logging

from odoo import _lt, api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


# The kinds of reminder the scheduled actions send (models/doithoai_reminder.py), as users read them.
KIND_LABELS = {
    "invitation": _lt("Invitations to send"),
    "announcement": _lt("Announcement on the radio"),
    "questions": _lt("Questions to send to the host"),
    "conclusion_late": _lt("Conclusion notice late"),
    "conclusion_escalation": _lt("Conclusion notice late: escalation"),
    "assignment_due_soon": _lt("Assignment due soon"),
    "assignment_due_today": _lt("Assignment due today"),
    "assignment_overdue": _lt("Assignment overdue"),
    "assignment_escalation": _lt("Assignment overdue: escalation"),
    "yearly_missing": _lt("Yearly dialogue not held"),
    "yearly_summary": _lt("Units without their yearly dialogue"),
    "union_report": _lt("Union report due (15/6, 15/12)"),
    "holidays_missing": _lt("Public holidays of next year missing"),
    "asker_resolved": _lt("Asker told of the result"),
    "asker_resolved_brief": _lt("Asker told of the result (brief)"),
    "asker_extended": _lt("Asker told of the extension"),
    "asker_extended_brief": _lt("Asker told of the extension (brief)"),
    "preparation_due_soon": _lt("Preparation task due soon"),
    "preparation_overdue": _lt("Preparation task overdue"),
    "prepared_answer": _lt("Prepared answer due"),
    "petition_overdue": _lt("Petition: the agency's answer is overdue"),
}


class DoithoaiReminderLog(models.Model):
    """One row per reminder ever sent: the database refuses a second one.

    A reminder is identified by the record it is about, its kind and the date it is
    about (the deadline, or the step of an escalation). The row is inserted *before*
    the mail is queued, in the same transaction: a rerun, a retry after a crash or a
    second worker running the same job at the same time finds the row (or waits for
    the first transaction on the unique constraint) and sends nothing.
    """
    _name = "doithoai.reminder.log"
    _description = "Reminder Sent"
    _order = "id desc"
    _rec_name = "kind"

    res_model = fields.Char(string="Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(string="Record ID", model_field="res_model", required=True,
                                      readonly=True)
    kind = fields.Char(required=True, readonly=True)
    due_date = fields.Date(string="About the Date", required=True, readonly=True,
                           help="The deadline the reminder is about, or the day of an escalation step.")
    state = fields.Selection([("sent", "Queued"), ("failed", "Failed")], default="sent",
                             required=True, readonly=True,
                             help="Failed: the mail could not be prepared; delete the row to try again "
                                  "at the next run.")
    error = fields.Text(readonly=True)
    mail_count = fields.Integer(string="Recipients", readonly=True,
                                help="How many people the reminder was mailed to.")
    kind_label = fields.Char(string="Reminder", compute="_compute_labels")
    model_label = fields.Char(string="About", compute="_compute_labels")
    record_name = fields.Char(string="Record", compute="_compute_labels")
    organization_id = fields.Many2one(
        "doithoai.organization", string="Organization", readonly=True, index=True,
        ondelete="cascade",
        help="The organisation of the record the reminder is about: users read the rows of "
             "their own organisations only.")

    _reminder_uniq = models.Constraint(
        "UNIQUE(res_model, res_id, kind, due_date)",
        "This reminder was already sent.")

    def _compute_labels(self):
        Model = self.env["ir.model"]
        names = {}
        by_model = {}
        for log in self:
            by_model.setdefault(log.res_model, []).append(log.res_id)
        for model, ids in by_model.items():
            if model not in self.env:
                continue
            # Only what the reader may read; the others show their kind and date only.
            records = self.env[model].browse(ids).exists()._filtered_access("read")
            names.update({(model, r.id): r.display_name for r in records})
        models_ = {m: Model._get(m).name for m in by_model if m in self.env}
        for log in self:
            label = KIND_LABELS.get(log.kind)
            log.kind_label = str(label) if label else log.kind
            log.model_label = models_.get(log.res_model, log.res_model)
            log.record_name = names.get((log.res_model, log.res_id), "")

    @api.model
    def _organization_of(self, record):
        """The organisation whose users may read the log rows about this record."""
        if record._name == "doithoai.organization":
            return record.id
        if record._name == "doithoai.dialogue":
            return record.organization_id.id
        if "host_organization_id" in record._fields:  # assignments, preparation tasks, prepared answers
            return record.host_organization_id.id
        if record._name == "doithoai.petition":
            return record.organization_id.id
        return None

    @api.model
    def _claim(self, keys, organizations=None, recipients=None):
        """Inserts the rows of these reminders; returns the keys actually inserted.

        ``keys`` are ``(res_model, res_id, kind, due_date)`` tuples. Rows that exist
        already (sent before, or being sent by a concurrent transaction, which this
        statement then waits for) are skipped by ``ON CONFLICT DO NOTHING``: only the
        keys returned may be sent.
        """
        organizations, recipients = organizations or {}, recipients or {}
        keys = list(dict.fromkeys(keys))
        if not keys:
            return set()
        uid = self.env.uid
        claimed = set()
        for start in range(0, len(keys), 1000):
            chunk = keys[start:start + 1000]
            values = SQL(", ").join(
                SQL("(%s, %s, %s, %s, %s, 'sent', %s, %s, %s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC')",
                    model, res_id, kind, due, organizations.get((model, res_id, kind, due)),
                    recipients.get((model, res_id, kind, due), 0), uid, uid)
                for model, res_id, kind, due in chunk)
            self.env.cr.execute(SQL(
                """INSERT INTO doithoai_reminder_log
                       (res_model, res_id, kind, due_date, organization_id, state, mail_count, create_uid, write_uid,
                        create_date, write_date)
                   VALUES %s
                   ON CONFLICT DO NOTHING
                   RETURNING res_model, res_id, kind, due_date""", values))
            claimed.update(self.env.cr.fetchall())
        return claimed

    @api.model
    def _mark(self, keys, state, error=None, mail_count=0):
        if not keys:
            return
        condition = SQL(" OR ").join(
            SQL("(res_model = %s AND res_id = %s AND kind = %s AND due_date = %s)", *key) for key in keys)
        self.env.cr.execute(SQL(
            "UPDATE doithoai_reminder_log SET state = %s, error = %s, mail_count = %s WHERE %s",
            state, error, mail_count, condition))
        self.invalidate_model(["state", "error", "mail_count"])

    @api.model
    def _not_sent_condition(self, model, alias, kind, date_column):
        """SQL: no reminder of this kind about the row's date exists yet (for a search)."""
        return SQL(
            """NOT EXISTS (SELECT 1 FROM doithoai_reminder_log l
                            WHERE l.res_model = %s AND l.res_id = %s AND l.kind = %s
                              AND l.due_date = %s)""",
            model, SQL.identifier(alias, "id"), kind, date_column)
