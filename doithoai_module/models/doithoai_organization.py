from odoo import api, fields, models
from odoo.exceptions import ValidationError

KINDS = [
    ("party", "Party committee"),
    ("government", "People's Committee"),
    ("front", "Fatherland Front"),
    ("union", "Mass organization"),
    ("department", "Department or agency"),
    ("other", "Other"),
]


class DoithoaiOrganization(models.Model):
    _name = "doithoai.organization"
    _description = "Organization"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=False, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    code = fields.Char(help="Short symbol used in document numbers, e.g. UBND or HU.")
    parent_id = fields.Many2one("doithoai.organization", string="Parent Organization",
                                index=True, ondelete="restrict", tracking=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("doithoai.organization", "parent_id", string="Sub-organizations")
    kind = fields.Selection(KINDS, required=True, default="government", tracking=True)
    level_id = fields.Many2one("doithoai.level", string="Level", tracking=True)
    partner_id = fields.Many2one("res.partner", string="Contact",
                                 help="Address and e-mail of the organization.")
    email = fields.Char(related="partner_id.email", readonly=False)
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar",
        help="Working days and public holidays used for its legal deadlines. "
             "Empty: the Vietnamese civil service calendar.")
    host_id = fields.Many2one("res.partner", string="Head (Host)", tracking=True,
                              help="Party Secretary or Chairman who hosts the dialogues.")
    deputy_ids = fields.Many2many("res.partner", "doithoai_organization_deputy_rel",
                                  "organization_id", "partner_id", string="Deputies")
    user_ids = fields.Many2many("res.users", "doithoai_organization_user_rel",
                                "organization_id", "user_id", string="Users")
    rule_ids = fields.One2many("doithoai.deadline.rule", "organization_id", string="Deadline Rules")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    dialogue_count = fields.Integer(compute="_compute_dialogue_count")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for org in self:
            org.complete_name = (f"{org.parent_id.complete_name} / {org.name}"
                                 if org.parent_id else org.name)

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An organization cannot be its own parent."))

    def _compute_dialogue_count(self):
        counts = dict(self.env["doithoai.dialogue"]._read_group(
            [("organization_id", "in", self.ids)], ["organization_id"], ["__count"]))
        for org in self:
            org.dialogue_count = counts.get(org, 0)

    def _get_calendar(self):
        self.ensure_one()
        return self.calendar_id or self.env.ref("doithoai_module.calendar_vn_civil_service")

    def action_view_dialogues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_dialogue_action")
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {"default_organization_id": self.id}
        return action
