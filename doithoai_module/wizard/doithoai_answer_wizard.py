from odoo import api, fields, models
from odoo.exceptions import UserError


class DoithoaiAnswerWizard(models.TransientModel):
    _name = "doithoai.answer.wizard"
    _description = "Record Answers in the Session"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, readonly=True)
    line_ids = fields.One2many("doithoai.answer.wizard.line", "wizard_id", string="Questions")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        dialogue = self.env["doithoai.dialogue"].browse(res.get("dialogue_id"))
        if dialogue and "line_ids" in fields_list:
            open_questions = dialogue.question_ids.filtered(lambda q: not q.outcome)
            res["line_ids"] = [fields.Command.create({
                "question_id": q.id,
                "content": q.content,
                "asker_ids": [fields.Command.set(q.asker_ids.ids)],
                "field_id": q.field_id.id,
                "competent_organization_id": q.competent_organization_id.id,
                "answered_by_id": q._default_answered_by().id,
                # the session starts from the agencies' prepared answers (issue 15)
                "answer": "\n\n".join(a.content for a in q.prepared_answer_ids
                                       if a.state == "submitted" and a.content) or False,
            }) for q in open_questions]
        return res

    def action_confirm(self):
        self.ensure_one()
        self.env["doithoai.organization"]._check_works_on(self.dialogue_id)
        if not self.line_ids:
            raise UserError(self.env._("Add at least one question to record."))
        strays = self.line_ids.sudo().question_id.filtered(lambda q: q.dialogue_id != self.dialogue_id)
        if strays:
            raise UserError(self.env._(
                "“%(question)s” belongs to another dialogue: answer it in the wizard of its own "
                "dialogue, not of “%(dialogue)s”.", question=strays[0].name, dialogue=self.dialogue_id.name))
        Question = self.env["doithoai.question"]
        for line in self.line_ids:
            vals = line._question_values()
            if line.question_id:
                line.question_id.write(vals)
            else:
                Question.create(dict(vals, dialogue_id=self.dialogue_id.id, channel="session"))
        return {"type": "ir.actions.act_window_close"}
