"""From one dialogue to the next: duplicates, unresolved issues carried forward, results published."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class DoithoaiDialogue(models.Model):
    _inherit = "doithoai.dialogue"

    results_published = fields.Boolean(
        string="Results Published", readonly=True, copy=False, tracking=True,
        help="Decided by a leader: the public page /doithoai shows the topic, the questions asked "
             "and answered (never confidential ones, never askers) and the assignments.")
    results_published_date = fields.Date(string="Results Published on", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._doithoai_check_publication_field(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._doithoai_check_publication_field(vals)
        return super().write(vals)

    def _doithoai_check_publication_field(self, vals):
        if not self.env.su and ({"results_published", "results_published_date"} & set(vals)):
            raise AccessError(self.env._(
                "The results of a dialogue are published only with “Publish results”, by a leader."))

    def _doithoai_set_publication(self, published):
        if not self._is_leader():
            raise AccessError(self.env._("Only a leader decides whether the results of a dialogue are published."))
        for dialogue in self:
            dialogue.organization_id._check_in_user_tree(dialogue.name)
            if published and not dialogue.is_held:
                raise UserError(self.env._(
                    "“%s” has not been held yet: its results can be published after the session.", dialogue.name))
        self.check_access("write")
        # sudo past the field guard only (the leader's access was checked just above)
        self.sudo().write({
            "results_published": published,
            "results_published_date": published and self.organization_id[:1]._doithoai_today() or False,
        })

    def action_publish_results(self):
        self._doithoai_set_publication(True)

    def action_unpublish_results(self):
        self._doithoai_set_publication(False)

    def action_find_duplicates(self):
        self.ensure_one()
        return self.env["doithoai.question.duplicate.wizard"]._open(self)

    def action_view_candidate_issues(self):
        """Unresolved and repeated questions of the organisation's tree, from other dialogues:
        the candidate topics of this one; the officer carries the chosen ones over."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Unresolved and repeated issues"),
            "res_model": "doithoai.question",
            "view_mode": "list,form",
            "views": [(self.env.ref("doithoai_module.doithoai_question_view_list_candidates").id, "list"),
                      (False, "form")],
            "domain": self._doithoai_candidate_domain(),
            "context": {"doithoai_carry_dialogue_id": self.id, "create": False},
        }

    def _doithoai_candidate_domain(self):
        self.ensure_one()
        carried = self.env["doithoai.question"].search([("dialogue_id", "=", self.id),
                                                         ("carried_from_id", "!=", False)]).carried_from_id
        return [("organization_id", "child_of", self.organization_id.id),
                ("dialogue_id", "!=", self.id),
                ("merged_into_id", "=", False),
                ("id", "not in", carried.ids),
                "|", ("ever_resolved", "=", False), ("repeat_count", ">", 1)]


class DoithoaiQuestion(models.Model):
    _inherit = "doithoai.question"

    def action_carry_into_dialogue(self):
        """New questions in the dialogue being prepared, each linked to the one it takes up."""
        dialogue_id = self.env.context.get("doithoai_carry_dialogue_id")
        if not dialogue_id or not self:
            raise UserError(self.env._("Open the candidate issues from the dialogue they are carried into."))
        dialogue = self.env["doithoai.dialogue"].browse(int(dialogue_id)).exists()
        if not dialogue:
            raise UserError(self.env._("The dialogue to carry the issues into no longer exists."))
        if dialogue.is_held:
            raise UserError(self.env._("“%s” has been held: carry the issues into the next dialogue.", dialogue.name))
        already = self.search([("dialogue_id", "=", dialogue.id), ("carried_from_id", "in", self.ids)]).carried_from_id
        todo = self - already
        created = self.env["doithoai.question"].create([{
            "dialogue_id": dialogue.id,
            "content": question.content,
            "name": question.name,
            "field_id": question.field_id.id,
            "asker_ids": [fields.Command.set(question.asker_ids.ids)],
            "channel": "before",
            "carried_from_id": question.id,
            # a leader carrying a confidential issue keeps it confidential (officers never see one)
            **({"confidential": True} if question.confidential else {}),
        } for question in todo])
        dialogue.message_post(body=self.env._(
            "Issues carried over from earlier dialogues: %s", ", ".join(created.mapped("name")) or "-"))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Questions"),
            "res_model": "doithoai.question",
            "view_mode": "list,form",
            "domain": [("dialogue_id", "=", dialogue.id)],
        }
