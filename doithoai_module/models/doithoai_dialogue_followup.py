"""From one dialogue to the next: duplicates, unresolved issues carried forward, results published."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain

from .doithoai_propagation import PUSHABLE_STATES

PUSH_STATES = [("todo", "Not pushed again yet"), ("pushed", "Pushed again")]


class DoithoaiDialogue(models.Model):
    _inherit = "doithoai.dialogue"

    results_published = fields.Boolean(
        string="Results Published", readonly=True, copy=False, tracking=True,
        help="Decided by a leader: the public page /doithoai shows the topic, the questions asked "
             "and answered (never confidential ones, never askers) and the assignments.")
    results_published_date = fields.Date(string="Results Published on", readonly=True, copy=False)
    # After the session: how answered items were propagated, which unresolved ones were pushed again
    propagation_ids = fields.One2many("doithoai.propagation", "dialogue_id", string="Follow-up Log")
    propagation_count = fields.Integer(string="Propagations", compute="_compute_followup_counts")
    push_count = fields.Integer(string="Pushed Again", compute="_compute_followup_counts")
    people_reached = fields.Integer(string="People Reached", compute="_compute_followup_counts")
    unpushed_count = fields.Integer(string="Unresolved, Not Pushed Again", compute="_compute_followup_counts")

    def _compute_followup_counts(self):
        lines = self.env["doithoai.propagation"]._read_group(
            [("dialogue_id", "in", self.ids)], ["dialogue_id", "kind"], ["__count", "people_reached:sum"])
        counts = {(dialogue.id, kind): (count, reached) for dialogue, kind, count, reached in lines}
        unpushed = dict(self.env["doithoai.question"]._read_group(
            [("dialogue_id", "in", self.ids), ("push_state", "=", "todo")], ["dialogue_id"], ["__count"]))
        for dialogue in self:
            dialogue.propagation_count, dialogue.people_reached = counts.get((dialogue.id, "propagation"), (0, 0))
            dialogue.push_count = counts.get((dialogue.id, "push"), (0, 0))[0]
            dialogue.unpushed_count = unpushed.get(dialogue, 0)

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

    def action_view_propagations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_propagation_action")
        action["domain"] = [("dialogue_id", "=", self.id)]
        action["context"] = {"default_dialogue_id": self.id}
        return action

    def action_view_unpushed(self):
        """The unresolved items of this held dialogue not yet pushed again: select, then
        "Push again" (or carry them into the next dialogue, or take them to supervision)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Unresolved, not pushed again"),
            "res_model": "doithoai.question",
            "view_mode": "list,form",
            "domain": [("dialogue_id", "=", self.id), ("push_state", "=", "todo")],
            "context": {"create": False},
        }

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

    propagation_ids = fields.Many2many(
        "doithoai.propagation", "doithoai_propagation_question_rel", "question_id", "propagation_id",
        string="Follow-up", readonly=True)
    push_state = fields.Selection(PUSH_STATES, string="Pushed Again", compute="_compute_push_state",
                                  search="_search_push_state",
                                  help="For an item left unresolved after its session: whether it was "
                                       "pushed again (reminder, proposal, next dialogue, supervision).")

    def _doithoai_push_base_domain(self):
        return (Domain("dialogue_id.is_held", "=", True) & Domain("state", "in", list(PUSHABLE_STATES))
                & Domain("merged_into_id", "=", False))

    @api.depends("state", "merged_into_id", "dialogue_id.is_held", "propagation_ids.kind")
    def _compute_push_state(self):
        for question in self:
            if (question.dialogue_id.is_held and question.state in PUSHABLE_STATES
                    and not question.merged_into_id):
                pushed = any(line.kind == "push" for line in question.sudo().propagation_ids)
                question.push_state = "pushed" if pushed else "todo"
            else:
                question.push_state = False

    def _search_push_state(self, operator, value):
        if operator != "in" or False in value:
            return NotImplemented  # the ORM negates the positive search
        # as the compute: whether an item was pushed again is read past the log's own rules
        pushed = Domain("propagation_ids", "any", self.env["doithoai.propagation"].sudo()._search(
            [("kind", "=", "push")]))
        wanted = set(value)
        if not wanted & {"pushed", "todo"}:
            return Domain.FALSE
        condition = Domain.TRUE if wanted >= {"pushed", "todo"} else pushed if "pushed" in wanted else ~pushed
        return self._doithoai_push_base_domain() & condition

    def action_push_again(self):
        """Record that these unresolved items were pushed again (form of a new log line)."""
        if not self:
            raise UserError(self.env._("Choose the unresolved items pushed again."))
        done = self.filtered(lambda q: q.push_state is False)
        if done:
            raise UserError(self.env._(
                "“%s” is not an unresolved item of a held dialogue: only those are pushed again.", done[0].name))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Pushed again"),
            "res_model": "doithoai.propagation",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": {"doithoai_push_question_ids": self.ids},
        }

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
        # the earlier dialogues' follow-up logs say where their unresolved items went
        self.env["doithoai.propagation"]._doithoai_log_push(
            todo, "next_dialogue", next_dialogue_id=dialogue.id, target_organization_id=dialogue.organization_id.id)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Questions"),
            "res_model": "doithoai.question",
            "view_mode": "list,form",
            "domain": [("dialogue_id", "=", dialogue.id)],
        }
