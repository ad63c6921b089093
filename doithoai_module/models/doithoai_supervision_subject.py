from odoo import api, fields, models
from odoo.exceptions import UserError

# Where a union hears of what to supervise (programme of Khánh Hòa, seed 004, II.2.2).
SOURCES = [
    ("dialogue", "Dialogue with the heads"),
    ("voters", "Meeting with voters"),
    ("survey", "Survey"),
    ("union_meeting", "Union meeting"),
    ("press", "Press, web site, social networks"),
    ("petition", "Petitions"),
    ("other", "Other"),
]


class DoithoaiSupervisionSubject(models.Model):
    """One subject of a supervision plan (nội dung giám sát)."""
    _name = "doithoai.supervision.subject"
    _description = "Supervision Subject"
    _inherit = ["doithoai.input.mixin"]
    _order = "supervision_id, sequence, id"

    name = fields.Char(string="Subject", required=True)
    sequence = fields.Integer(default=10)
    supervision_id = fields.Many2one("doithoai.supervision", string="Supervision Plan", required=True,
                                     index=True, ondelete="cascade")
    organization_id = fields.Many2one(related="supervision_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="supervision_id.company_id", store=True, index=True)
    source = fields.Selection(SOURCES, required=True, default="union_meeting")
    field_id = fields.Many2one("doithoai.field", string="Field")
    lead_organization_id = fields.Many2one("doithoai.organization", string="Leading Body")
    cooperating_organization_ids = fields.Many2many(
        "doithoai.organization", "doithoai_supervision_subject_coop_rel", "subject_id", "organization_id",
        string="Co-operating Bodies")
    supervised_organization_id = fields.Many2one("doithoai.organization", string="Supervised Agency")
    date_start = fields.Date(string="From")
    date_end = fields.Date(string="To")
    question_id = fields.Many2one("doithoai.question", string="From the Question", index=True,
                                  ondelete="set null", help="The dialogue question this subject comes from.")

    @api.model_create_multi
    def create(self, vals_list):
        subjects = super().create(vals_list)
        subjects._check_org_tree()
        subjects._check_plan_open()
        return subjects

    def write(self, vals):
        self._check_plan_open()
        res = super().write(vals)
        if "supervision_id" in vals:
            self._check_org_tree()
            self._check_plan_open()
        return res

    def unlink(self):
        self._check_plan_open()
        return super().unlink()

    def _check_plan_open(self):
        """The subjects the leaders approved stay as approved; a leader may still amend them."""
        if self.env.su or self.env.user.has_group("doithoai_module.group_doithoai_manager"):
            return
        approved = self.filtered(lambda s: s.supervision_id.state in ("approved", "done"))
        if approved:
            raise UserError(self.env._(
                "The subjects of “%s” were approved: only a leader may change them.",
                approved[0].supervision_id.name))

    def _check_org_tree(self):
        for subject in self.sudo():
            subject.organization_id.with_env(self.env)._check_in_user_tree(subject.name)
