from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain
from odoo.tools import SQL

KINDS = [
    ("invitation", "Invitations"),
    ("announcement", "Radio announcement"),
    ("questions", "Questions to the host"),
    ("conclusion", "Conclusion notice"),
    ("resolution", "Resolution of an assignment"),
]
# kind: (offset in the id, deadline column, date the step was done) of doithoai_dialogue
DIALOGUE_STEPS = {
    "invitation": (1, "invitation_deadline", "invitation_date"),
    "announcement": (2, "announcement_deadline", "announcement_date"),
    "questions": (3, "questions_deadline", "questions_sent_date"),
    "conclusion": (4, "conclusion_deadline", "conclusion_date"),
}
RESOLUTION_OFFSET = 5
ID_STEP = 8


class DoithoaiDeadlineEvent(models.Model):
    """The legal deadlines of dialogues and assignments as calendar events: a read-only view
    over the deadlines the deadline engine stored on them (nothing is computed twice)."""
    _name = "doithoai.deadline.event"
    _description = "Legal Deadline"
    _auto = False
    _order = "date, id"

    name = fields.Char(string="Subject", readonly=True)
    kind = fields.Selection(KINDS, string="Deadline", readonly=True)
    date = fields.Date(string="Deadline Date", readonly=True)
    done_date = fields.Date(string="Done on", readonly=True)
    is_done = fields.Boolean(string="Done", readonly=True)
    is_late = fields.Boolean(string="Late", readonly=True,
                             help="Done after the deadline, or still not done past it.")
    dialogue_id = fields.Many2one("doithoai.dialogue", string="Dialogue", readonly=True)
    assignment_id = fields.Many2one("doithoai.assignment", string="Assignment", readonly=True)
    organization_id = fields.Many2one("doithoai.organization", string="Organization", readonly=True,
                                      help="Who must meet the deadline: the host, or the assigned agency.")

    @property
    def _table_query(self):
        today = self.env["doithoai.organization"]._doithoai_today()
        parts = []
        for kind, (offset, deadline, done) in DIALOGUE_STEPS.items():
            parts.append(SQL(
                """SELECT d.id * %(step)s + %(offset)s AS id, %(kind)s AS kind, d.name AS name,
                          d.%(deadline)s AS date, d.%(done)s AS done_date,
                          d.%(done)s IS NOT NULL AS is_done,
                          COALESCE(d.%(done)s, %(today)s) > d.%(deadline)s AS is_late,
                          d.id AS dialogue_id, NULL::integer AS assignment_id,
                          d.organization_id AS organization_id
                     FROM doithoai_dialogue d
                    WHERE d.active AND d.%(deadline)s IS NOT NULL
                      AND COALESCE(d.state, '') != 'cancel'""",
                step=ID_STEP, offset=offset, kind=kind, today=today,
                deadline=SQL.identifier(deadline), done=SQL.identifier(done)))
        parts.append(SQL(
            """SELECT a.id * %(step)s + %(offset)s AS id, 'resolution' AS kind,
                      CASE WHEN a.confidential THEN %(hidden)s ELSE a.name END AS name,
                      a.date_due AS date, a.date_resolved AS done_date,
                      a.date_resolved IS NOT NULL AS is_done,
                      COALESCE(a.date_resolved, %(today)s) > a.date_due AS is_late,
                      a.dialogue_id AS dialogue_id, a.id AS assignment_id,
                      a.organization_id AS organization_id
                 FROM doithoai_assignment a
                WHERE a.active AND a.date_due IS NOT NULL AND COALESCE(a.state, '') != 'cancel'""",
            step=ID_STEP, offset=RESOLUTION_OFFSET, today=today,
            hidden=self.env._("Confidential assignment")))
        return SQL(" UNION ALL ").join(parts)

    def _source_domain(self):
        # A deadline is seen by whoever may read its dialogue or its assignment: the record
        # rules of those models decide, not a second copy of them here.
        return Domain.OR([
            Domain("assignment_id", "=", False)
            & Domain("dialogue_id", "in", self.env["doithoai.dialogue"]._search([])),
            Domain("assignment_id", "in", self.env["doithoai.assignment"]._search([])),
        ])

    @api.model
    def _search(self, domain, *args, **kwargs):
        if not self.env.su:
            domain = Domain.AND([Domain(domain), self._source_domain()])
        return super()._search(domain, *args, **kwargs)

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        # read by id (RPC) passes no search: the same rule as the search applies
        allowed = self.browse(self.sudo()._search(Domain("id", "in", self.ids) & self._source_domain()))
        forbidden = self - allowed
        if forbidden:
            return forbidden, lambda: AccessError(self.env._(
                "You may not read the deadlines of dialogues or assignments you cannot see."))
        return None

    @api.depends("kind", "name")
    def _compute_display_name(self):
        # "Invitations: <topic>": a calendar cell shows which deadline it is first
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for event in self:
            event.display_name = f"{labels.get(event.kind, '')}: {event.name or ''}"

    def action_open_source(self):
        self.ensure_one()
        record = self.assignment_id or self.dialogue_id
        return {"type": "ir.actions.act_window", "res_model": record._name, "res_id": record.id,
                "views": [(False, "form")], "target": "current"}
