from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


CHANNELS = [
    ("before", "Sent before the session"),
    ("session", "Raised in the session"),
    ("online", "Online"),
]
OUTCOMES = [
    ("answered", "Answered in the session"),
    ("deferred", "Deferred: answered later"),
    ("declined", "Declined"),
    ("referred", "Referred to the higher level"),
]


class DoithoaiQuestion(models.Model):
    _name = "doithoai.question"
    _description = "Question"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "speaking_order, sequence, id"

    name = fields.Char(string="Summary", compute="_compute_name", store=True, readonly=False,
                       required=True, precompute=True)
    content = fields.Text(required=True, tracking=True)
    dialogue_id = fields.Many2one("doithoai.dialogue", string="Dialogue", required=True, index=True,
                                  ondelete="restrict", tracking=True)
    organization_id = fields.Many2one(related="dialogue_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="dialogue_id.company_id", store=True, index=True)
    asker_ids = fields.Many2many("res.partner", "doithoai_question_asker_rel", "question_id",
                                 "partner_id", string="Askers", domain=[("doithoai_asker", "=", True)])
    field_id = fields.Many2one("doithoai.field", string="Field", index=True, tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="before")
    date_received = fields.Datetime(string="Received", default=fields.Datetime.now)
    register_to_speak = fields.Boolean(string="Registered to Speak")
    speaking_order = fields.Integer(string="Speaking Order")
    sequence = fields.Integer(default=10)
    competent_organization_id = fields.Many2one("doithoai.organization", string="Competent Agency",
                                                index=True, tracking=True)
    answer = fields.Text(tracking=True)
    answered_by_id = fields.Many2one("res.partner", string="Answered by", tracking=True)
    outcome = fields.Selection(OUTCOMES, tracking=True)
    decline_reason = fields.Text(string="Reason for Declining", tracking=True)
    confidential = fields.Boolean(tracking=True,
                                  help="An internal matter: kept out of public papers and statistics.")
    stage_id = fields.Many2one("doithoai.question.stage", string="Stage", tracking=True, index=True,
                               group_expand="_read_group_stage_ids", copy=False, ondelete="restrict",
                               default=lambda self: self.env["doithoai.question.stage"]._first_of_state("received"))
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    merged_into_id = fields.Many2one("doithoai.question", string="Merged into", readonly=True,
                                     index=True, copy=False)
    merged_ids = fields.One2many("doithoai.question", "merged_into_id", string="Merged Duplicates",
                                 context={"active_test": False})
    assignment_ids = fields.Many2many("doithoai.assignment", "doithoai_assignment_question_rel",
                                      "question_id", "assignment_id", string="Assignments")
    assignment_count = fields.Integer(compute="_compute_assignment_count")
    # The files an asker sent with the question (portal), shown on the form, not only behind
    # the chatter's paperclip.
    attachment_ids = fields.One2many("ir.attachment", "res_id", string="Attached Files", readonly=True,
                                     domain=[("res_model", "=", "doithoai.question")])
    prepared_answer_ids = fields.One2many("doithoai.prepared.answer", "question_id", string="Prepared Answers")
    supervision_subject_ids = fields.One2many("doithoai.supervision.subject", "question_id",
                                              string="Supervision Subjects")
    color = fields.Integer()
    priority = fields.Selection([("0", "Normal"), ("1", "Important")], default="0")
    active = fields.Boolean(default=True, tracking=True)
    # The measure of the pivot and graph views: a labelled count ("Count" reads badly translated).
    item_count = fields.Integer(string="Number of Questions", default=1, readonly=True, copy=False, aggregator="sum")

    _speaking_order_positive = models.Constraint("CHECK(speaking_order >= 0)",
                                                 "The speaking order cannot be negative.")

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    def _default_answered_by(self):
        """Who answers by default: the head of the competent agency, else the dialogue's host."""
        self.ensure_one()
        question = self.sudo()
        return (question.competent_organization_id.host_id or question.dialogue_id.host_id).with_env(self.env)

    @api.onchange("outcome")
    def _onchange_outcome_answered_by(self):
        for question in self:
            if question.outcome in ("answered", "deferred") and not question.answered_by_id:
                question.answered_by_id = question._default_answered_by()

    @api.depends("content")
    def _compute_name(self):
        for question in self:
            text = " ".join((question.content or "").split())
            summary = text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + "…"
            question.name = question.name or summary

    def _task_text(self):
        """The task a deferred question becomes in the conclusion notice: its whole text, not the
        summary cut with “…” (a task holds 500 characters: a longer question keeps its summary)."""
        self.ensure_one()
        text = " ".join((self.content or "").split())
        return text if len(text) <= 500 else self.name

    def _compute_assignment_count(self):
        for question in self:
            question.assignment_count = len(question.assignment_ids)

    @api.constrains("outcome", "decline_reason")
    def _check_decline_reason(self):
        for question in self:
            if question.outcome == "declined" and not (question.decline_reason or "").strip():
                raise ValidationError(self.env._(
                    "Say why the question “%s” is declined (under investigation, no legal basis, "
                    "outside competence…).", question.name))

    @api.constrains("merged_into_id")
    def _check_merge(self):
        if self._has_cycle("merged_into_id"):
            raise ValidationError(self.env._("A question cannot be merged into itself."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_merge_field(vals)
            self._check_confidential_field(vals)
        questions = super().create(vals_list)
        questions._check_org_tree()
        questions.filtered("outcome")._sync_stage_with_outcome()
        questions._flag_askers()
        questions._number_speakers()
        return questions

    def write(self, vals):
        self._check_merge_field(vals)
        if "confidential" in vals and any(q.confidential != bool(vals["confidential"]) for q in self):
            self._check_confidential_field(vals)
        if "active" in vals and not self.env["doithoai.dialogue"]._is_leader():
            raise UserError(self.env._("Only a leader may archive or restore questions."))
        res = super().write(vals)
        if "dialogue_id" in vals:
            self._check_org_tree()
        if "outcome" in vals:
            self._sync_stage_with_outcome()
        if "asker_ids" in vals:
            self._flag_askers()
        if vals.get("register_to_speak"):
            self._number_speakers()
        return res

    def _number_speakers(self):
        """Who registers to speak without an order gets the next number of the dialogue."""
        todo = self.filtered(lambda q: q.register_to_speak and not q.speaking_order)
        if not todo:
            return
        groups = self.sudo()._read_group([("dialogue_id", "in", todo.dialogue_id.ids)],
                                         ["dialogue_id"], ["speaking_order:max"])
        last = {dialogue.id: highest or 0 for dialogue, highest in groups}
        for question in todo.sorted("id"):
            last[question.dialogue_id.id] = last.get(question.dialogue_id.id, 0) + 1
            # sudo: a consequence of registering (the portal asker may not write the order)
            super(DoithoaiQuestion, question.sudo()).write({"speaking_order": last[question.dialogue_id.id]})

    def _check_org_tree(self):
        """A question moves only into a dialogue the user works on (host, co-host or proposer)."""
        for question in self.sudo():
            self.env["doithoai.organization"]._check_works_on(question.dialogue_id, question.name)

    def _check_merge_field(self, vals):
        if "merged_into_id" in vals and not self.env.su:
            raise AccessError(self.env._(
                "A question is merged into another one only with the merge wizard "
                "(select the duplicates, then “Merge duplicate questions”)."))

    def _check_confidential_field(self, vals):
        """Only a leader marks a question confidential (or lifts it): once marked, it is hidden
        from officers by the record rules, the officer who typed it included."""
        if "confidential" in vals and vals["confidential"] is not None \
                and (vals["confidential"] or self) and not self.env["doithoai.dialogue"]._is_leader():
            raise UserError(self.env._(
                "Only a leader can mark a question confidential or make it public again. Once "
                "confidential, a question is seen only by the leaders of its organisation and the "
                "agency assigned to resolve it: you would no longer see it yourself. Save the "
                "question as it is and ask a leader to mark it confidential."))

    def _merge_into(self, target):
        """The merge wizard's only way in (private: never callable over RPC): the duplicates
        are archived on the officer's behalf and point at the question kept."""
        super(DoithoaiQuestion, self).write({"merged_into_id": target.id, "active": False})

    def _flag_askers(self):
        """Whoever asked once is offered again as an asker (the field offers askers only)."""
        new = self.asker_ids.filtered(lambda p: not p.doithoai_asker)
        if new:
            new.sudo().write({"doithoai_asker": True})

    def _sync_stage_with_outcome(self):
        Stage = self.env["doithoai.question.stage"]
        for outcome, state in (("answered", "answered"), ("declined", "declined")):
            todo = self.filtered(lambda q: q.outcome == outcome and q.state in ("received", "forwarded"))
            stage = Stage._first_of_state(state)
            if todo and stage:
                todo.write({"stage_id": stage.id})

    def _move_to_state(self, state):
        stage = self.env["doithoai.question.stage"]._first_of_state(state)
        if stage:
            self.filtered(lambda q: q.stage_id != stage).write({"stage_id": stage.id})

    def action_forward(self):
        missing = self.filtered(lambda q: not q.competent_organization_id)
        if missing:
            raise UserError(self.env._("Choose the competent agency of “%s” before forwarding it.",
                                       missing[0].name))
        self._move_to_state("forwarded")
        self._open_prepared_answers()

    def _open_prepared_answers(self):
        """A question forwarded before its session asks its competent agency for a prepared
        answer (one per agency). Confidential ones are handled by the host's leaders in person."""
        todo = self.sudo().filtered(lambda q: q.competent_organization_id and not q.confidential
                                    and not q.dialogue_id.is_held and q.channel != "session")
        existing = {(a.question_id.id, a.organization_id.id) for a in todo.prepared_answer_ids
                    if a.state != "cancel"}
        values = [{"question_id": q.id, "organization_id": q.competent_organization_id.id}
                  for q in todo if (q.id, q.competent_organization_id.id) not in existing]
        if values:
            self.env["doithoai.prepared.answer"].sudo().create(values)

    def action_merge(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge duplicate questions"),
            "res_model": "doithoai.question.merge.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_assignment_action")
        action["domain"] = [("question_ids", "in", self.ids)]
        return action

    def action_escalate(self):
        """A question left unresolved, or that comes back, becomes a supervision subject or a
        union's recommendation (wizard), linked both ways."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Take it to supervision"),
            "res_model": "doithoai.question.escalate.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_question_id": self.id},
        }

    def action_invite_askers_to_portal(self):
        """Odoo's "Grant portal access" wizard on the askers, who then follow their questions online."""
        if not self.asker_ids:
            raise UserError(self.env._("Add the askers of the question first."))
        wizard = self.env["portal.wizard"].create({"partner_ids": [fields.Command.set(self.asker_ids.ids)]})
        return wizard._action_open_modal()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_answered(self):
        kept = self.filtered(lambda q: q.outcome or q.dialogue_id.is_held)
        if kept:
            raise UserError(self.env._(
                "“%s” belongs to a held dialogue or has an answer: archive it instead of deleting it.",
                kept[0].name))


    @api.model
    def _can_print_confidential(self):
        """Who may see confidential questions on paper and in registers: the one place to change."""
        if self.env.su:
            return True
        user = self.env.user
        return user.has_group("base.group_system") or (
            bool(self.env.ref("doithoai_module.group_doithoai_manager", raise_if_not_found=False))
            and user.has_group("doithoai_module.group_doithoai_manager"))

    def _printable_questions(self):
        """These questions minus the confidential ones, unless the user may print them."""
        if self._can_print_confidential():
            return self
        return self.filtered(lambda q: not q.confidential)
