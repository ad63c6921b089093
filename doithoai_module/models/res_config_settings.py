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
    # Signed papers: PAdES B-T (a time-stamp token) when set, B-B without (doithoai_paper_signature.py).
    doithoai_tsa_url = fields.Char(string="Time-stamp Authority URL", config_parameter="doithoai_module.tsa_url")
