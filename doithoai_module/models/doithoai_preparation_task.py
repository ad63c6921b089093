"""Preparation tasks of a dialogue, per agency (plan of document 002, part III).

Each agency's task (delegate list, invitations, script, hall...) is due a number of working
days before the session, counted back by the one deadline engine on the host's calendar.
The host and its co-host or proposer organise the tasks; the agency sees and updates only
its own (record rules) and only their progress (AGENCY_FIELDS)."""
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

TASK_KINDS = [
    ("questions", "Collect and aggregate questions"),
    ("delegates", "Delegate list and summons"),
    ("invitations", "Invitations"),
    ("script", "Programme and script"),
    ("documents", "Documents"),
    ("answers", "Prepared answers"),
    ("conclusion", "Draft conclusion notice"),
    ("hall", "Hall and decoration"),
    ("name_plates", "Name plates and seating"),
    ("reception", "Reception of delegates"),
    ("media", "Media coverage"),
    ("power", "Power supply"),
    ("gifts", "Gifts"),
    ("budget", "Budget"),
    ("other", "Other"),
]
TASK_STATES = [
    ("todo", "To do"),
    ("progress", "In progress"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
# What the agency itself may change on its task; the rest is the organisers'.
AGENCY_FIELDS = {"state", "note", "user_id", "date_done", "color"}
MAX_DAYS_BEFORE = 60


class DoithoaiPreparationTask(models.Model):
    _name = "doithoai.preparation.task"
    _description = "Preparation Task"
    _inherit = ["doithoai.input.mixin", "mail.thread", "mail.activity.mixin", "doithoai.reminder.mixin"]
    _order = "date_due, sequence, id"

    name = fields.Char(string="Task", required=True, tracking=True)
    kind = fields.Selection(TASK_KINDS, required=True, default="other")
    sequence = fields.Integer(default=10)
    dialogue_id = fields.Many2one("doithoai.dialogue", string="Dialogue", required=True, index=True,
                                  ondelete="cascade")
    # Read without access to the dialogue: an agency sees its task, not the whole dialogue.
    dialogue_name = fields.Char(related="dialogue_id.name", string="Dialogue Topic")
    date_session = fields.Datetime(related="dialogue_id.date_start", store=True, string="Session")
    host_organization_id = fields.Many2one(related="dialogue_id.organization_id", store=True,
                                           index=True, string="Host")
    company_id = fields.Many2one(related="dialogue_id.company_id", store=True, index=True)
    organization_id = fields.Many2one("doithoai.organization", string="Agency", required=True,
                                      index=True, tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True)
    days_before = fields.Integer(string="Working Days Before the Session", default=5,
                                 help="The task is due this many working days before the session "
                                      "(0: on the day), on the host's calendar.")
    date_due = fields.Date(string="Due", compute="_compute_date_due", store=True, tracking=True)
    state = fields.Selection(TASK_STATES, string="Status", required=True, default="todo", tracking=True,
                             group_expand="_group_expand_states")
    date_done = fields.Date(string="Done on", copy=False)
    note = fields.Text()
    color = fields.Integer()

    @api.model
    def _group_expand_states(self, states, domain):
        return [key for key, _label in TASK_STATES]

    @api.constrains("days_before")
    def _check_days_before(self):
        for task in self:
            if not 0 <= task.days_before <= MAX_DAYS_BEFORE:
                raise ValidationError(self.env._(
                    "“%(task)s”: count between 0 and %(max)s working days before the session.",
                    task=task.name, max=MAX_DAYS_BEFORE))

    @api.depends("dialogue_id.date_start", "days_before", "dialogue_id.organization_id.calendar_id",
                 "dialogue_id.organization_id.parent_path")
    def _compute_date_due(self):
        dated = self.filtered(lambda t: t.dialogue_id.date_start and t.dialogue_id.organization_id)
        hosts = dated.dialogue_id.organization_id
        days = {t.id: t.dialogue_id._local_date(t.dialogue_id.date_start) for t in dated}
        engine = self.env["doithoai.deadline.rule"]._deadline_engine(hosts, days.values())
        for task in self:
            task.date_due = engine.shift(task.dialogue_id.organization_id, days.get(task.id),
                                         -task.days_before) if task.id in days else False

    # ------------------------------------------------------------------
    # Who may change what
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._check_organiser()
        return tasks

    def write(self, vals):
        self.check_access("write")
        if set(vals) - AGENCY_FIELDS:
            self._check_organiser()
        if vals.get("state") == "done" and "date_done" not in vals:
            vals = dict(vals, date_done=self.sudo().dialogue_id[:1]._today())
        res = super().write(vals)
        if {"dialogue_id", "organization_id"} & vals.keys():
            self._check_organiser()
        return res

    def _check_organiser(self):
        """Only the host and its co-host or proposer plan the tasks; an agency updates its own."""
        roles = self.env["doithoai.organization"]._doithoai_dialogue_roles(self.sudo().dialogue_id)
        for task in self.sudo():
            if not roles[task.dialogue_id.id]:
                raise AccessError(self.env._(
                    "“%(task)s” is planned by the organisers of “%(dialogue)s”: your agency only "
                    "records its progress (status, note, responsible person).",
                    task=task.name, dialogue=task.dialogue_id.name))
            task.organization_id.with_env(self.env)._check_same_company(task.name)

    def action_start(self):
        self.write({"state": "progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_reset(self):
        self.write({"state": "todo", "date_done": False})
