from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .doithoai_dialogue import DEADLINE_STATUS, deadline_status

KINDS = [
    ("report", "Report (phản ánh)"),
    ("proposal", "Proposal (kiến nghị)"),
    ("complaint", "Complaint (khiếu nại)"),
    ("denunciation", "Denunciation (tố cáo)"),
]
STATES = [
    ("received", "Received"),
    ("forwarded", "Forwarded"),
    ("answered", "Answered"),
    ("done", "Sender informed"),
]


class DoithoaiPetition(models.Model):
    """The union's register of petitions about women and girls (sổ theo dõi đơn thư).

    The union forwards a petition to the competent agency and records its answer itself: the
    agency never reads the register, so the sender's identity stays in the union. A
    denunciation is confidential from the start; as for questions, only a leader lifts it, and
    a confidential petition is read only by the union's leaders and the officer handling it."""
    _name = "doithoai.petition"
    _description = "Petition"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin", "doithoai.reminder.mixin"]
    _order = "date_received desc, id desc"

    name = fields.Char(string="Summary", required=True, tracking=True)
    kind = fields.Selection(KINDS, required=True, default="report", tracking=True)
    organization_id = fields.Many2one("doithoai.organization", string="Union Organization", required=True,
                                      index=True, tracking=True, ondelete="restrict")
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    date_received = fields.Date(string="Received on", required=True, tracking=True,
                                default=fields.Date.context_today)
    sender_id = fields.Many2one("res.partner", string="Sender", tracking=True)
    about = fields.Char(string="About Whom", help="The woman or child the petition is about.")
    content = fields.Text(required=True)
    field_id = fields.Many2one("doithoai.field", string="Field")
    confidential = fields.Boolean(tracking=True,
                                  help="Seen only by the union's leaders and the officer handling it.")
    user_id = fields.Many2one("res.users", string="Handled by", default=lambda self: self.env.user,
                              tracking=True, index=True)
    competent_organization_id = fields.Many2one("doithoai.organization", string="Competent Agency",
                                                tracking=True)
    date_forwarded = fields.Date(string="Forwarded on", tracking=True, copy=False)
    deadline = fields.Date(string="Answer Due", compute="_compute_deadline", store=True, tracking=True)
    answer = fields.Text(string="Agency's Answer", copy=False)
    date_answered = fields.Date(string="Answer Received on", tracking=True, copy=False)
    date_informed = fields.Date(string="Sender Informed on", tracking=True, copy=False)
    state = fields.Selection(STATES, compute="_compute_state", store=True, index=True, tracking=True)
    deadline_status = fields.Selection(DEADLINE_STATUS, compute="_compute_deadline_status")
    active = fields.Boolean(default=True)

    @api.depends("date_forwarded", "date_answered", "date_informed")
    def _compute_state(self):
        for petition in self:
            petition.state = ("done" if petition.date_informed else "answered" if petition.date_answered
                              else "forwarded" if petition.date_forwarded else "received")

    @api.depends("date_forwarded", "organization_id.calendar_id", "organization_id.parent_path")
    def _compute_deadline(self):
        # An answered petition keeps the deadline it was answered against.
        answered = self.filtered(lambda p: p.id and p.date_answered and p.deadline)
        for petition in answered:
            petition.deadline = petition.deadline
        todo = (self - answered).filtered(lambda p: p.date_forwarded and p.organization_id)
        engine = self.env["doithoai.deadline.rule"]._deadline_engine(
            todo.organization_id, todo.mapped("date_forwarded"))
        for petition in self - answered:
            petition.deadline = engine.compute(petition.organization_id, "petition", petition.date_forwarded)

    def _compute_deadline_status(self):
        for petition in self:
            today = petition.organization_id[:1]._doithoai_today()
            petition.deadline_status = deadline_status(
                petition.deadline, today, bool(petition.date_answered))

    @api.constrains("date_received", "date_forwarded", "date_answered", "date_informed")
    def _check_dates(self):
        for petition in self:
            steps = [petition.date_received, petition.date_forwarded, petition.date_answered,
                     petition.date_informed]
            known = [day for day in steps if day]
            if known != sorted(known):
                raise ValidationError(self.env._(
                    "The dates of “%s” must follow each other: received, forwarded, answered, "
                    "sender informed.", petition.name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("kind") == "denunciation" and "confidential" not in vals:
                vals["confidential"] = True  # a denunciation is confidential by default
            elif vals.get("confidential") is False and vals.get("kind") == "denunciation":
                self._check_confidential_change()
        petitions = super().create(vals_list)
        petitions._check_org_tree()
        return petitions

    def write(self, vals):
        if "confidential" in vals and any(p.confidential != bool(vals["confidential"]) for p in self):
            self._check_confidential_change()
        res = super().write(vals)
        if "organization_id" in vals:
            self._check_org_tree()
        return res

    def _check_confidential_change(self):
        if not (self.env.su or self.env.user.has_group("doithoai_module.group_doithoai_manager")):
            raise UserError(self.env._(
                "Only a leader marks a petition confidential or makes it public again: a "
                "denunciation is confidential from the start."))

    def _check_org_tree(self):
        for petition in self.sudo():
            petition.organization_id.with_env(self.env)._check_in_user_tree(petition.name)

    def action_forward(self):
        for petition in self:
            if not petition.competent_organization_id:
                raise UserError(self.env._("Choose the competent agency of “%s” first.", petition.name))
            if petition.date_forwarded:
                raise UserError(self.env._("“%s” was already forwarded.", petition.name))
            petition.write({"date_forwarded": petition.organization_id._doithoai_today()})

    def action_answer_received(self):
        for petition in self:
            if not petition.date_forwarded:
                raise UserError(self.env._("Forward “%s” to the competent agency first.", petition.name))
            if not (petition.answer or "").strip():
                raise UserError(self.env._("Write the agency's answer to “%s” first.", petition.name))
            petition.write({"date_answered": petition.organization_id._doithoai_today()})

    def action_sender_informed(self):
        for petition in self:
            if not petition.date_answered:
                raise UserError(self.env._("Record the agency's answer to “%s” first.", petition.name))
            petition.write({"date_informed": petition.organization_id._doithoai_today()})
