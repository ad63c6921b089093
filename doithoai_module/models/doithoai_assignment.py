from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .doithoai_dialogue import DEADLINE_STATUS, FROZEN_STATES, deadline_status

ORIGINS = [
    ("dialogue", "Dialogue conclusion"),
    ("supervision", "Recommendation after supervision"),
    ("criticism", "Recommendation after social criticism"),
]
RESPONSES = [
    ("accepted", "Accepted"),
    ("partly", "Partly accepted"),
    ("rejected", "Not accepted"),
]
# Where an origin takes its host organisation from, and the deadline rule it counts with.
ORIGIN_SOURCE = {"dialogue": "dialogue_id", "supervision": "supervision_id", "criticism": "criticism_id"}


class DoithoaiAssignment(models.Model):
    _name = "doithoai.assignment"
    _description = "Assignment"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin", "doithoai.reminder.mixin"]
    _order = "date_due, id"

    name = fields.Char(string="Task", required=True, tracking=True)
    # What the agency must answer: a dialogue's conclusion notice, or a union's recommendation
    # after supervision or social criticism (kiến nghị sau giám sát, phản biện). One life for
    # both: deadline engine, reminders, escalation, extension, answer.
    origin = fields.Selection(ORIGINS, required=True, default="dialogue", tracking=True, index=True)
    dialogue_id = fields.Many2one("doithoai.dialogue", string="Dialogue", index=True,
                                  ondelete="restrict", tracking=True)
    supervision_id = fields.Many2one("doithoai.supervision", string="Supervision", index=True,
                                     ondelete="restrict", tracking=True)
    criticism_id = fields.Many2one("doithoai.criticism", string="Social Criticism", index=True,
                                   ondelete="restrict", tracking=True)
    host_organization_id = fields.Many2one(
        "doithoai.organization", compute="_compute_host_organization_id", store=True, readonly=False,
        precompute=True, index=True, string="Host Organization", ondelete="restrict", required=True,
        help="The dialogue's organisation, or the union that sends the recommendation.")
    company_id = fields.Many2one(related="host_organization_id.company_id", store=True, index=True)
    response = fields.Selection(RESPONSES, string="Agency's Response", tracking=True, copy=False,
                                help="Whether the agency accepts the recommendation (tiếp thu).")
    explanation = fields.Text(string="Agency's Explanation", tracking=True, copy=False,
                              help="Why it is accepted only in part or not accepted (giải trình).")
    question_ids = fields.Many2many("doithoai.question", "doithoai_assignment_question_rel",
                                    "assignment_id", "question_id", string="Questions")
    asker_ids = fields.Many2many("res.partner", compute="_compute_asker_ids", string="Askers")
    confidential = fields.Boolean(compute="_compute_confidential", store=True)
    organization_id = fields.Many2one("doithoai.organization", string="Assigned Agency", index=True,
                                      required=True, ondelete="restrict", tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", index=True, tracking=True)
    notice_date = fields.Date(string="Conclusion Notice Date", required=True, tracking=True)
    deadline = fields.Date(string="Legal Deadline", compute="_compute_deadline", store=True,
                           tracking=True)
    extension_date = fields.Date(string="Extended to", tracking=True, copy=False)
    extension_reason = fields.Text(tracking=True, copy=False)
    extension_answer = fields.Html(string="Written Answer to the Askers", copy=False,
                                   help="Content, timeline and responsibility, sent to the askers.")
    date_due = fields.Date(string="Due", compute="_compute_date_due", store=True, index=True)
    extension_requested_date = fields.Date(string="Extension Requested to", tracking=True, copy=False)
    extension_request_reason = fields.Text(string="Reason of the Request", tracking=True, copy=False)
    # Html cannot be tracked in Odoo 19: resolving posts the result in the chatter instead.
    result = fields.Html(copy=False)
    date_resolved = fields.Date(string="Resolved on", tracking=True, copy=False)
    is_on_time = fields.Boolean(string="On Time", compute="_compute_is_on_time", store=True)
    days_late = fields.Integer(compute="_compute_is_on_time", store=True,
                               help="Working days between the due date and the resolution.")
    deadline_status = fields.Selection(DEADLINE_STATUS, compute="_compute_deadline_status", store=True)
    stage_id = fields.Many2one("doithoai.assignment.stage", string="Stage", tracking=True, index=True,
                               group_expand="_read_group_stage_ids", copy=False, ondelete="restrict",
                               default=lambda self: self.env["doithoai.assignment.stage"]._first_of_state("new"))
    state = fields.Selection(related="stage_id.state", store=True, index=True)
    color = fields.Integer()
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")
    active = fields.Boolean(default=True, tracking=True)
    # The measure of the pivot and graph views: a labelled count ("Count" reads badly translated).
    item_count = fields.Integer(string="Number of Assignments", default=1, readonly=True, copy=False, aggregator="sum")

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([])

    _origin_source = models.Constraint(
        "CHECK(origin != 'dialogue' OR dialogue_id IS NOT NULL)",
        "An assignment of a dialogue needs its dialogue.")

    @api.depends("origin", "dialogue_id.organization_id", "supervision_id.organization_id",
                 "criticism_id.organization_id")
    def _compute_host_organization_id(self):
        for assignment in self:
            source = assignment[ORIGIN_SOURCE[assignment.origin or "dialogue"]]
            # Without a source record (a recommendation typed in), the union chosen stays.
            assignment.host_organization_id = source.organization_id if source else assignment.host_organization_id

    def _deadline_kind(self):
        """The rule of the deadline engine this assignment counts with."""
        return "resolution" if self.origin == "dialogue" else "recommendation"

    @api.depends("question_ids.asker_ids")
    def _compute_asker_ids(self):
        for assignment in self:
            assignment.asker_ids = assignment.question_ids.asker_ids

    @api.depends("question_ids.confidential")
    def _compute_confidential(self):
        for assignment in self:
            assignment.confidential = any(assignment.question_ids.mapped("confidential"))

    @api.depends("notice_date", "origin", "host_organization_id.calendar_id", "host_organization_id.parent_path")
    def _compute_deadline(self):
        # Resolved and cancelled assignments keep their legal deadline (read back from the
        # database inside the compute), so their due date, on-time flag and days late stay.
        self.fetch(["state"])  # one query for the whole batch
        frozen = self.filtered(lambda a: a.id and a.state in FROZEN_STATES and a.deadline)
        for assignment in frozen:
            assignment.deadline = assignment.deadline
        dated = (self - frozen).filtered(lambda a: a.notice_date and a.host_organization_id)
        engine = self.env["doithoai.deadline.rule"]._deadline_engine(
            dated.host_organization_id, dated.mapped("notice_date"))
        for assignment in self - frozen:
            assignment.deadline = engine.compute(
                assignment.host_organization_id, assignment._deadline_kind(), assignment.notice_date)

    @api.depends("deadline", "extension_date")
    def _compute_date_due(self):
        for assignment in self:
            assignment.date_due = assignment.extension_date or assignment.deadline

    @api.depends("date_due", "date_resolved")
    def _compute_is_on_time(self):
        # Deadlines count in working days, so does the delay: on the host's calendar, the one
        # the deadline was counted on (set-up data an agency may not read: sudo).
        late = self.filtered(lambda a: a.date_resolved and a.date_due and a.date_resolved > a.date_due)
        engine = self.env["doithoai.deadline.rule"].sudo()._deadline_engine(
            late.host_organization_id.sudo(), late.mapped("date_due") + late.mapped("date_resolved"))
        for assignment in self:
            assignment.is_on_time = bool(assignment.date_resolved) and assignment not in late
            assignment.days_late = engine.workday_calendar(assignment.host_organization_id.sudo()).count_between(
                assignment.date_due, assignment.date_resolved) if assignment in late else 0

    @api.depends("date_due", "state", "date_resolved")
    def _compute_deadline_status(self):
        for assignment in self:
            today = assignment.host_organization_id[:1]._doithoai_today()
            late = bool(assignment.state == "done" and assignment.date_resolved and assignment.date_due
                        and assignment.date_resolved > assignment.date_due)
            assignment.deadline_status = deadline_status(
                assignment.date_due, today, assignment.state in ("done", "cancel"), late)

    @api.constrains("notice_date", "extension_date", "date_resolved", "deadline")
    def _check_dates(self):
        for assignment in self:
            start = assignment.dialogue_id and assignment.dialogue_id._local_date(assignment.dialogue_id.date_start)
            if start and assignment.notice_date < start:
                raise ValidationError(self.env._(
                    "The conclusion notice of “%s” cannot be dated before the session.", assignment.name))
            if assignment.extension_date and assignment.deadline \
                    and assignment.extension_date <= assignment.deadline:
                raise ValidationError(self.env._(
                    "An extension of “%s” must end after the legal deadline %s.",
                    assignment.name, assignment.deadline.strftime("%d/%m/%Y")))
            if assignment.date_resolved and assignment.date_resolved < assignment.notice_date:
                raise ValidationError(self.env._(
                    "“%s” cannot be resolved before the conclusion notice.", assignment.name))

    @api.constrains("extension_date", "extension_reason")
    def _check_extension_reason(self):
        for assignment in self:
            if assignment.extension_date and not (assignment.extension_reason or "").strip():
                raise ValidationError(self.env._(
                    "An extension of “%s” needs its reason, written to the askers.", assignment.name))

    @api.constrains("response", "explanation", "origin")
    def _check_response(self):
        for assignment in self:
            if assignment.response and assignment.origin == "dialogue":
                raise ValidationError(self.env._(
                    "“%s” is an assignment of a dialogue: only a recommendation is accepted or not.",
                    assignment.name))
            if assignment.response in ("partly", "rejected") and not (assignment.explanation or "").strip():
                raise ValidationError(self.env._(
                    "Explain why the recommendation “%s” is not fully accepted (giải trình).",
                    assignment.name))

    # What a responding agency may change on an assignment given to it.
    RESPONDER_FIELDS = {"result", "date_resolved", "stage_id", "user_id", "color", "priority",
                        "extension_requested_date", "extension_request_reason", "response", "explanation"}

    def write(self, vals):
        if "origin" in vals and any(a.origin != vals["origin"] for a in self):
            raise UserError(self.env._("What an assignment answers (a dialogue, a supervision, a social "
                                       "criticism) is fixed once it is created: create a new one instead."))
        self._check_responder_write(vals)
        if "stage_id" in vals:
            stage = self.env["doithoai.assignment.stage"].browse(vals["stage_id"])
            if stage.state == "done":
                missing = self.filtered(lambda a: not (vals.get("result") or a.result))
                if missing:
                    raise UserError(self.env._(
                        "Record the result of “%s” before marking it resolved.", missing[0].name))
                unanswered = self.filtered(lambda a: a.origin != "dialogue" and not (vals.get("response") or a.response))
                if unanswered:
                    raise UserError(self.env._(
                        "Say whether the recommendation “%s” is accepted, partly accepted or not "
                        "accepted before answering it.", unanswered[0].name))
                if not vals.get("date_resolved"):
                    for assignment in self.filtered(lambda a: not a.date_resolved):
                        assignment.write({"date_resolved": assignment.host_organization_id._doithoai_today()})
        res = super().write(vals)
        if {"dialogue_id", "supervision_id", "criticism_id", "host_organization_id", "organization_id"} & vals.keys():
            self._check_org_tree()
        if "stage_id" in vals or "date_resolved" in vals:
            self._sync_questions()
        self._notify_askers_of(vals)
        return res

    def _notify_askers_of(self, vals):
        """Askers hear back when their assignment is resolved or extended."""
        resolved = extended = self.browse()
        if {"stage_id", "date_resolved"} & vals.keys():
            resolved = self.filtered(lambda a: a.state == "done" and a.date_resolved)
        if "extension_date" in vals:
            extended = self.filtered("extension_date")
        if resolved or extended:
            self.env["doithoai.reminder"]._notify_askers(resolved, extended)

    def _check_responder_write(self, vals):
        user = self.env.user
        if {"extension_date", "extension_reason", "extension_answer"} & set(vals) \
                and not self.env["doithoai.dialogue"]._is_leader():
            raise UserError(self.env._(
                "Only a leader grants an extension: use “Request an extension” on the assignment."))
        if self.env.su or user.has_group("doithoai_module.group_doithoai_officer"):
            return
        if not user.has_group("doithoai_module.group_doithoai_responder"):
            return  # the access rights refuse it anyway
        forbidden = {f for f in vals if f not in self.RESPONDER_FIELDS and not f.startswith(("message_", "activity_"))}
        if forbidden:
            raise UserError(self.env._(
                "A responding agency records progress and results only; it cannot change: %s.",
                ", ".join(self._fields[f].get_description(self.env)["string"] for f in sorted(forbidden))))
        if "stage_id" in vals:
            state = self.env["doithoai.assignment.stage"].browse(vals["stage_id"]).state
            if state in ("extended", "cancel"):
                raise UserError(self.env._("Only a leader may extend or cancel an assignment."))

    def action_request_extension(self):
        """A responding agency asks a leader of the host for more time, with a reason and a date."""
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(self.env._("“%s” is closed: no extension can be asked.", self.name))
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Request an extension"),
            "res_model": "doithoai.extension.request.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_id": self.id},
        }

    def _request_extension(self, date_proposed, reason):
        """Records the request and gives the host's leaders a to-do to decide on it."""
        self.ensure_one()
        if self.date_due and date_proposed <= self.date_due:
            raise ValidationError(self.env._(
                "The proposed date must come after the current due date %s.",
                self.date_due.strftime("%d/%m/%Y")))
        self.write({"extension_requested_date": date_proposed, "extension_request_reason": reason})
        leaders = self.host_organization_id._doithoai_leaders()
        if not leaders:
            raise UserError(self.env._(
                "No leader is set for %s: ask the administrator to add one before requesting an extension.",
                self.host_organization_id.name))
        summary = self.env._("Extension requested to %s", date_proposed.strftime("%d/%m/%Y"))
        for leader in leaders:
            self.sudo().activity_schedule(
                "doithoai_module.mail_activity_type_extension_request", user_id=leader.id,
                summary=summary, note=reason)
        self.message_post(body=self.env._(
            "%(agency)s asks to extend the deadline to %(date)s. Reason: %(reason)s",
            agency=self.env.user.name, date=date_proposed.strftime("%d/%m/%Y"), reason=reason))

    @api.model_create_multi
    def create(self, vals_list):
        assignments = super().create(vals_list)
        assignments._check_org_tree()
        assignments.question_ids._move_to_state("assigned")
        assignments._sync_questions()
        return assignments

    def _check_org_tree(self):
        """The dialogue of an assignment is in the user's organisation tree; the responding
        agency may be any organisation of the user's company (a commune may assign a
        province department)."""
        for assignment in self.sudo():
            assignment.host_organization_id.with_env(self.env)._check_in_user_tree(assignment.name)
            assignment.organization_id.with_env(self.env)._check_same_company(assignment.name)

    def _sync_questions(self):
        """A question is resolved once every assignment carrying it is."""
        questions = self.filtered(lambda a: a.state == "done").question_ids
        resolved = questions.filtered(lambda q: all(a.state == "done" for a in q.assignment_ids))
        # The agency resolving may not edit the questions; their stage follows as a consequence.
        resolved.sudo()._move_to_state("resolved")

    def action_resolve(self):
        stage = self.env["doithoai.assignment.stage"]._first_of_state("done")
        self.write({"stage_id": stage.id})
        for assignment in self:
            assignment.message_post(body=Markup("%s<br/>%s") % (
                self.env._("Resolved. Result:"), assignment.result))

    def action_open_extension_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Extend the deadline"),
            "res_model": "doithoai.extension.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_assignment_id": self.id},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if self.filtered(lambda a: a.state != "new" or a.dialogue_id.is_held or a.date_resolved):
            raise UserError(self.env._("Assignments of a held dialogue are history: archive them instead."))
