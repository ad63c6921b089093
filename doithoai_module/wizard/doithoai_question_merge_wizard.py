from odoo import api, fields, models
from odoo.exceptions import UserError


class DoithoaiQuestionMergeWizard(models.TransientModel):
    _name = "doithoai.question.merge.wizard"
    _description = "Merge Duplicate Questions"

    question_ids = fields.Many2many("doithoai.question", string="Questions")
    target_id = fields.Many2one("doithoai.question", string="Keep",
                                domain="[('id', 'in', question_ids)]")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        ids = self.env.context.get("active_ids") or []
        if self.env.context.get("active_model") == "doithoai.question" and ids:
            questions = self.env["doithoai.question"].browse(ids)
            res["question_ids"] = [fields.Command.set(questions.ids)]
            res["target_id"] = min(questions, key=lambda q: (q.date_received or fields.Datetime.now(), q.id)).id
        return res

    def action_merge(self):
        self.ensure_one()
        target = self.target_id
        duplicates = self.question_ids - target
        if not target or not duplicates:
            raise UserError(self.env._("Select at least two questions and the one to keep."))
        if len(self.question_ids.dialogue_id) > 1:
            raise UserError(self.env._("Only questions of the same dialogue can be merged."))
        self.env["doithoai.organization"]._check_works_on(self.question_ids.sudo().dialogue_id, target.name)
        if duplicates.filtered("outcome"):
            raise UserError(self.env._("An answered question cannot be merged into another one."))
        target.write({
            "asker_ids": [fields.Command.link(p.id) for p in duplicates.asker_ids],
            "register_to_speak": target.register_to_speak or any(duplicates.mapped("register_to_speak")),
        })
        # Merging archives the duplicates on the officer's behalf: they stay readable.
        duplicates._merge_into(target)
        target.message_post(body=self.env._(
            "Merged duplicates: %s", ", ".join(duplicates.mapped("name"))))
        return {"type": "ir.actions.act_window_close"}
