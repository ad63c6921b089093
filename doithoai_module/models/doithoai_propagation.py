"""After the session (document 000, step 4, "Theo dõi sau đối thoại"): what was answered is
propagated to the members (tuyên truyền, phổ biến, thông tin lại kết quả) and what was not is
pushed again (tiếp tục đề xuất) to the committee, the government or the agencies, put on the
next dialogue or taken to supervision.

One log per dialogue, one line per action: who was reached, how and when, or which agency an
unresolved item went back to. Carrying an issue into the next dialogue and taking it to
supervision write their line here themselves (``_doithoai_log_push``), so the officer reads in
one place which unresolved items were pushed again and which were not yet (``push_state`` on
the question, doithoai_dialogue_followup.py)."""
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .doithoai_question_similarity import RESOLVED_STATES

KINDS = [
    ("propagation", "Answered items propagated"),
    ("push", "Unresolved items pushed again"),
]
AUDIENCES = [
    ("members", "Members and women"),
    ("bodies", "Grassroots bodies (branches, groups)"),
    ("cadres", "Cadres and Party members"),
    ("people", "People of the area"),
    ("other", "Other"),
]
CHANNELS = [
    ("meeting", "Meeting or branch activity"),
    ("loudspeaker", "Loudspeaker or local radio"),
    ("social", "Zalo or social network"),
    ("notice_board", "Notice board"),
    ("document", "Written document"),
    ("press", "Press or web site"),
    ("other", "Other"),
]
PUSH_METHODS = [
    ("reminder", "Reminder paper to the agency"),
    ("proposal", "Proposal to the committee or government"),
    ("policy", "Proposal to adjust a policy"),
    ("next_dialogue", "Put on the next dialogue"),
    ("supervision", "Taken to supervision"),
    ("other", "Other"),
]
# Which questions each kind of line is about: the answered ones are propagated, the others
# (still open, or declined in the session) are pushed again. The one place for this rule.
PROPAGATED_STATES = RESOLVED_STATES
PUSHABLE_STATES = ("received", "forwarded", "assigned", "declined")
STATES_OF_KIND = {"propagation": PROPAGATED_STATES, "push": PUSHABLE_STATES}


class DoithoaiPropagation(models.Model):
    _name = "doithoai.propagation"
    _description = "Propagation and Follow-up after a Dialogue"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    dialogue_id = fields.Many2one("doithoai.dialogue", string="Dialogue", required=True, index=True,
                                  ondelete="cascade", domain=[("is_held", "=", True)])
    organization_id = fields.Many2one(related="dialogue_id.organization_id", store=True, index=True,
                                      string="Host")
    company_id = fields.Many2one(related="dialogue_id.company_id", store=True, index=True)
    kind = fields.Selection(KINDS, required=True, default="propagation", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    question_ids = fields.Many2many(
        "doithoai.question", "doithoai_propagation_question_rel", "propagation_id", "question_id",
        string="Items", help="Answered questions propagated, or unresolved ones pushed again, of this dialogue.")
    question_count = fields.Integer(string="Number of Items", compute="_compute_question_count")
    allowed_question_ids = fields.Many2many("doithoai.question", compute="_compute_allowed_question_ids",
                                            string="Items Offered")
    # To whom answered items were propagated
    audience = fields.Selection(AUDIENCES, tracking=True)
    audience_organization_ids = fields.Many2many(
        "doithoai.organization", "doithoai_propagation_organization_rel", "propagation_id", "organization_id",
        string="Bodies Reached")
    participant_group_ids = fields.Many2many(
        "doithoai.participant.group", "doithoai_propagation_participant_group_rel", "propagation_id",
        "participant_group_id", string="Groups Reached")
    audience_note = fields.Char(string="Audience Details", help="e.g. the women of Hòa Bình village")
    channel = fields.Selection(CHANNELS, string="Means of Propagation", tracking=True)
    people_reached = fields.Integer(string="People Reached", aggregator="sum")
    # Where unresolved items were pushed again
    push_method = fields.Selection(PUSH_METHODS, string="How", tracking=True)
    target_organization_id = fields.Many2one("doithoai.organization", string="Pushed to", tracking=True,
                                             help="The committee, government or agency asked again.")
    reference = fields.Char(string="Paper Number", help="Number and symbol of the paper, if any.")
    next_dialogue_id = fields.Many2one("doithoai.dialogue", string="Next Dialogue", ondelete="set null",
                                       index="btree_not_null")
    supervision_id = fields.Many2one("doithoai.supervision", string="Supervision Plan", ondelete="set null")
    recommendation_id = fields.Many2one("doithoai.assignment", string="Recommendation", ondelete="set null")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user,
                              tracking=True, index=True)
    note = fields.Text(string="Notes")
    # The measure of the pivot and graph views (a labelled count).
    item_count = fields.Integer(string="Number of Records", default=1, readonly=True, copy=False,
                                aggregator="sum")

    _people_reached_positive = models.Constraint(
        "CHECK(people_reached >= 0)", "The number of people reached cannot be negative.")

    @api.depends("question_ids")
    def _compute_question_count(self):
        for line in self:
            line.question_count = len(line.question_ids)

    @api.depends("dialogue_id", "kind")
    def _compute_allowed_question_ids(self):
        """What the form offers: read as the user, so a confidential item is offered only to
        those who may see it, and never for propagation."""
        Question = self.env["doithoai.question"]
        for line in self:
            line.allowed_question_ids = Question.search(
                Domain("dialogue_id", "=", line.dialogue_id.id) & self._doithoai_questions_domain(line.kind)
            ) if line.dialogue_id and line.kind else Question

    @api.depends("kind", "channel", "push_method", "date")
    def _compute_display_name(self):
        channels, methods = dict(self._fields["channel"]._description_selection(self.env)), \
            dict(self._fields["push_method"]._description_selection(self.env))
        for line in self:
            how = channels.get(line.channel) if line.kind == "propagation" else methods.get(line.push_method)
            day = line.date and line.date.strftime("%d/%m/%Y") or ""
            line.display_name = " – ".join(part for part in (how, day) if part) or self.env._("New")

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    @api.constrains("kind", "channel", "push_method")
    def _check_how(self):
        for line in self:
            if line.kind == "propagation" and not line.channel:
                raise ValidationError(self.env._("Say through which channel the answers were propagated."))
            if line.kind == "push" and not line.push_method:
                raise ValidationError(self.env._("Say how the unresolved items were pushed again."))

    @api.constrains("kind", "question_ids", "dialogue_id")
    def _check_questions(self):
        """Only this dialogue's questions; never a confidential one to members or bodies."""
        for line in self.sudo():
            for question in line.question_ids:
                if question.dialogue_id != line.dialogue_id:
                    raise ValidationError(self.env._(
                        "“%(question)s” belongs to another dialogue than “%(dialogue)s”.",
                        question=question.name, dialogue=line.dialogue_id.name))
                if line.kind == "propagation" and question.confidential:
                    raise ValidationError(self.env._(
                        "“%s” is confidential: it is never propagated to members or bodies.", question.name))

    def _check_question_states(self, added):
        """Items listed now must be answered (propagated) or still unresolved (pushed again);
        an item pushed again and resolved later stays in the history of its line."""
        for line in self.sudo():
            allowed = STATES_OF_KIND[line.kind]
            for question in line.question_ids.filtered(lambda q: q.id in added.get(line.id, ())):
                if question.state not in allowed or question.merged_into_id:
                    raise ValidationError(self.env._(
                        "“%(question)s” cannot be listed here: propagate the answered items, "
                        "push again those still unresolved.", question=question.name))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_dialogue()
        lines._check_question_states({line.id: line.sudo().question_ids.ids for line in lines})
        return lines

    def write(self, vals):
        before = {line.id: set(line.question_ids.ids) for line in self.sudo()}
        res = super().write(vals)
        if "dialogue_id" in vals:
            self._check_dialogue()
        if {"question_ids", "kind"} & set(vals):
            self._check_question_states({
                line.id: set(line.question_ids.ids) - (set() if "kind" in vals else before[line.id])
                for line in self.sudo()})
        return res

    def _check_dialogue(self):
        """Whoever works on the dialogue after it is held (host, co-host, proposer) keeps its log."""
        dialogues = self.sudo().dialogue_id
        self.env["doithoai.organization"]._check_works_on(dialogues)
        not_held = dialogues.filtered(lambda d: not d.is_held)
        if not_held:
            raise UserError(self.env._(
                "“%s” has not been held yet: how its answers were propagated and which items were "
                "pushed again are recorded after the session.", not_held[0].name))

    # ------------------------------------------------------------------
    # Lines written by the actions that push an item again
    # ------------------------------------------------------------------
    @api.model
    def _doithoai_log_push(self, questions, method, **vals):
        """One "pushed again" line per held dialogue of these questions, written by an action
        the user was allowed to take (carry into the next dialogue, take to supervision); the
        line is the log of that action, so it is written past the log's own rules."""
        questions = questions.sudo().filtered(
            lambda q: q.dialogue_id.is_held and q.state in PUSHABLE_STATES and not q.merged_into_id)
        lines = self.browse()
        for dialogue in questions.dialogue_id:
            lines |= self.sudo().create(dict(vals, **{
                "dialogue_id": dialogue.id, "kind": "push", "push_method": method,
                "user_id": self.env.uid,
                "date": dialogue.organization_id._doithoai_today(),
                "question_ids": [fields.Command.set(questions.filtered(lambda q: q.dialogue_id == dialogue).ids)],
            }))
        return lines

    @api.model
    def _doithoai_questions_domain(self, kind):
        """The questions a line of this kind may list, within its dialogue (views and wizards)."""
        domain = Domain("state", "in", list(STATES_OF_KIND[kind])) & Domain("merged_into_id", "=", False)
        if kind == "propagation":
            domain &= Domain("confidential", "=", False)
        return domain

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        question_ids = self.env.context.get("doithoai_push_question_ids")
        if question_ids:
            questions = self.env["doithoai.question"].browse(question_ids).exists()
            if len(questions.dialogue_id) > 1:
                raise UserError(self.env._("Choose unresolved items of one dialogue at a time."))
            values.update({
                "kind": "push", "dialogue_id": questions.dialogue_id.id,
                "question_ids": [fields.Command.set(questions.ids)],
                "target_organization_id": questions.competent_organization_id[:1].id,
            })
        return values
