from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class DoithoaiOrganizationAbolishWizard(models.TransientModel):
    """Abolish a unit, or merge it into another, in one step (two-level government, issue 16):
    the day the resolution takes effect and the unit that takes over."""
    _name = "doithoai.organization.abolish.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Abolish or Merge an Organization"

    organization_id = fields.Many2one("doithoai.organization", required=True, readonly=True, ondelete="cascade")
    date_end = fields.Date(string="Abolished On", required=True, default=fields.Date.context_today,
                           help="The day the resolution takes effect (e.g. 1 July 2025): from this day "
                                "on the unit no longer exists.")
    successor_id = fields.Many2one(
        "doithoai.organization", string="Merged Into", required=True,
        domain="[('id', '!=', organization_id), ('is_abolished', '=', False)]",
        help="The unit that takes over its tasks and its history.")
    resolution = fields.Char(help="The resolution or decision, e.g. Nghị quyết số 1662/NQ-UBTVQH15; "
                                   "written in the unit's history.")

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group("doithoai_module.group_doithoai_manager"):
            raise AccessError(self.env._("Only the leaders and the administrators abolish or merge units."))

    def action_abolish(self):
        self.ensure_one()
        self._check_manager()
        org = self.organization_id
        org._check_in_user_tree(org.name)
        self.successor_id._check_same_company(org.name)
        if org.predecessor_ids & self.successor_id:
            raise UserError(self.env._(
                "%(successor)s was merged into %(name)s: it cannot take %(name)s over in turn.",
                successor=self.successor_id.name, name=org.name))
        # organisations are written by administrators only: the checks above stand for the rules
        org.sudo().write({"date_end": self.date_end, "successor_id": self.successor_id.id})
        org.sudo().message_post(body=self.env._(
            "Abolished on %(day)s and merged into %(successor)s by %(user)s. %(resolution)s",
            day=self.date_end.strftime("%d/%m/%Y"), successor=self.successor_id.complete_name,
            user=self.env.user.name, resolution=self.resolution or ""))
        return {"type": "ir.actions.act_window_close"}
