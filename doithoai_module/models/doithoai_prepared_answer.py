"""Prepared answers (phương án trả lời): for each question forwarded before the session, the
competent agency drafts the answer by a due date counted back from the session (deadline rule
"prepared_answer"); the host and its co-host read them before the session, and the answer
wizard starts from the submitted ones."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

STATES = [
    ("draft", "To prepare"),
    ("submitted", "Submitted"),
    ("cancel", "Cancelled"),
]
# What the agency writes; the rest is set when the question is forwarded.
AGENCY_FIELDS = {"content", "user_id"}


class DoithoaiPreparedAnswer(models.Model):
    _name = "doithoai.prepared.answer"
    _description = "Prepared Answer"
    _inherit = ["doithoai.input.mixin", "mail.thread", "doithoai.reminder.mixin"]
    _order = "date_due, id"
    _rec_name = "question_name"

    question_id = fields.Many2one("doithoai.question", string="Question", required=True, index=True,
                                  ondelete="cascade")
    # The agency reads what it must answer without reading access to the question itself.
    question_name = fields.Char(related="question_id.name", string="Question Summary")
    question_content = fields.Text(related="question_id.content", string="Question Asked")
    dialogue_id = fields.Many2one(related="question_id.dialogue_id", store=True, index=True)
    dialogue_name = fields.Char(related="question_id.dialogue_id.name", string="Dialogue Topic")
    date_session = fields.Datetime(related="question_id.dialogue_id.date_start", store=True, string="Session")
    host_organization_id = fields.Many2one(related="question_id.dialogue_id.organization_id", store=True,
                                           index=True, string="Host")
    company_id = fields.Many2one(related="question_id.dialogue_id.company_id", store=True, index=True)
    organization_id = fields.Many2one("doithoai.organization", string="Competent Agency", required=True,
                                      index=True)
    user_id = fields.Many2one("res.users", string="Drafted by", tracking=True)
    content = fields.Text(string="Prepared Answer", tracking=True)
    date_due = fields.Date(string="Due", compute="_compute_date_due", store=True)
    date_submitted = fields.Date(string="Submitted on", readonly=True, copy=False)
    state = fields.Selection(STATES, string="Status", required=True, default="draft", tracking=True, readonly=True)

    _question_agency_uniq = models.UniqueIndex(
        "(question_id, organization_id) WHERE state != 'cancel'",
        "This agency already prepares an answer to the question.")

    @api.depends("question_id.dialogue_id.date_start", "question_id.dialogue_id.organization_id.calendar_id",
                 "question_id.dialogue_id.organization_id.parent_path")
    def _compute_date_due(self):
        dated = self.filtered(lambda a: a.dialogue_id.date_start and a.host_organization_id)
        days = {a.id: a.dialogue_id._local_date(a.dialogue_id.date_start) for a in dated}
        engine = self.env["doithoai.deadline.rule"]._deadline_engine(dated.host_organization_id, days.values())
        for answer in self:
            answer.date_due = engine.compute(answer.host_organization_id, "prepared_answer", days.get(answer.id)) \
                if answer.id in days else False

    def write(self, vals):
        self.check_access("write")
        if set(vals) - AGENCY_FIELDS and not self.env.su:
            raise AccessError(self.env._(
                "A prepared answer is opened when the question is forwarded; the agency writes "
                "its content and submits it (button “Submit”)."))
        if "content" in vals and self.filtered(lambda a: a.state != "draft"):
            raise UserError(self.env._("This answer was already submitted: the host reads it as it is."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._(
                "A prepared answer is opened by forwarding the question to its competent agency "
                "(button “Forward”)."))
        return super().create(vals_list)

    def action_submit(self):
        for answer in self:
            if answer.state != "draft":
                raise UserError(self.env._("Only an answer being prepared can be submitted."))
            if not (answer.content or "").strip():
                raise UserError(self.env._("Write the prepared answer before submitting it."))
        self.check_access("write")
        self.sudo().write({"state": "submitted", "date_submitted": self.host_organization_id[:1].sudo()._doithoai_today(),
                           "user_id": self.env.user.id})
