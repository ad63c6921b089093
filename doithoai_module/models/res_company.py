from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    doithoai_session_reminder_days = fields.Integer(
        string="Remind Before Session Deadlines", default=3,
        help="Working days before the invitation, announcement and questions deadlines "
             "(and before the union report dates) when the officers are reminded.")
    doithoai_assignment_reminder_days = fields.Integer(
        string="Remind Before Assignment Deadlines", default=5,
        help="Working days before an assignment is due; an organization may set its own.")
    doithoai_escalation_days = fields.Integer(
        string="Escalate After", default=5,
        help="Working days of delay after which the manager is told, and then again every "
             "such period while a conclusion notice stays late.")
    doithoai_yearly_check_month = fields.Integer(string="Yearly Dialogue Check Month", default=10)
    doithoai_yearly_check_day = fields.Integer(string="Yearly Dialogue Check Day", default=1)

    _doithoai_reminder_days_positive = models.Constraint(
        "CHECK(doithoai_session_reminder_days >= 0 AND doithoai_assignment_reminder_days >= 0 "
        "AND doithoai_escalation_days > 0)",
        "Reminder and escalation periods cannot be negative.")
    _doithoai_yearly_check_valid = models.Constraint(
        "CHECK(doithoai_yearly_check_month BETWEEN 1 AND 12 AND doithoai_yearly_check_day BETWEEN 1 AND 28)",
        "The yearly check date is a month (1-12) and a day (1-28).")
