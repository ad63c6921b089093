from odoo import fields, models

from ..models.doithoai_question import OUTCOMES


class DoithoaiAnswerWizardLine(models.TransientModel):
    _name = "doithoai.answer.wizard.line"
    _inherit = ["doithoai.input.mixin"]
    _description = "Answer Entry Line"

    wizard_id = fields.Many2one("doithoai.answer.wizard", required=True, ondelete="cascade")
    question_id = fields.Many2one("doithoai.question", string="Question")
    content = fields.Text(required=True)
    asker_ids = fields.Many2many("res.partner", string="Askers", domain=[("doithoai_asker", "=", True)])
    field_id = fields.Many2one("doithoai.field", string="Field")
    competent_organization_id = fields.Many2one("doithoai.organization", string="Competent Agency")
    answer = fields.Text()
    answered_by_id = fields.Many2one("res.partner", string="Answered by")
    outcome = fields.Selection(OUTCOMES)
    decline_reason = fields.Text(string="Reason for Declining")

    def _question_values(self):
        self.ensure_one()
        vals = {
            "content": self.content,
            "asker_ids": [fields.Command.set(self.asker_ids.ids)],
            "field_id": self.field_id.id,
            "competent_organization_id": self.competent_organization_id.id,
        }
        if self.outcome:
            vals.update(outcome=self.outcome, answer=self.answer,
                        answered_by_id=self.answered_by_id.id, decline_reason=self.decline_reason)
        return vals
