from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools.localtime import local_date
from ..tools.vn_paper import format_vn_date
from .doithoai_dialogue_stage import (
    APPROVED_STATES, HELD_STATES, LEADER, OFFICER, PARTNER, PROTECTED_FIELDS, STATES, TRANSITIONS)
from .doithoai_organization import HOST_DOMAIN

DEADLINE_STATUS = [
    ("on_track", "On track"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("done", "Done"),
    ("done_late", "Done late"),
]
DUE_SOON_DAYS = 7
# Nothing is left to do by a legal deadline in these states.
DONE_STATES = ("concluded", "followup", "done", "cancel")
# Closed history: their stored deadlines and figures are never recomputed (a new parent,
# calendar or rule of the organisation changes open records only).
FROZEN_STATES = ("done", "cancel")


def deadline_status(deadline, today, finished, late=False):
    """late: finished after its deadline (a trace that stays once the work is done)."""
    if finished:
        return "done_late" if late else "done"
    if not deadline:
        return "on_track"
    if deadline < today:
        return "overdue"
    return "due_soon" if deadline <= today + timedelta(days=DUE_SOON_DAYS) else "on_track"


class DoithoaiDialogue(models.Model):
    _name = "doithoai.dialogue"
    _description = "Dialogue Session"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin", "doithoai.reminder.mixin", "portal.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Topic", required=True, tracking=True)
    plan_id = fields.Many2one("doithoai.plan", string="Plan", index=True, tracking=True)
    organization_id = fields.Many2one("doithoai.organization", string="Organization", required=True,
                                      index=True, tracking=True)
    level_id = fields.Many2one(related="organization_id.level_id", store=True, string="Level")
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    field_ids = fields.Many2many("doithoai.field", string="Content Areas")
    content = fields.Html(string="Content")
    host_id = fields.Many2one("res.partner", string="Host", tracking=True,
                              compute="_compute_host_id", store=True, readonly=False,
                              domain=HOST_DOMAIN)
    delegated = fields.Boolean(string="Hosted by a Deputy", tracking=True,
                               help="The head delegated the dialogue to a deputy (ủy quyền).")
    cohost_id = fields.Many2one("res.partner", string="Co-host")
    cohost_organization_id = fields.Many2one("doithoai.organization", string="Co-host Organization",
                                             tracking=True)
    proposer_organization_id = fields.Many2one(
        "doithoai.organization", string="Proposed by", tracking=True, index=True,
        help="The organisation that proposed the dialogue (tờ trình xin chủ trương), e.g. the "
             "Women's Union. With the co-host, it works on the dialogue within its role.")
    # The one field the record rules read for co-hosts and proposers ("partner" rules).
    partner_organization_ids = fields.Many2many(
        "doithoai.organization", "doithoai_dialogue_partner_org_rel", "dialogue_id", "organization_id",
        string="Co-host and Proposer", compute="_compute_partner_organization_ids", store=True)
    participant_group_ids = fields.Many2many("doithoai.participant.group", string="Participants")
    venue = fields.Char(tracking=True)
    date_start = fields.Datetime(string="Start", required=True, tracking=True)
    date_end = fields.Datetime(string="End", compute="_compute_date_end", store=True, readonly=False)
    expected_attendance = fields.Integer(string="Expected Attendance")
    actual_attendance = fields.Integer(string="Actual Attendance")
    invited_organization_ids = fields.Many2many(
        "doithoai.organization", "doithoai_dialogue_invited_rel", "dialogue_id", "organization_id",
        string="Invited Agencies")
    agenda_line_ids = fields.One2many("doithoai.agenda.line", "dialogue_id", string="Agenda", copy=True)
    budget_line_ids = fields.One2many("doithoai.budget.line", "dialogue_id", string="Budget", copy=True)
    budget_total = fields.Monetary(compute="_compute_budget_total", string="Total Budget")
    user_id = fields.Many2one("res.users", string="Responsible Officer", tracking=True,
                              default=lambda self: self.env.user, index=True)
    secretary_id = fields.Many2one("res.users", string="Secretary", tracking=True)
    minutes = fields.Html(string="Minutes")
    conclusions = fields.Html(string="Conclusions")

    stage_id = fields.Many2one("doithoai.dialogue.stage", string="Stage", tracking=True, index=True,
                               group_expand="_read_group_stage_ids", copy=False, ondelete="restrict",
                               default=lambda self: self.env["doithoai.dialogue.stage"]._first_of_state("proposal"))
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    is_held = fields.Boolean(compute="_compute_is_held", store=True)
    approved_by_id = fields.Many2one("res.users", string="Approved by", readonly=True, copy=False,
                                     tracking=True)
    approval_date = fields.Datetime(readonly=True, copy=False)

    invitation_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True,
                                      string="Invitations Due")
    announcement_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True,
                                        string="Announcement Due")
    questions_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True,
                                     string="Questions Due to Host")
    conclusion_deadline = fields.Date(compute="_compute_deadlines", store=True, tracking=True,
                                      string="Conclusion Notice Due")
    questions_sent_date = fields.Date(string="Questions Sent to Host on", tracking=True, copy=False,
                                      help="The aggregated questions were reported to the host.")
    announcement_date = fields.Date(string="Announced on Radio on", tracking=True, copy=False)
    invitation_date = fields.Date(string="Invitations Issued on", tracking=True, copy=False)
    conclusion_date = fields.Date(string="Conclusion Notice Issued", tracking=True, copy=False, readonly=True)
    conclusion_number = fields.Char(string="Conclusion Notice Number", tracking=True, copy=False,
                                    readonly=True)
    next_deadline = fields.Date(compute="_compute_next_deadline", store=True)
    deadline_status = fields.Selection(DEADLINE_STATUS, compute="_compute_next_deadline", store=True)

    question_ids = fields.One2many("doithoai.question", "dialogue_id", string="Questions")
    question_count = fields.Integer(compute="_compute_counts")
    assignment_ids = fields.One2many("doithoai.assignment", "dialogue_id", string="Assignments")
    assignment_count = fields.Integer(compute="_compute_counts")
    color = fields.Integer()
    active = fields.Boolean(default=True, tracking=True)
    portal_published = fields.Boolean(
        string="Open for Questions on the Portal", tracking=True, copy=False,
        help="Listed on the citizen portal, which takes questions until the questions deadline; "
             "its share link opens the public page.")

    _attendance_positive = models.Constraint(
        "CHECK(expected_attendance >= 0 AND actual_attendance >= 0)",
        "Attendance cannot be negative.")

    @api.model
    def _deadline_fields(self):
        return ["invitation_deadline", "announcement_deadline", "questions_deadline", "conclusion_deadline"]

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    def _compute_access_url(self):
        super()._compute_access_url()
        for dialogue in self:
            dialogue.access_url = f"/doithoai/dialogue/{dialogue.id}"

    @api.depends("organization_id")
    def _compute_host_id(self):
        for dialogue in self:
            dialogue.host_id = dialogue.organization_id.host_id or dialogue.host_id

    @api.depends("cohost_organization_id", "proposer_organization_id")
    def _compute_partner_organization_ids(self):
        for dialogue in self:
            dialogue.partner_organization_ids = dialogue.cohost_organization_id | dialogue.proposer_organization_id

    @api.depends("date_start")
    def _compute_date_end(self):
        # A dialogue session is half a day; the calendar needs an end to draw it.
        for dialogue in self:
            if dialogue.date_start and (not dialogue.date_end or dialogue.date_end < dialogue.date_start):
                dialogue.date_end = dialogue.date_start + timedelta(hours=3)

    @api.depends("budget_line_ids.amount")
    def _compute_budget_total(self):
        for dialogue in self:
            dialogue.budget_total = sum(dialogue.budget_line_ids.mapped("amount"))

    @api.depends("state")
    def _compute_is_held(self):
        for dialogue in self:
            dialogue.is_held = dialogue.state in HELD_STATES

    def _org_timezones(self):
        """{organisation id: its calendar's time zone} (the one local-time rule, tools/localtime.py)."""
        default = self.env["doithoai.organization"]._doithoai_tz()
        return {org.id: org.calendar_id.tz or default for org in self.organization_id}

    def _local_date(self, dt):
        """The day of `dt` where the organisation sits (its calendar's time zone), whoever asks."""
        return self.organization_id[:1]._doithoai_local_date(dt)

    def _today(self):
        """Today where the dialogue's organisation sits."""
        return self.organization_id[:1]._doithoai_today()

    def _frozen(self):
        """Closed records that already have their deadlines: they keep them. Reading the
        field inside its compute gives the stored value (Odoo marks the field computed
        before calling the method), which the compute assigns back."""
        self.fetch(["state"])  # one query for the whole batch, not one per prefetch chunk
        return self.filtered(lambda d: d.id and d.state in FROZEN_STATES and any(
            d[name] for name in self._deadline_fields()))

    @api.depends("date_start", "organization_id.calendar_id", "organization_id.parent_path")
    def _compute_deadlines(self):
        frozen = self._frozen()
        for dialogue in frozen:
            for name in self._deadline_fields():
                dialogue[name] = dialogue[name]
        dated = (self - frozen).filtered(lambda d: d.date_start and d.organization_id)
        tzs = dated._org_timezones()
        days = {d.id: local_date(d.date_start, tzs[d.organization_id.id]) for d in dated}
        engine = self.env["doithoai.deadline.rule"]._deadline_engine(dated.organization_id, days.values())
        for dialogue in self - frozen:
            day = days.get(dialogue.id)
            org = dialogue.organization_id
            dialogue.invitation_deadline = engine.compute(org, "invitation", day)
            dialogue.announcement_deadline = engine.compute(org, "announcement", day)
            dialogue.questions_deadline = engine.compute(org, "questions", day)
            dialogue.conclusion_deadline = engine.compute(org, "conclusion", day)

    @api.depends("state", "invitation_deadline", "announcement_deadline", "questions_deadline",
                 "conclusion_deadline", "questions_sent_date", "announcement_date", "invitation_date",
                 "conclusion_date")
    def _compute_next_deadline(self):
        todays = {}
        for dialogue in self:
            org = dialogue.organization_id
            today = todays.get(org.id) or todays.setdefault(org.id, org[:1]._doithoai_today())
            deadline = min(dialogue._pending_deadlines(), default=False)
            dialogue.next_deadline = deadline
            late = bool(dialogue.conclusion_date and dialogue.conclusion_deadline
                        and dialogue.conclusion_date > dialogue.conclusion_deadline)
            dialogue.deadline_status = deadline_status(deadline, today, dialogue.state in DONE_STATES, late)

    def _pending_deadlines(self):
        """The legal deadlines of this dialogue whose step is not recorded as done yet."""
        self.ensure_one()
        if self.state in DONE_STATES:
            return []
        if self.state == "held":
            return [self.conclusion_deadline] if self.conclusion_deadline else []
        steps = [(self.questions_deadline, self.questions_sent_date),
                 (self.announcement_deadline, self.announcement_date),
                 (self.invitation_deadline, self.invitation_date or self.state == "invited")]
        pending = [deadline for deadline, done in steps if deadline and not done]
        return pending or ([self.conclusion_deadline] if self.conclusion_deadline else [])

    def _compute_counts(self):
        questions = dict(self.env["doithoai.question"]._read_group(
            [("dialogue_id", "in", self.ids)], ["dialogue_id"], ["__count"]))
        assignments = dict(self.env["doithoai.assignment"]._read_group(
            [("dialogue_id", "in", self.ids)], ["dialogue_id"], ["__count"]))
        for dialogue in self:
            dialogue.question_count = questions.get(dialogue, 0)
            dialogue.assignment_count = assignments.get(dialogue, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for dialogue in self:
            if dialogue.date_end and dialogue.date_end < dialogue.date_start:
                raise ValidationError(self.env._("The session cannot end before it starts."))

    @api.constrains("conclusion_date", "date_start")
    def _check_conclusion_date(self):
        for dialogue in self:
            if dialogue.conclusion_date and dialogue.conclusion_date < dialogue._local_date(dialogue.date_start):
                raise ValidationError(self.env._(
                    "The conclusion notice of “%s” cannot be dated before the session.", dialogue.name))

    # ------------------------------------------------------------------
    # Workflow: the table TRANSITIONS of doithoai_dialogue_stage.py, checked here
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_protected_fields(vals)
        dialogues = super().create(vals_list)
        dialogues._check_org_tree()
        # A record created straight into a later stage (kanban column, import, RPC) obeys the table.
        for dialogue in dialogues:
            dialogue._check_move(False, dialogue.state)
        return dialogues

    def write(self, vals):
        # Who may not write at all hears it first, before any rule of the workflow.
        self.check_access("write")
        self._check_protected_fields(vals)
        if "active" in vals and not self._is_leader():
            raise UserError(self.env._("Only a leader may archive or restore dialogues."))
        if "date_start" in vals:
            start = fields.Datetime.to_datetime(vals["date_start"])
            moved = self.filtered(lambda d: d.is_held and d.date_start != start)
            if moved:
                raise UserError(self.env._(
                    "“%s” was held on %s: its date can no longer change. If it was marked held by "
                    "mistake, a leader reopens it first (button “Reopen”) and says why.",
                    moved[0].name, moved[0]._local_date(moved[0].date_start).strftime("%d/%m/%Y")))
        if "stage_id" in vals:
            stage = self.env["doithoai.dialogue.stage"].browse(vals["stage_id"])
            for dialogue in self:
                dialogue._check_move(dialogue.state, stage.state)
            approving = self.filtered(lambda d: not d.approved_by_id and stage.state in APPROVED_STATES)
            if approving:
                approving._record_approval()
        partner_keys = {"cohost_organization_id", "proposer_organization_id"} & vals.keys()
        if partner_keys or "organization_id" in vals:
            # a co-host or proposer does not hand the dialogue to someone else: its host does
            roles = self.env["doithoai.organization"]._doithoai_dialogue_roles(self)
            for dialogue in self:
                if roles[dialogue.id] != "host":
                    raise AccessError(self.env._(
                        "Only the host of “%s” changes its host, co-host or proposing organisation.",
                        dialogue.name))
        res = super().write(vals)
        if "organization_id" in vals:
            self._check_org_tree(strict=True)
        elif "plan_id" in vals or partner_keys:
            self._check_org_tree()
        return res

    def _check_org_tree(self, strict=False):
        """A dialogue and its plan stay in the user's organisation tree (the record rules
        check where a record is, not where a write moves it). A co-host or proposer may create
        a dialogue hosted above it (the union proposes to the People's Committee); moving an
        existing dialogue to another host (strict) stays inside the user's own tree."""
        Org = self.env["doithoai.organization"]
        roles = Org._doithoai_dialogue_roles(self)
        if strict:
            for dialogue in self.sudo():
                dialogue.organization_id.with_env(self.env)._check_in_user_tree(dialogue.name)
        Org._check_works_on(self)
        for dialogue in self.sudo():
            plan_org, host = dialogue.plan_id.organization_id, dialogue.organization_id
            if roles[dialogue.id] == "partner" and plan_org and host.parent_path and \
                    (plan_org.parent_path or "").startswith(host.parent_path):
                continue  # a partner files the dialogue under a plan of its host
            plan_org.with_env(self.env)._check_in_user_tree(dialogue.plan_id.name)

    def _check_protected_fields(self, vals):
        """Approval, conclusion and held-ness are set by their actions only, never by a user's write."""
        if self.env.su:
            return
        forged = [name for name in PROTECTED_FIELDS if name in vals]
        if forged:
            raise AccessError(self.env._(
                "“%s” is filled in by the workflow, not by hand: a leader approves the dialogue "
                "(button “Approve”) and issues its conclusion notice (button “Issue conclusion notice”).",
                self._fields[forged[0]]._description_string(self.env)))

    def _workflow_role(self):
        """LEADER or OFFICER of the host, PARTNER for an officer of the co-host or proposer."""
        self.ensure_one()
        if self.env.su:
            return LEADER
        role = self.env["doithoai.organization"]._doithoai_dialogue_role(self)
        if not self.env.user.has_group("doithoai_module.group_doithoai_officer"):
            return None
        if role == "host":
            return LEADER if self._is_leader() else OFFICER
        return PARTNER if role == "partner" else None

    def _check_move(self, from_state, to_state):
        """Refuses any move the table TRANSITIONS does not allow, whoever asks (UI, import or RPC)."""
        self.ensure_one()
        if from_state == to_state:
            return
        labels = dict(STATES)
        if from_state in HELD_STATES and to_state not in HELD_STATES:
            raise UserError(self.env._(
                "“%s” was held: it cannot be moved back, cancelled or deleted. If it was marked held "
                "by mistake, a leader reopens it (button “Reopen”) and says why.", self.name))
        if to_state in APPROVED_STATES and not self.approved_by_id and from_state != "approval":
            self._raise_not_approved()
        move = TRANSITIONS.get((from_state, to_state))
        if self.env.su:
            # data files and the system: not bound to a role, but to what each way in requires
            conditions = {cond for (_from, to), (_roles, cond) in TRANSITIONS.items() if to == to_state and cond}
        elif not move:
            raise UserError(self.env._(
                "“%(name)s” cannot go from “%(from)s” to “%(to)s”: follow the steps of the workflow "
                "with the buttons of the dialogue.", name=self.name,
                **{"from": labels.get(from_state, self.env._("new")), "to": labels[to_state]}))
        else:
            roles, condition = move
            role = self._workflow_role()
            if role == PARTNER and role not in roles:
                raise UserError(self.env._(
                    "“%(name)s” is hosted by %(host)s: as co-host or proposer you prepare it, but only "
                    "the host moves it to “%(to)s”.", name=self.name,
                    host=self.sudo().organization_id.name, to=labels[to_state]))
            if role not in roles and to_state in APPROVED_STATES:
                raise UserError(self.env._(
                    "Only a leader may approve “%s” or record its conclusion notice.", self.name))
            if role not in roles:
                raise UserError(self.env._(
                    "Only a leader may move “%(name)s” to “%(to)s” (approve it or record its "
                    "conclusion notice): ask a leader of its organisation.",
                    name=self.name, to=labels[to_state]))
            conditions = {condition} if condition else set()
        for condition in sorted(conditions):
            getattr(self, f"_workflow_{condition}")()

    def _workflow_approved(self):
        if not self.approved_by_id:
            self._raise_not_approved()

    def _workflow_started(self):
        if self.date_start > fields.Datetime.now():
            raise UserError(self.env._(
                "“%s” starts on %s: a session cannot be marked as held before it starts.",
                self.name, fields.Date.to_string(self._local_date(self.date_start))))

    def _workflow_concluded(self):
        if not self.conclusion_date:
            raise UserError(self.env._(
                "Issue the conclusion notice of “%s” first (button “Issue conclusion notice”).",
                self.name))

    def _raise_not_approved(self):
        raise UserError(self.env._(
            "“%s” must be approved before it is prepared or held: "
            "move it to the approval stage first.", self.name))

    def _doithoai_reminder_date(self, kind):
        """The deadline a reminder of this kind is about, as a Vietnamese date."""
        self.ensure_one()
        field = f"{kind}_deadline" if f"{kind}_deadline" in self._fields else "conclusion_deadline"
        return format_vn_date(self[field])

    def _is_leader(self):
        """A leader; of these dialogues, a leader of their HOST (a leader of the co-host or
        proposer is not: it neither approves nor concludes a dialogue it does not host)."""
        if self.env.su:
            return True
        if not self.env.user.has_group("doithoai_module.group_doithoai_manager"):
            return False
        roles = self.env["doithoai.organization"]._doithoai_dialogue_roles(self)
        return all(role == "host" for role in roles.values())

    # The only ways in for the protected fields: private methods (never callable over RPC)
    # that write past the checks above; the access rights and record rules still apply.
    def _record_approval(self):
        super(DoithoaiDialogue, self).write({
            "approved_by_id": self.env.user.id,
            "approval_date": fields.Datetime.now(),
        })

    def _record_conclusion(self, day, number=False, conclusions=None):
        """Called by the conclusion wizard after its checks."""
        vals = {"conclusion_date": day, "conclusion_number": number}
        if conclusions is not None:
            vals["conclusions"] = conclusions
        super(DoithoaiDialogue, self).write(vals)

    def _reopen(self, reason):
        """A leader reopens a session marked held by mistake (reopen wizard): back to invited."""
        reason = (reason or "").strip()
        if not self._is_leader():
            raise UserError(self.env._("Only a leader may reopen a held dialogue."))
        if not reason:
            raise UserError(self.env._("Say why the dialogue is reopened."))
        stage = self.env["doithoai.dialogue.stage"]._first_of_state("invited")
        for dialogue in self:
            if dialogue.state != "held" or dialogue.conclusion_date:
                raise UserError(self.env._(
                    "“%s” cannot be reopened: only a session marked held whose conclusion notice "
                    "is not issued yet can be.", dialogue.name))
        super(DoithoaiDialogue, self).write({"stage_id": stage.id})
        for dialogue in self:
            dialogue.message_post(body=self.env._("Reopened by %(user)s: %(reason)s",
                                                  user=self.env.user.name, reason=reason))

    def action_open_reopen_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reopen the dialogue"),
            "res_model": "doithoai.dialogue.reopen.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dialogue_id": self.id},
        }

    def _move_to_state(self, state):
        stage = self.env["doithoai.dialogue.stage"]._first_of_state(state)
        if not stage:
            raise UserError(self.env._("No stage is configured for this step of the workflow."))
        self.write({"stage_id": stage.id})

    def action_submit(self):
        self._move_to_state("approval")
        for dialogue in self:
            leaders = dialogue.organization_id._doithoai_leaders()
            for leader in leaders:
                dialogue.activity_schedule(
                    "doithoai_module.mail_activity_type_approval", user_id=leader.id,
                    summary=self.env._("Approve “%s”", dialogue.name))
            dialogue.message_post(body=self.env._(
                "Submitted for approval to %s.", ", ".join(leaders.mapped("name"))) if leaders else self.env._(
                "Submitted for approval, but no leader of %s uses the application: "
                "an administrator must add one to approve it.", dialogue.organization_id.name))

    def action_approve(self):
        for dialogue in self:
            if dialogue.state != "approval":
                raise UserError(self.env._("Only a dialogue awaiting approval can be approved."))
        self._move_to_state("preparation")
        self.activity_feedback(["doithoai_module.mail_activity_type_approval"],
                               feedback=self.env._("Approved."))

    def action_questions_sent(self):
        for dialogue in self:
            dialogue.write({"questions_sent_date": dialogue._today()})

    def action_announced(self):
        for dialogue in self:
            dialogue.write({"announcement_date": dialogue._today()})

    def action_mark_invited(self):
        self._move_to_state("invited")
        for dialogue in self.filtered(lambda d: not d.invitation_date):
            dialogue.write({"invitation_date": dialogue._today()})

    def action_mark_held(self):
        self._move_to_state("held")

    def action_cancel(self):
        self._move_to_state("cancel")

    def action_open_conclusion_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue conclusion notice"),
            "res_model": "doithoai.conclusion.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dialogue_id": self.id, "dialog_size": "extra-large"},
        }

    def action_open_answer_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Record answers"),
            "res_model": "doithoai.answer.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_dialogue_id": self.id, "dialog_size": "extra-large"},
        }

    def action_view_questions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_question_action")
        action["domain"] = [("dialogue_id", "=", self.id)]
        action["context"] = {"default_dialogue_id": self.id}
        return action

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_assignment_action")
        action["domain"] = [("dialogue_id", "=", self.id)]
        action["context"] = {"default_dialogue_id": self.id}
        return action

    @api.ondelete(at_uninstall=False)
    def _unlink_except_held(self):
        held = self.filtered("is_held")
        if held:
            raise UserError(self.env._(
                "“%s” was held: its history cannot be deleted. Archive it instead.", held[0].name))
        asked = self.filtered("question_ids")
        if asked:
            raise UserError(self.env._(
                "People already sent questions to “%s”: archive it instead of deleting it.", asked[0].name))

    @api.model
    def _cron_refresh_deadline_status(self):
        """Status colours depend on today: one UPDATE a model refreshes them all."""
        today = self.env["doithoai.organization"]._doithoai_today()
        soon = today + timedelta(days=DUE_SOON_DAYS)
        for model, field in (("doithoai.dialogue", "next_deadline"), ("doithoai.assignment", "date_due")):
            Model = self.env[model]
            Model.flush_model([field, "deadline_status"])
            self.env.cr.execute(SQL(
                """UPDATE %(table)s
                      SET deadline_status = CASE WHEN %(field)s < %(today)s THEN 'overdue' ELSE 'due_soon' END
                    WHERE deadline_status IN ('on_track', 'due_soon')
                      AND %(field)s <= %(soon)s
                      AND deadline_status IS DISTINCT FROM
                          (CASE WHEN %(field)s < %(today)s THEN 'overdue' ELSE 'due_soon' END)""",
                table=SQL.identifier(Model._table), field=SQL.identifier(field), today=today, soon=soon))
            Model.invalidate_model(["deadline_status"])
