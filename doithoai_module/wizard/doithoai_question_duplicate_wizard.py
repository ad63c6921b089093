from odoo import api, fields, models


class DoithoaiQuestionDuplicateWizard(models.TransientModel):
    """Likely duplicates of a dialogue, grouped and ranked; each group opens the merge wizard."""
    _name = "doithoai.question.duplicate.wizard"
    _description = "Likely Duplicate Questions"

    dialogue_id = fields.Many2one("doithoai.dialogue", string="Dialogue", readonly=True)
    message = fields.Char(readonly=True)
    group_ids = fields.One2many("doithoai.question.duplicate.group", "wizard_id", string="Groups", readonly=True)

    @api.model
    def _open(self, dialogue, question=None):
        Question = self.env["doithoai.question"]
        groups = Question.doithoai_duplicate_groups(dialogue.id, question.id if question else None)
        wizard = self.create({
            "dialogue_id": dialogue.id,
            "message": Question._doithoai_similarity_message(),
            "group_ids": [fields.Command.create({
                "sequence": index,
                "similarity": group["similarity"] * 100,
                "question_ids": [fields.Command.set(group["question_ids"])],
                "line_ids": [fields.Command.create({
                    "question_id": line["question_id"],
                    "similarity": line["similarity"] * 100,
                    "similarity_accented": line["similarity_accented"] * 100,
                }) for line in group["lines"]],
            }) for index, group in enumerate(groups, 1)],
        })
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Likely duplicates"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }


class DoithoaiQuestionDuplicateGroup(models.TransientModel):
    _name = "doithoai.question.duplicate.group"
    _description = "Group of Likely Duplicate Questions"
    _order = "sequence, id"

    wizard_id = fields.Many2one("doithoai.question.duplicate.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer(string="Group")
    similarity = fields.Float(string="Similarity (%)", digits=(5, 0))
    question_ids = fields.Many2many("doithoai.question", string="Questions")
    line_ids = fields.One2many("doithoai.question.duplicate.line", "group_id", string="Questions Ranked")
    summary = fields.Text(compute="_compute_summary", string="Questions Ranked by Similarity")

    @api.depends("line_ids")
    def _compute_summary(self):
        for group in self:
            group.summary = "\n".join(
                f"{line.question_id.name} — {line.similarity:.0f}% / {line.similarity_accented:.0f}%"
                for line in group.line_ids)

    def action_merge(self):
        """The existing merge wizard, on the whole group (the officer chooses the one kept)."""
        self.ensure_one()
        return self.question_ids.action_merge()


class DoithoaiQuestionDuplicateLine(models.TransientModel):
    _name = "doithoai.question.duplicate.line"
    _description = "Likely Duplicate Question"
    _order = "similarity desc, id"

    group_id = fields.Many2one("doithoai.question.duplicate.group", required=True, ondelete="cascade")
    question_id = fields.Many2one("doithoai.question", string="Question", readonly=True)
    similarity = fields.Float(string="Without Diacritics (%)", digits=(5, 0))
    similarity_accented = fields.Float(string="With Diacritics (%)", digits=(5, 0))
