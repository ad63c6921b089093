from odoo import api, fields, models
from odoo.exceptions import UserError


class DoithoaiQuestionEscalateWizard(models.TransientModel):
    """From a dialogue to supervision: a question left unresolved (or that comes back) becomes
    a subject of a supervision plan, or a union's recommendation to the competent agency. The
    question keeps the link (its supervision subjects, its assignments) and so does the new record."""
    _name = "doithoai.question.escalate.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Take a Question to Supervision"

    question_id = fields.Many2one("doithoai.question", required=True, readonly=True, ondelete="cascade")
    mode = fields.Selection([("subject", "Supervision subject"), ("recommendation", "Recommendation")],
                            required=True, default="subject")
    name = fields.Char(string="Title", compute="_compute_name", store=True, readonly=False)
    supervision_id = fields.Many2one("doithoai.supervision", string="Supervision Plan",
                                     domain=[("state", "in", ("draft", "approval", "approved"))])
    organization_id = fields.Many2one("doithoai.organization", string="Union Organization",
                                      compute="_compute_organization_id", store=True, readonly=False)
    agency_id = fields.Many2one("doithoai.organization", string="Agency",
                                compute="_compute_agency_id", store=True, readonly=False)
    notice_date = fields.Date(string="Sent on", default=fields.Date.context_today)

    @api.depends("question_id")
    def _compute_name(self):
        for wizard in self:
            wizard.name = wizard.name or wizard.question_id.name

    @api.depends("question_id", "supervision_id")
    def _compute_organization_id(self):
        for wizard in self:
            dialogue = wizard.question_id.dialogue_id
            wizard.organization_id = (wizard.supervision_id.organization_id
                                      or dialogue.cohost_organization_id or dialogue.organization_id)

    @api.depends("question_id")
    def _compute_agency_id(self):
        for wizard in self:
            wizard.agency_id = wizard.question_id.competent_organization_id

    def action_confirm(self):
        self.ensure_one()
        question = self.question_id
        if not question.active:
            raise UserError(self.env._("“%s” was merged into another question: take that one.", question.name))
        if self.mode == "subject":
            if not self.supervision_id:
                raise UserError(self.env._("Choose the supervision plan the subject goes into."))
            record = self.env["doithoai.supervision.subject"].create({
                "name": self.name or question.name, "supervision_id": self.supervision_id.id,
                "source": "dialogue", "field_id": question.field_id.id,
                "supervised_organization_id": self.agency_id.id, "question_id": question.id,
            })
            record = record.supervision_id
        else:
            if not (self.organization_id and self.agency_id and self.notice_date):
                raise UserError(self.env._("Choose the union, the agency and the date of the recommendation."))
            if self.supervision_id:
                self.supervision_id._check_can_recommend()
            record = self.env["doithoai.assignment"].create({
                "origin": "supervision", "name": self.name or question.name,
                "supervision_id": self.supervision_id.id,
                "host_organization_id": self.organization_id.id, "organization_id": self.agency_id.id,
                "notice_date": self.notice_date, "question_ids": [fields.Command.link(question.id)],
            })
        question.message_post(body=self.env._("Taken to supervision: %s", record.display_name))
        # the dialogue's follow-up log: this unresolved item was pushed again
        self.env["doithoai.propagation"]._doithoai_log_push(
            question, "supervision", target_organization_id=self.agency_id.id,
            supervision_id=(record if record._name == "doithoai.supervision" else record.supervision_id).id,
            recommendation_id=record.id if record._name == "doithoai.assignment" else False)
        return {"type": "ir.actions.act_window", "res_model": record._name, "res_id": record.id,
                "view_mode": "form", "target": "current"}
