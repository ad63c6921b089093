from odoo import api, fields, models
from odoo.exceptions import UserError


class DoithoaiPlan(models.Model):
    _name = "doithoai.plan"
    _description = "Dialogue Plan"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "year desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    number = fields.Char(string="Number and Symbol", tracking=True,
                         help="As printed on the paper, e.g. 12/KH-UBND.")
    organization_id = fields.Many2one("doithoai.organization", required=True, index=True,
                                      tracking=True, string="Organization")
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year,
                          tracking=True)
    date = fields.Date(string="Date Issued", tracking=True)
    legal_basis = fields.Html(string="Legal Basis")
    purpose = fields.Html(string="Purpose and Requirements")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user,
                              tracking=True)
    dialogue_ids = fields.One2many("doithoai.dialogue", "plan_id", string="Sessions")
    dialogue_count = fields.Integer(compute="_compute_dialogue_count", string="Sessions Count")
    active = fields.Boolean(default=True)

    _year_valid = models.Constraint("CHECK(year BETWEEN 2000 AND 2100)", "The year of a plan is not valid.")

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._check_org_tree()
        return plans

    def write(self, vals):
        res = super().write(vals)
        if "organization_id" in vals:
            self._check_org_tree()
        return res

    def _check_org_tree(self):
        """A plan stays in the user's organisation tree."""
        for plan in self.sudo():
            plan.organization_id.with_env(self.env)._check_in_user_tree(plan.name)

    @api.depends("dialogue_ids")
    def _compute_dialogue_count(self):
        counts = dict(self.env["doithoai.dialogue"]._read_group(
            [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
        for plan in self:
            plan.dialogue_count = counts.get(plan, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        if self.dialogue_ids.filtered("is_held"):
            raise UserError(self.env._("A plan with a held dialogue cannot be deleted: archive it instead."))

    def action_view_dialogues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_dialogue_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "default_organization_id": self.organization_id.id}
        return action
