"""Delegates of a dialogue by category and agency or district (plan of document 002: 300
delegates, 250 women allocated to districts), with the attendance recorded at the session."""
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DoithoaiDelegateQuota(models.Model):
    _name = "doithoai.delegate.quota"
    _description = "Delegate Quota"
    _inherit = ["doithoai.input.mixin"]
    _order = "dialogue_id, sequence, id"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    participant_group_id = fields.Many2one("doithoai.participant.group", string="Category", required=True)
    organization_id = fields.Many2one("doithoai.organization", string="Agency or District",
                                      help="Who sends these delegates; empty: the host summons them.")
    representative_id = fields.Many2one("res.partner", string="Designated Representative",
                                        help="The person the invited agency designates to attend.")
    quota = fields.Integer(string="Quota", required=True, default=1)
    summoned = fields.Integer(string="Summoned")
    attended = fields.Integer(string="Attended")
    note = fields.Char()

    _counts_positive = models.Constraint(
        "CHECK(quota >= 0 AND summoned >= 0 AND attended >= 0)", "Delegate counts cannot be negative.")

    @api.constrains("summoned", "attended", "quota")
    def _check_counts(self):
        for line in self:
            if line.attended > max(line.summoned, line.quota):
                raise ValidationError(self.env._(
                    "%(category)s: %(attended)s attended, more than the %(quota)s allotted and summoned. "
                    "Raise the quota or the summons first.", category=line.participant_group_id.name,
                    attended=line.attended, quota=max(line.summoned, line.quota)))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_organiser()
        return lines

    def write(self, vals):
        res = super().write(vals)
        if "dialogue_id" in vals:
            self._check_organiser()
        return res

    def _check_organiser(self):
        self.env["doithoai.organization"]._check_works_on(self.sudo().dialogue_id)
