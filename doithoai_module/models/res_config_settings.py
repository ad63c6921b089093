from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    doithoai_session_reminder_days = fields.Integer(
        related="company_id.doithoai_session_reminder_days", readonly=False)
    doithoai_assignment_reminder_days = fields.Integer(
        related="company_id.doithoai_assignment_reminder_days", readonly=False)
    doithoai_escalation_days = fields.Integer(related="company_id.doithoai_escalation_days", readonly=False)
    doithoai_yearly_check_month = fields.Integer(related="company_id.doithoai_yearly_check_month", readonly=False)
    doithoai_yearly_check_day = fields.Integer(related="company_id.doithoai_yearly_check_day", readonly=False)
