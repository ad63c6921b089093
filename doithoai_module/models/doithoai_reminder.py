"""Scheduled deadline reminders, escalations and notices to the askers.

Every reminder goes through :meth:`DoithoaiReminder._send_reminders`: the row of
``doithoai.reminder.log`` is inserted first (``INSERT … ON CONFLICT DO NOTHING``) and the
mail is queued only when this transaction inserted it, so each reminder is sent once.
Due records are found with domain searches on stored dates; the working-day windows are
computed once per calendar with the DeadlineEngine, never per record.
"""
import logging
from collections import defaultdict, namedtuple
from datetime import date, datetime, time, timedelta

import psycopg2.errors
import pytz

from odoo import Command, api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, split_every


_logger = logging.getLogger(__name__)

BATCH_SIZE = 200
OPEN_ASSIGNMENT_STATES = ("new", "progress", "extended")
# Reminders before the session: kind → (stored deadline field, dialogue states concerned).
BEFORE_SESSION = {
    "invitation": ("invitation_deadline", ("proposal", "approval", "preparation")),
    "announcement": ("announcement_deadline", ("proposal", "approval", "preparation", "invited")),
    "questions": ("questions_deadline", ("proposal", "approval", "preparation", "invited")),
}
UNION_REPORT_DAYS = ((6, 15), (12, 15))
HOLIDAY_CHECK_DAY = (11, 1)

T_DIALOGUE = "doithoai_module.mail_template_dialogue_deadline"
T_CONCLUSION = "doithoai_module.mail_template_conclusion_late"
T_ASSIGNMENT = "doithoai_module.mail_template_assignment_reminder"
T_RECOMMENDATION = "doithoai_module.mail_template_recommendation_reminder"
T_ASKER = "doithoai_module.mail_template_assignment_asker"
T_YEARLY = "doithoai_module.mail_template_yearly_missing"
T_YEARLY_SUMMARY = "doithoai_module.mail_template_yearly_summary"
T_UNION = "doithoai_module.mail_template_union_report"
T_HOLIDAYS = "doithoai_module.mail_template_holidays_missing"

# One reminder: about `record`, of `kind`, about the date `due` (the key of the log),
# mailed with `template` to `partners`; `ctx` is a tuple of (key, value) pairs added to
# the rendering context; `activity_user` gets a to-do in Odoo.
Reminder = namedtuple("Reminder", "record kind due template partners ctx activity_user")


def _prev_workday(calendar, day):
    """`day` when it is a working day, else the working day before it."""
    return day if calendar.is_workday(day) else calendar.shift(day, -1)


class DoithoaiReminder(models.AbstractModel):
    _name = "doithoai.reminder"
    _description = "Deadline Reminders"

    # ------------------------------------------------------------------
    # Context of one run
    # ------------------------------------------------------------------
    @api.model
    def _today(self):
        """Today in the civil service calendar's time zone (tools/localtime.py)."""
        return self.env["doithoai.organization"]._doithoai_today()

    @api.model
    def _organizations(self):
        return self.env["doithoai.organization"].with_context(active_test=False).search_fetch(
            [], ["calendar_id", "parent_path", "parent_id", "company_id", "assignment_reminder_days",
                 "reminder_manager_id", "kind", "host_id", "partner_id", "name", "date_start", "date_end",
                 "successor_id"])

    @api.model
    def _engine(self, organizations, dates):
        return self.env["doithoai.deadline.rule"]._deadline_engine(organizations, dates)

    @api.model
    def _vn_calendar(self, today):
        """The WorkdayCalendar of the Vietnamese civil service around today."""
        record = self.env.ref("doithoai_module.calendar_vn_civil_service")
        engine = self._engine(self.env["doithoai.organization"], [])
        margin = timedelta(days=400)
        return engine._load_calendars(record, today - margin, today + margin)[record.id]

    @api.model
    def _managers(self, organizations):
        """{organization id: the escalation manager of it or of the nearest one above}."""
        own = {org.id: org.reminder_manager_id for org in organizations}
        result = {}
        for org in organizations:
            chain = [int(i) for i in (org.parent_path or "").split("/") if i]
            manager = self.env["res.users"]
            for org_id in reversed(chain):
                if own.get(org_id):
                    manager = own[org_id]
                    break
            result[org.id] = manager
        return result

    @api.model
    def _local_bounds(self, start, end):
        """UTC datetimes of the first and last instant of these Vietnamese days."""
        tz = pytz.timezone(self.env["doithoai.organization"]._doithoai_tz())
        return (tz.localize(datetime.combine(start, time.min)).astimezone(pytz.utc).replace(tzinfo=None),
                tz.localize(datetime.combine(end, time.max)).astimezone(pytz.utc).replace(tzinfo=None))

    @api.model
    def _search_unsent(self, model, domain, kind, date_field):
        """Ids matching the domain with no reminder of this kind about their date yet."""
        Model = self.env[model]
        query = Model._search(Domain(domain))
        query.add_where(self.env["doithoai.reminder.log"]._not_sent_condition(
            model, Model._table, kind, SQL.identifier(Model._table, date_field)))
        query.order = SQL.identifier(Model._table, "id")
        return [row[0] for row in self.env.execute_query(query.select())]

    # ------------------------------------------------------------------
    # Sending exactly once
    # ------------------------------------------------------------------
    @api.model
    def _process(self, units, build):
        """Builds and sends the reminders of ``units`` in committed batches.

        ``units`` is a list of ``(model, id, kind)``; ``build(records, kind)`` returns
        the Reminders of a batch of records. Progress is committed after every batch
        with the cron progress API, so a run can be interrupted and resumed.
        """
        cron = self.env["ir.cron"]
        total = len(units)
        if not total:
            return 0
        cron._commit_progress(remaining=total)
        sent = 0
        for chunk in split_every(BATCH_SIZE, units):
            for attempt in (1, 2):
                try:
                    sent += self._send_reminders(self._build(chunk, build))
                    break
                except psycopg2.errors.SerializationFailure:
                    # Another worker committed some of these reminders while this
                    # (REPEATABLE READ) transaction claimed them: start the batch again
                    # in a new transaction, which sees their rows and skips them.
                    if attempt == 2:
                        raise
                    _logger.info("Reminders: concurrent run detected, retrying the batch")
                    self.env.cr.rollback()
                    self.env.invalidate_all()
            if not cron._commit_progress(len(chunk)):
                break
        return sent

    @api.model
    def _build(self, chunk, build):
        grouped = defaultdict(list)
        for model, res_id, kind in chunk:
            grouped[model, kind].append(res_id)
        reminders = []
        for (model, kind), ids in grouped.items():
            try:
                reminders += build(self.env[model].browse(ids), kind)
            except Exception:  # one bad group must not stop the run
                _logger.exception("Reminders %s: preparing %s records of %s failed", kind, len(ids), model)
        return reminders

    @api.model
    def _send_reminders(self, reminders):
        """Claims the log rows, then queues the mails of the reminders claimed here."""
        reminders = [r for r in reminders if r.partners.filtered("email")]
        by_key = {(r.record._name, r.record.id, r.kind, r.due): r for r in reminders}
        Log = self.env["doithoai.reminder.log"]
        claimed = Log._claim(by_key, {key: Log._organization_of(r.record.sudo()) for key, r in by_key.items()},
                             {key: len(r.partners.filtered("email")) for key, r in by_key.items()})
        todo = [(key, r) for key, r in by_key.items() if key in claimed]
        if not todo:
            return 0
        try:
            with self.env.cr.savepoint():
                self._deliver([r for _key, r in todo])
        except Exception:
            _logger.exception("Reminders: a batch of %s failed, retrying one by one", len(todo))
            for key, reminder in todo:
                try:
                    with self.env.cr.savepoint():
                        self._deliver([reminder])
                except Exception as error:  # one bad record must not stop the others
                    _logger.exception("Reminder %s of %s,%s failed", key[2], key[0], key[1])
                    Log._mark([key], "failed", str(error))
        return len(todo)

    @api.model
    def _default_lang(self):
        return self.env.company.partner_id.lang or self.env.lang or "vi_VN"

    @api.model
    def _deliver(self, reminders):
        """Queues one mail per reminder and language of its recipients, plus the to-dos."""
        default_lang = self._default_lang()
        groups = defaultdict(list)
        for reminder in reminders:
            by_lang = defaultdict(lambda: self.env["res.partner"])
            for partner in reminder.partners.filtered("email"):
                by_lang[partner.lang or default_lang] |= partner
            for lang, partners in by_lang.items():
                groups[reminder.template, lang, reminder.ctx].append((reminder, partners))
        mail_values = []
        subjects = {}
        for (xmlid, lang, ctx), entries in groups.items():
            template = self.env.ref(xmlid).sudo().with_context(
                lang=lang, doithoai_today=self._today(), **dict(ctx))
            res_ids = list(dict.fromkeys(reminder.record.id for reminder, _partners in entries))
            rendered = template._generate_template(
                res_ids, ("subject", "body_html", "email_from", "reply_to", "mail_server_id", "auto_delete"))
            for reminder, partners in entries:
                values = rendered[reminder.record.id]
                mail_values.append({
                    "subject": values.get("subject"),
                    "body_html": values.get("body_html"),
                    "email_from": values.get("email_from") or False,
                    "reply_to": values.get("reply_to") or False,
                    "mail_server_id": values.get("mail_server_id") or False,
                    "auto_delete": values.get("auto_delete", False),
                    "model": reminder.record._name,
                    "res_id": reminder.record.id,
                    "recipient_ids": [Command.set(partners.ids)],
                })
                if reminder.activity_user and reminder.activity_user.partner_id in partners:
                    subjects[id(reminder)] = values.get("subject")
        for values in mail_values:
            if not values["email_from"]:
                del values["email_from"]
        self.env["mail.mail"].sudo().create(mail_values)
        self._schedule_activities([r for r in reminders if r.activity_user], subjects)

    @api.model
    def _schedule_activities(self, reminders, subjects):
        """A to-do for the responsible user, replacing the previous reminder to-do."""
        if not reminders:
            return
        activity_type = self.env.ref("doithoai_module.mail_activity_type_deadline", raise_if_not_found=False)
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        by_model = defaultdict(list)
        for reminder in reminders:
            by_model[reminder.record._name].append(reminder)
        values = []
        for model, model_reminders in by_model.items():
            if activity_type:
                Activity.search([
                    ("res_model", "=", model),
                    ("res_id", "in", [r.record.id for r in model_reminders]),
                    ("activity_type_id", "=", activity_type.id),
                ]).unlink()
            model_id = self.env["ir.model"]._get_id(model)
            today = self._today()
            for reminder in model_reminders:
                values.append({
                    "res_model_id": model_id,
                    "res_id": reminder.record.id,
                    "activity_type_id": activity_type.id if activity_type else False,
                    "user_id": reminder.activity_user.id,
                    "date_deadline": max(reminder.due, today),
                    "summary": (subjects.get(id(reminder)) or reminder.kind)[:250],
                })
        Activity.create(values)

    # ------------------------------------------------------------------
    # 1. Before the session
    # ------------------------------------------------------------------
    @api.model
    def _cron_session_deadlines(self):
        today = self._today()
        orgs = self._organizations()
        engine = self._engine(orgs, [today])
        companies = self.env["res.company"].search([])
        lead = max(companies.mapped("doithoai_session_reminder_days") or [3])
        uppers = [engine.calendars[cal].shift(today, lead) for cal in engine.calendars
                  if engine.calendars[cal].is_workday(today)]
        if not uppers:
            return 0
        units = []
        for kind, (field, states) in BEFORE_SESSION.items():
            domain = [(field, ">=", today), (field, "<=", max(uppers)), ("state", "in", states)]
            units += [("doithoai.dialogue", i, kind)
                      for i in self._search_unsent("doithoai.dialogue", domain, kind, field)]

        def build(dialogues, kind):
            field = BEFORE_SESSION[kind][0]
            dialogues.fetch([field, "organization_id", "user_id", "company_id", "name"])
            result = []
            for dialogue in dialogues:
                calendar = engine.workday_calendar(dialogue.organization_id)
                days = dialogue.company_id.doithoai_session_reminder_days
                if calendar.is_workday(today) and dialogue[field] <= calendar.shift(today, days):
                    result.append(Reminder(dialogue, kind, dialogue[field], T_DIALOGUE,
                                           dialogue.user_id.partner_id, (("doithoai_kind", kind),),
                                           dialogue.user_id))
            return result
        return self._process(units, build)

    # ------------------------------------------------------------------
    # 2. Conclusion notice late
    # ------------------------------------------------------------------
    @api.model
    def _cron_conclusion_late(self):
        today = self._today()
        Dialogue = self.env["doithoai.dialogue"]
        late = Dialogue.search_fetch([
            ("conclusion_deadline", "<", today), ("conclusion_date", "=", False),
            ("state", "in", ("invited", "held")),
        ], ["conclusion_deadline", "organization_id", "secretary_id", "host_id", "user_id", "company_id"])
        if not late:
            return 0
        orgs = self._organizations()
        engine = self._engine(orgs, [today] + late.mapped("conclusion_deadline"))
        managers = self._managers(orgs)
        units = [("doithoai.dialogue", d.id, "conclusion_late") for d in late]

        def build(dialogues, kind):
            result = []
            for dialogue in dialogues:
                calendar = engine.workday_calendar(dialogue.organization_id)
                if not calendar.is_workday(today):
                    continue
                deadline = dialogue.conclusion_deadline
                officer = dialogue.secretary_id or dialogue.user_id
                result.append(Reminder(dialogue, "conclusion_late", deadline, T_CONCLUSION,
                                       dialogue.secretary_id.partner_id | dialogue.host_id,
                                       (("doithoai_kind", "conclusion_late"),), officer))
                period = dialogue.company_id.doithoai_escalation_days or 5
                late_days = calendar.count_between(deadline, today)
                steps = late_days // period
                manager = managers.get(dialogue.organization_id.id)
                if steps and manager:
                    result.append(Reminder(dialogue, "conclusion_escalation", calendar.shift(deadline, steps * period),
                                           T_CONCLUSION, manager.partner_id,
                                           (("doithoai_kind", "conclusion_escalation"),
                                            ("doithoai_days_late", late_days)), False))
            return result
        return self._process(units, build)

    # ------------------------------------------------------------------
    # 3. Assignments
    # ------------------------------------------------------------------
    @api.model
    def _cron_assignment_deadlines(self):
        today = self._today()
        orgs = self._organizations()
        engine = self._engine(orgs, [today])
        managers = self._managers(orgs)
        companies = self.env["res.company"].search([])
        default_days = {c.id: c.doithoai_assignment_reminder_days for c in companies}
        escalation = {c.id: c.doithoai_escalation_days or 5 for c in companies}
        lead_values = set(default_days.values()) | set(orgs.mapped("assignment_reminder_days")) - {0}
        working = {cal_id: cal for cal_id, cal in engine.calendars.items() if cal.is_workday(today)}
        if not working:
            return 0
        soon_upper = max(cal.shift(today, max(lead_values or {5})) for cal in working.values())
        today_upper = max(cal.shift(today, 1) for cal in working.values()) - timedelta(days=1)
        escalation_upper = max(cal.shift(today, -min(escalation.values() or [5])) for cal in working.values())
        open_domain = [("state", "in", OPEN_ASSIGNMENT_STATES)]
        windows = {
            "assignment_due_soon": [("date_due", ">", today), ("date_due", "<=", soon_upper)],
            "assignment_due_today": [("date_due", ">=", today), ("date_due", "<=", today_upper)],
            "assignment_overdue": [("date_due", "<", today)],
            "assignment_escalation": [("date_due", "<=", escalation_upper)],
        }
        units = []
        for kind, window in windows.items():
            units += [("doithoai.assignment", i, kind)
                      for i in self._search_unsent("doithoai.assignment", open_domain + window, kind, "date_due")]
        org_days = {org.id: org.assignment_reminder_days for org in orgs}

        def build(assignments, kind):
            assignments.fetch(["date_due", "host_organization_id", "organization_id", "user_id", "company_id", "origin"])
            result = []
            for assignment in assignments:
                template = T_ASSIGNMENT if assignment.origin == "dialogue" else T_RECOMMENDATION
                calendar = engine.workday_calendar(assignment.host_organization_id)
                if not calendar.is_workday(today):
                    continue
                due = assignment.date_due
                agency = assignment.organization_id
                recipients = assignment.user_id.partner_id | agency.partner_id
                ctx = (("doithoai_kind", kind),)
                if kind == "assignment_due_soon":
                    days = org_days.get(agency.id) or default_days.get(assignment.company_id.id, 5)
                    if due > calendar.shift(today, days):
                        continue
                elif kind == "assignment_due_today":
                    if _prev_workday(calendar, due) > today:
                        continue
                elif kind == "assignment_escalation":
                    if due > calendar.shift(today, -escalation.get(assignment.company_id.id, 5)):
                        continue
                    manager = managers.get(agency.id) or managers.get(assignment.host_organization_id.id)
                    if not manager:
                        continue
                    result.append(Reminder(assignment, kind, due, template, manager.partner_id, ctx, False))
                    continue
                result.append(Reminder(assignment, kind, due, template, recipients, ctx, assignment.user_id))
            return result
        return self._process(units, build)

    # ------------------------------------------------------------------
    # 4. At least one dialogue a year
    # ------------------------------------------------------------------
    @api.model
    def _cron_yearly_dialogue(self):
        today = self._today()
        orgs = self._organizations()
        calendar = self._vn_calendar(today)
        company = self.env.company
        check = date(today.year, company.doithoai_yearly_check_month or 10, company.doithoai_yearly_check_day or 1)
        if not calendar.is_workday(today) or today < _prev_workday(calendar, check):
            return 0
        start, end = self._local_bounds(date(today.year, 1, 1), date(today.year, 12, 31))
        planned = {org.id for org, in self.env["doithoai.dialogue"]._read_group(
            [("date_start", ">=", start), ("date_start", "<=", end), ("state", "!=", "cancel")],
            ["organization_id"])}
        # only the units existing at the end of the year are obliged (doithoai_organization_lifetime.py)
        missing = orgs.filtered(lambda o: o.active and o.kind in ("party", "government")
                                and o.host_id and o.id not in planned and o._doithoai_obliged_in(today.year))
        units = [("doithoai.organization", org.id, "yearly_missing") for org in missing]
        by_parent = defaultdict(list)
        for org in missing:
            # the summary goes to the unit above as it is today (an abolished one's successor)
            parent = org.parent_id._doithoai_current_unit(today) if org.parent_id else org.parent_id
            if parent:
                by_parent[parent.id].append(org.name)
        units += [("doithoai.organization", parent_id, "yearly_summary") for parent_id in by_parent]
        ctx = (("doithoai_year", today.year),)

        def build(organizations, kind):
            result = []
            for org in organizations:
                if kind == "yearly_missing":
                    result.append(Reminder(org, kind, check, T_YEARLY, org.partner_id | org.host_id, ctx, False))
                else:
                    names = tuple(sorted(by_parent[org.id]))
                    result.append(Reminder(org, kind, check, T_YEARLY_SUMMARY, org.partner_id | org.host_id,
                                           ctx + (("doithoai_missing", names),), False))
            return result
        return self._process(units, build)

    # ------------------------------------------------------------------
    # 5. Union reports on 15/6 and 15/12
    # ------------------------------------------------------------------
    @api.model
    def _cron_union_report(self):
        today = self._today()
        orgs = self._organizations()
        calendar = self._vn_calendar(today)
        lead = self.env.company.doithoai_session_reminder_days

        def first_day(report_day):  # reminders falling on a holiday go out the working day before
            return calendar.shift(report_day, -lead) if lead else _prev_workday(calendar, report_day)
        report_date = next((day for day in (date(today.year, m, d) for m, d in UNION_REPORT_DAYS)
                            if first_day(day) <= today <= day), None) if calendar.is_workday(today) else None
        unions = orgs.filtered(lambda o: o.active and o.kind == "union" and o._doithoai_exists_on(today))
        if not report_date or not unions:
            return 0
        period_start = date(today.year - 1, 12, 16)
        figures = self._period_figures(period_start, report_date)
        paths = {org.id: org.parent_path or "" for org in orgs}

        def scope_sum(root, counts):
            prefix = paths.get(root.id, "")
            return sum(n for org_id, n in counts.items() if paths.get(org_id, "").startswith(prefix))

        units = [("doithoai.organization", org.id, "union_report") for org in unions]

        def build(organizations, kind):
            drafts = self._union_report_drafts(organizations, report_date)
            result = []
            for org in organizations:
                root = org.parent_id or org
                ctx = (("doithoai_period_start", period_start), ("doithoai_period_end", report_date),
                       ("doithoai_report_url", f"{drafts[org.id].get_base_url()}/odoo/doithoai.union.report/{drafts[org.id].id}"),
                       ("doithoai_held", scope_sum(root, figures["held"])),
                       ("doithoai_questions", scope_sum(root, figures["questions"])),
                       ("doithoai_on_time", scope_sum(root, figures["on_time"])),
                       ("doithoai_late", scope_sum(root, figures["late"])))
                result.append(Reminder(org, kind, report_date, T_UNION, org.partner_id | org.host_id, ctx, False))
            return result
        return self._process(units, build)

    @api.model
    def _union_report_drafts(self, unions, report_date):
        """The report of the period for each union, created as a draft when missing (one search,
        one create): the reminder links to it."""
        Report = self.env["doithoai.union.report"].sudo()
        period = "half" if report_date.month == 6 else "year"
        found = Report.search([("organization_id", "in", unions.ids), ("period", "=", period),
                               ("year", "=", report_date.year)])
        by_org = {report.organization_id.id: report for report in found}
        missing = [org for org in unions if org.id not in by_org]
        for report in Report.create([{"organization_id": org.id, "period": period, "year": report_date.year}
                                     for org in missing]):
            by_org[report.organization_id.id] = report
        return by_org

    @api.model
    def _period_figures(self, start, end):
        """Counts per organization over the period, in three grouped queries."""
        dt_start, dt_end = self._local_bounds(start, end)
        held_domain = [("is_held", "=", True), ("date_start", ">=", dt_start), ("date_start", "<=", dt_end)]
        held = {org.id: n for org, n in self.env["doithoai.dialogue"]._read_group(
            held_domain, ["organization_id"], ["__count"])}
        questions = {org.id: n for org, n in self.env["doithoai.question"]._read_group(
            [("dialogue_id", "any", held_domain), ("confidential", "=", False)],
            ["organization_id"], ["__count"])}
        on_time, late = defaultdict(int), defaultdict(int)
        for org, is_on_time, n in self.env["doithoai.assignment"]._read_group(
                [("state", "=", "done"), ("date_resolved", ">=", start), ("date_resolved", "<=", end)],
                ["host_organization_id", "is_on_time"], ["__count"]):
            (on_time if is_on_time else late)[org.id] += n
        return {"held": held, "questions": questions, "on_time": dict(on_time), "late": dict(late)}

    # ------------------------------------------------------------------
    # 6. Next year's public holidays
    # ------------------------------------------------------------------
    @api.model
    def _cron_holidays_next_year(self):
        today = self._today()
        calendar_record = self.env.ref("doithoai_module.calendar_vn_civil_service")
        calendar = self._vn_calendar(today)
        check = date(today.year, *HOLIDAY_CHECK_DAY)
        if not calendar.is_workday(today) or today < _prev_workday(calendar, check):
            return 0
        start, end = self._local_bounds(date(today.year + 1, 1, 1), date(today.year + 1, 12, 31))
        if self.env["resource.calendar.leaves"].search_count([
            ("calendar_id", "=", calendar_record.id), ("resource_id", "=", False),
            ("date_from", "<=", end), ("date_to", ">=", start),
        ], limit=1):
            return 0
        admins = self.env["res.users"].search([("all_group_ids", "in", self.env.ref("base.group_system").id),
                                               ("share", "=", False)])
        reminder = Reminder(calendar_record, "holidays_missing", check, T_HOLIDAYS, admins.partner_id,
                            (("doithoai_year", today.year + 1),), False)
        return self._process([("resource.calendar", calendar_record.id, "holidays_missing")],
                             lambda records, kind: [reminder])

    # ------------------------------------------------------------------
    # 7. The askers hear back (on the event)
    # ------------------------------------------------------------------
    @api.model
    def _notify_askers(self, resolved, extended):
        """Confidential content leaves the back office only to its own asker: when an
        assignment carries a confidential question, the askers of its confidential questions
        get the result, reason and written answer; the other askers get a brief mail that
        only says their question was resolved, or the new date (kind suffixed `_brief`)."""
        reminders = []
        for kind, assignments, field in (("asker_resolved", resolved, "date_resolved"),
                                         ("asker_extended", extended, "extension_date")):
            for assignment in assignments.sudo():
                askers = assignment.question_ids.asker_ids.filtered("email")
                if assignment.confidential:
                    insiders = assignment.question_ids.filtered("confidential").asker_ids.filtered("email")
                    groups = ((kind, insiders, False), (f"{kind}_brief", askers - insiders, True))
                else:
                    groups = ((kind, askers, False),)
                for log_kind, partners, brief in groups:
                    if partners:
                        reminders.append(Reminder(
                            assignment, log_kind, assignment[field], T_ASKER, partners,
                            (("doithoai_kind", kind), ("doithoai_brief", brief)), False))
        return self.sudo()._send_reminders(reminders)
