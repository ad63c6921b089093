import logging

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


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
    mail_count = fields.Integer(string="Mails", readonly=True)
    organization_id = fields.Many2one(
        "doithoai.organization", string="Organization", readonly=True, index=True,
        ondelete="cascade",
        help="The organisation of the record the reminder is about: users read the rows of "
             "their own organisations only.")

    _reminder_uniq = models.Constraint(
        "UNIQUE(res_model, res_id, kind, due_date)",
        "This reminder was already sent.")

    @api.model
    def _organization_of(self, record):
        """The organisation whose users may read the log rows about this record."""
        if record._name == "doithoai.organization":
            return record.id
        if record._name == "doithoai.dialogue":
            return record.organization_id.id
        if record._name == "doithoai.assignment":
            return record.host_organization_id.id
        if record._name == "doithoai.petition":
            return record.organization_id.id
        return None

    @api.model
    def _claim(self, keys, organizations=None):
        """Inserts the rows of these reminders; returns the keys actually inserted.

        ``keys`` are ``(res_model, res_id, kind, due_date)`` tuples. Rows that exist
        already (sent before, or being sent by a concurrent transaction, which this
        statement then waits for) are skipped by ``ON CONFLICT DO NOTHING``: only the
        keys returned may be sent.
        """
        organizations = organizations or {}
        keys = list(dict.fromkeys(keys))
        if not keys:
            return set()
        uid = self.env.uid
        claimed = set()
        for start in range(0, len(keys), 1000):
            chunk = keys[start:start + 1000]
            values = SQL(", ").join(
                SQL("(%s, %s, %s, %s, %s, 'sent', %s, %s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC')",
                    model, res_id, kind, due, organizations.get((model, res_id, kind, due)), uid, uid)
                for model, res_id, kind, due in chunk)
            self.env.cr.execute(SQL(
                """INSERT INTO doithoai_reminder_log
                       (res_model, res_id, kind, due_date, organization_id, state, create_uid, write_uid,
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
