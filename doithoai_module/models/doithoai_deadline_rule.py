from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.fields import Domain

from ..tools import WorkdayCalendar

KINDS = [
    ("invitation", "Invitations / public notice before the session"),
    ("announcement", "Radio announcement before the session"),
    ("questions", "Aggregated questions to the host before the session"),
    ("conclusion", "Conclusion notice after the session"),
    ("resolution", "Resolution after the conclusion notice"),
    ("prepared_answer", "Prepared answers from the agencies before the session"),
    ("recommendation", "Answer to a recommendation after supervision or social criticism"),
    ("petition", "Answer of the competent agency to a forwarded petition"),
]
# Counted backwards from the session, or forwards from the session / the notice.
BEFORE = {"invitation", "announcement", "questions", "prepared_answer"}
# The legal defaults of the source documents, used when no rule record applies.
DEFAULTS = {
    "invitation": (3, "working"),
    "announcement": (7, "calendar"),
    "questions": (10, "calendar"),
    "conclusion": (10, "working"),
    "resolution": (45, "working"),
    # The host reads the agencies' drafts before the session (plan of document 002).
    "prepared_answer": (3, "working"),
    # Supervision and social criticism (Khánh Hòa programme, seed 004): the supervised agency
    # answers the union's recommendation in writing; an agency deals with a petition forwarded
    # to it. Defaults to be confirmed by each organisation (they are rule records to edit).
    "recommendation": (30, "working"),
    "petition": (10, "working"),
}


class DoithoaiDeadlineRule(models.Model):
    _name = "doithoai.deadline.rule"
    _description = "Deadline Rule"
    _order = "organization_id, kind"

    kind = fields.Selection(KINDS, required=True)
    days = fields.Integer(required=True)
    unit = fields.Selection([("working", "Working days"), ("calendar", "Calendar days")],
                            required=True, default="working")
    organization_id = fields.Many2one(
        "doithoai.organization", string="Organization", index=True, ondelete="cascade",
        help="Empty: the default for every organization. A rule of an organization also "
             "applies to the organizations below it.")
    active = fields.Boolean(default=True)

    _days_positive = models.Constraint("CHECK(days > 0)", "A deadline counts at least one day.")
    _kind_organization_uniq = models.UniqueIndex(
        "(kind, COALESCE(organization_id, 0)) WHERE active",
        "There is already a rule of this kind for this organization.")

    @api.depends("kind", "days", "unit")
    def _compute_display_name(self):
        labels = dict(self._fields["unit"]._description_selection(self.env))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for rule in self:
            rule.display_name = f"{kinds.get(rule.kind, '')}: {rule.days} {labels.get(rule.unit, '')}"

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._recompute_rule_deadlines()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self._recompute_rule_deadlines()
        return res

    def unlink(self):
        rules = self.browse(self.ids)
        res = super().unlink()
        rules._recompute_rule_deadlines()
        return res

    def _recompute_rule_deadlines(self):
        self.env["doithoai.deadline.rule"]._recompute_open_deadlines()

    # ------------------------------------------------------------------
    # The batch engine
    # ------------------------------------------------------------------
    @api.model
    def _deadline_engine(self, organizations, dates):
        """A DeadlineEngine for these organizations around these dates, in a few queries."""
        return DeadlineEngine(self.env, organizations, [d for d in dates if d])

    @api.model
    def _recompute_open_deadlines(self, date_from=None, date_to=None):
        """Marks the stored deadlines of open records near these dates for recomputation."""
        margin = timedelta(days=200)
        dialogue_domain = Domain("state", "not in", ["done", "cancel"])
        assignment_domain = Domain("state", "not in", ["done", "cancel"])
        if date_from:
            start = datetime.combine(date_from - margin, time.min)
            end = datetime.combine(date_to + margin, time.max)
            dialogue_domain &= Domain("date_start", ">=", start) & Domain("date_start", "<=", end)
            assignment_domain &= (Domain("notice_date", ">=", start.date())
                                  & Domain("notice_date", "<=", end.date()))
        # Whoever edits a holiday, every organization's open deadlines must follow.
        Dialogue = self.env["doithoai.dialogue"].sudo()
        dialogues = Dialogue.with_context(active_test=False).search(dialogue_domain)
        self._mark_for_recompute(dialogues, Dialogue._deadline_fields())
        Assignment = self.env["doithoai.assignment"].sudo()
        assignments = Assignment.with_context(active_test=False).search(assignment_domain)
        self._mark_for_recompute(assignments, ["deadline"])
        # Preparation tasks and prepared answers are counted back from the session too.
        for model in ("doithoai.preparation.task", "doithoai.prepared.answer"):
            Model = self.env[model].sudo()
            records = Model.search([("state", "not in", ["done", "cancel"])]
                                   + ([("date_session", ">=", start), ("date_session", "<=", end)]
                                      if date_from else []))
            self._mark_for_recompute(records, ["date_due"])
        petition_domain = Domain("state", "in", ["forwarded"])
        if date_from:
            petition_domain &= (Domain("date_forwarded", ">=", start.date())
                                & Domain("date_forwarded", "<=", end.date()))
        Petition = self.env["doithoai.petition"].sudo()
        petitions = Petition.with_context(active_test=False).search(petition_domain)
        self._mark_for_recompute(petitions, ["deadline"])

    def _mark_for_recompute(self, records, fnames):
        # Tracked like a write, so the chatter says why a deadline moved; modified()
        # carries the change on to what depends on it (due date, status colour).
        records._track_prepare(fnames)
        for name in fnames:
            self.env.add_to_compute(records._fields[name], records)
        records.modified(fnames)


class DeadlineEngine:
    """Deadline rules and working calendars of many organizations, loaded once."""

    def __init__(self, env, organizations, dates):
        self.env = env
        self.default_calendar = env.ref("doithoai_module.calendar_vn_civil_service")
        self.rules = self._load_rules(organizations)
        self.org_calendar = {org.id: org.calendar_id or self.default_calendar for org in organizations}
        calendars = env["resource.calendar"].union(*self.org_calendar.values())
        longest = max([days for rules in self.rules.values() for days, _unit in rules.values()]
                      + [d for d, _u in DEFAULTS.values()])
        margin = timedelta(days=2 * longest + 90)
        self.calendars = (self._load_calendars(calendars, min(dates) - margin, max(dates) + margin)
                          if dates else {})

    def _load_rules(self, organizations):
        ancestor_ids = {int(i) for org in organizations for i in (org.parent_path or "").split("/") if i}
        rules = self.env["doithoai.deadline.rule"].search_fetch(
            Domain("organization_id", "in", list(ancestor_ids)) | Domain("organization_id", "=", False),
            ["kind", "days", "unit", "organization_id"])
        by_org = defaultdict(dict)
        for rule in rules:
            by_org[rule.organization_id.id][rule.kind] = (rule.days, rule.unit)
        result = {}
        for org in organizations:
            chain = [int(i) for i in (org.parent_path or "").split("/") if i]
            merged = dict(DEFAULTS)
            merged.update(by_org.get(False, {}))
            for org_id in chain:  # the nearest organization wins
                merged.update(by_org.get(org_id, {}))
            result[org.id] = merged
        return result

    def _load_calendars(self, calendars, start, end):
        env = self.env
        weekdays = defaultdict(set)
        for att in calendars.attendance_ids:
            weekdays[att.calendar_id.id].add(int(att.dayofweek))
        holidays = defaultdict(set)
        leaves = env["resource.calendar.leaves"].search_fetch([
            ("resource_id", "=", False),
            ("calendar_id", "in", calendars.ids + [False]),
            ("date_from", "<=", datetime.combine(end, time.max)),
            ("date_to", ">=", datetime.combine(start, time.min)),
        ], ["calendar_id", "date_from", "date_to"])
        for leave in leaves:
            targets = [leave.calendar_id] if leave.calendar_id else calendars
            for cal in targets:
                holidays[cal.id].update(_leave_days(leave, cal.tz))
        makeup = defaultdict(set)
        days = env["doithoai.makeup.day"].search_fetch([
            ("calendar_id", "in", calendars.ids + [False]),
            ("date", ">=", start), ("date", "<=", end),
        ], ["calendar_id", "date"])
        for day in days:
            for cal in ([day.calendar_id] if day.calendar_id else calendars):
                makeup[cal.id].add(day.date)
        return {cal.id: WorkdayCalendar(weekdays[cal.id], holidays[cal.id], makeup[cal.id])
                for cal in calendars}

    def compute(self, organization, kind, base_date):
        """The deadline of this kind for an organization, counted from base_date."""
        if not base_date or not organization:
            return False
        days, unit = self.rules[organization.id][kind]
        count = -days if kind in BEFORE else days
        if unit == "calendar":
            return base_date + timedelta(days=count)
        calendar = self.calendars[self.org_calendar[organization.id].id]
        return calendar.shift(base_date, count)

    def shift(self, organization, base_date, days):
        """`days` working days after base_date (before it when negative) on the organization's
        calendar: preparation tasks counted back from the session."""
        if not base_date or not organization:
            return False
        if not days:
            return base_date
        return self.workday_calendar(organization).shift(base_date, days)

    def workday_calendar(self, organization):
        return self.calendars[self.org_calendar[organization.id].id]


def _leave_days(leave, tz_name):
    tz = pytz.timezone(tz_name or "Asia/Ho_Chi_Minh")
    start = pytz.utc.localize(leave.date_from).astimezone(tz)
    end = pytz.utc.localize(leave.date_to).astimezone(tz)
    if end.time() == time.min and end > start:
        end -= timedelta(microseconds=1)  # a leave up to midnight ends the day before
    day = start.date()
    while day <= end.date():
        yield day
        day += timedelta(days=1)
