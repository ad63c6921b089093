"""The register of issued papers (sổ đăng ký văn bản đi): the one place where a paper gets
its number, date and signer, and where its PDF is kept once issued.

A paper is a draft until someone allowed by ISSUE_RULES issues it (`_issue_paper`):
the number is the next of the organisation's register for its type and the year of
issue (or the number the agency typed), the date and the signer are fixed, the paper
is rendered once and that PDF kept; every later print returns those bytes
(ir.actions.report._render_qweb_pdf in models/ir_actions_report.py). Printing never
numbers. A correction is a new issue: the previous row stays, marked replaced.
"""
import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..tools import vn_paper
from .doithoai_dialogue_stage import APPROVED_STATES

PAPER_TYPE_SELECTION = [
    ("plan", "Plan"),
    ("invitation", "Invitation"),
    ("minutes", "Minutes"),
    ("notice", "Conclusion notice"),
    ("appendix", "Confidential appendix"),
    ("answer", "Written answer"),
    ("report", "Yearly report"),
    ("union_report", "Union report on supervision"),
    ("proposal", "Proposal to hold the dialogue"),
]

# Who may issue a paper of each type, from which report, and the event it must follow.
# groups: the user needs one of them (a leader is also an officer: implied groups count).
# event: a method of the register that raises UserError when the paper cannot be issued yet.
ISSUE_RULES = {
    "plan": {"report": "doithoai_module.action_report_plan", "model": "doithoai.plan",
             "groups": ("officer",), "event": None},
    "invitation": {"report": "doithoai_module.action_report_invitation", "model": "doithoai.dialogue",
                   "groups": ("officer",), "event": "_check_approved"},
    "minutes": {"report": "doithoai_module.action_report_minutes", "model": "doithoai.dialogue",
                "groups": ("officer",), "event": "_check_held"},
    "notice": {"report": "doithoai_module.action_report_conclusion_notice", "model": "doithoai.dialogue",
               "groups": ("manager",), "event": "_check_concluded"},
    # The confidential questions and tasks of a notice, kept out of the notice itself: sent only
    # to the competent agencies and the host, issued and printed only by who may see them.
    "appendix": {"report": "doithoai_module.action_report_confidential_appendix",
                 "model": "doithoai.dialogue", "groups": ("manager",), "event": "_check_notice_issued",
                 "confidential": True},
    "answer": {"report": "doithoai_module.action_report_answer", "model": "doithoai.assignment",
               "groups": ("manager", "responder"), "event": "_check_notified"},
    "report": {"report": "doithoai_module.action_report_yearly", "model": "doithoai.organization",
               "groups": ("officer",), "event": None},
    # The union's report of 15/6, 15/12 or on request (models/doithoai_union_report.py).
    "union_report": {"report": "doithoai_module.action_report_union", "model": "doithoai.union.report",
                     "groups": ("officer", "supervisor"), "event": None},
    # The proposing organisation (a union, say) asks the host to hold the dialogue: its own
    # paper, in its own register (models/doithoai_proposal_paper.py).
    "proposal": {"report": "doithoai_module.action_report_proposal", "model": "doithoai.dialogue",
                 "groups": ("officer", "supervisor"), "event": None},
}
REPORT_PAPER_TYPES = {rule["report"].split(".", 1)[1].replace("action_", "", 1): paper_type
                      for paper_type, rule in ISSUE_RULES.items()}


class DoithoaiPaperNumber(models.Model):
    """One issued paper of the register: number, date, signer, the record and its frozen PDF."""
    _name = "doithoai.paper.number"
    _description = "Issued Paper"
    _order = "year desc, organization_id, paper_type, date desc, id desc"

    name = fields.Char(string="Number and Symbol", required=True, readonly=True)
    organization_id = fields.Many2one("doithoai.organization", required=True, index=True,
                                      ondelete="restrict", readonly=True)
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    paper_type = fields.Selection(PAPER_TYPE_SELECTION, required=True, readonly=True)
    year = fields.Integer(required=True, readonly=True)
    sequence = fields.Integer(readonly=True, help="Empty when the number was typed (register kept elsewhere).")
    date = fields.Date(string="Date Issued", required=True, readonly=True)
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Integer(string="Document ID", required=True, readonly=True)
    record_name = fields.Char(string="Record", compute="_compute_record_name")
    key = fields.Char(default="", readonly=True,
                      help="Tells apart several papers of one type on one record, e.g. the year of a report.")
    summary = fields.Char(readonly=True)
    state = fields.Selection([("issued", "Issued"), ("replaced", "Replaced")], default="issued",
                             required=True, readonly=True, index=True)
    replaced_by_id = fields.Many2one("doithoai.paper.number", string="Replaced By", readonly=True,
                                     ondelete="set null")
    signer_id = fields.Many2one("res.partner", string="Signer", readonly=True, ondelete="restrict")
    issued_by_id = fields.Many2one("res.users", string="Issued By", readonly=True, ondelete="set null")
    attachment_id = fields.Many2one("ir.attachment", string="Issued PDF", readonly=True, ondelete="restrict")
    pdf = fields.Binary(related="attachment_id.datas", string="PDF")
    pdf_name = fields.Char(related="attachment_id.name", string="PDF Name")

    # Typed numbers have no sequence (stored 0): only the register's own numbers are unique here.
    _sequence_unique_numbered = models.UniqueIndex(
        "(organization_id, paper_type, year, sequence) WHERE sequence > 0",
        "A number is given only once per organisation, paper type and year.")
    _name_unique = models.Constraint(
        "UNIQUE(organization_id, paper_type, year, name)",
        "This number is already in the organisation's register for that year.")
    _issued_unique = models.UniqueIndex(
        "(res_model, res_id, paper_type, key) WHERE state = 'issued'",
        "A paper has one issued version at a time: a correction replaces it.")

    def _compute_record_name(self):
        for entry in self:
            record = self.env[entry.res_model].sudo().browse(entry.res_id).exists() \
                if entry.res_model in self.env else None
            entry.record_name = record.display_name if record else ""

    # ------------------------------------------------------------------
    # Reading the register
    # ------------------------------------------------------------------
    @api.model
    def _current(self, record, paper_type, key=""):
        """The issued (not replaced) paper of this type for this record, or an empty recordset."""
        return self.sudo().search([
            ("res_model", "=", record._name), ("res_id", "=", record.id), ("paper_type", "=", paper_type),
            ("key", "=", key or ""), ("state", "=", "issued")], limit=1)

    @api.model
    def _paper_key(self, record, paper_type, data=None):
        """Which paper of its type on the record: the year of a report, answer or extension letter."""
        if paper_type == "report":
            return str(int((data or {}).get("year") or fields.Date.context_today(self).year))
        if paper_type == "answer":
            return "extension" if record.extension_date and not record.date_resolved else "answer"
        return ""

    @api.model
    def _paper_organization(self, record, paper_type):
        if paper_type == "report":
            return record
        if paper_type == "proposal":
            return record.sudo().proposer_organization_id.with_env(self.env) or record.organization_id
        return record.organization_id

    @api.model
    def _default_signer(self, record, paper_type):
        if paper_type in ("invitation", "minutes", "notice", "appendix"):
            return record.host_id or record.organization_id.host_id
        return self._paper_organization(record, paper_type).host_id

    @api.model
    def _default_date(self, record, paper_type):
        """The date proposed for the issue: the paper's own date when it has one (a historical
        dialogue's paper is dated then, in that year's register), else today."""
        day = False
        if paper_type == "plan":
            day = record.date
        elif paper_type == "notice":
            day = record.conclusion_date
        elif paper_type == "minutes" and record.date_start:
            day = self.env["doithoai.paper"]._local_date(record.date_start, record.organization_id).date()
        elif paper_type == "invitation":
            # Sent before the session: a past session's invitations are proposed at the day
            # they were recorded sent, else at their legal deadline, never today.
            session = self._session_day(record)
            today = record.organization_id._doithoai_today()
            day = record.invitation_date
            if session and session <= today and (not day or day > session):
                day = min(record.invitation_deadline or session, session)
        elif paper_type == "appendix":
            day = self._current(record, "notice").date or record.conclusion_date
        return day or self._paper_organization(record, paper_type)._doithoai_today()

    @api.model
    def _session_day(self, dialogue):
        """The local day of the session (None without a date)."""
        local = self.env["doithoai.paper"]._local_date(dialogue.date_start, dialogue.organization_id)
        return local.date() if local else None

    @api.model
    def _default_number(self, record, paper_type):
        """A number typed on the record (register kept elsewhere), proposed for the issue."""
        if paper_type == "plan":
            return record.number or ""
        if paper_type == "notice":
            return record.conclusion_number or ""
        return ""

    # ------------------------------------------------------------------
    # The rules of issuing
    # ------------------------------------------------------------------
    @api.model
    def _check_may_issue(self, record, paper_type):
        rule = ISSUE_RULES[paper_type]
        user = self.env.user
        if not self.env.su and not any(user.has_group(f"doithoai_module.group_doithoai_{g}")
                                       for g in rule["groups"]):
            raise AccessError(self.env._("You may not issue this paper (%s).", dict(
                self._fields["paper_type"]._description_selection(self.env))[paper_type]))
        record.check_access("write" if paper_type != "report" else "read")
        if paper_type == "proposal":
            # the proposing organisation's staff issue it, not the host's
            self._paper_organization(record, paper_type)._check_in_user_tree(record.name)
            return
        if record._name == "doithoai.dialogue" and not self.env.su and \
                self.env["doithoai.organization"]._doithoai_dialogue_role(record) != "host":
            # a co-host or proposer prepares the dialogue; its papers take the host's numbers
            raise AccessError(self.env._(
                "The papers of “%s” are issued by its host, in the host's register.", record.name))

    def _check_approved(self, record, day):
        if record.state not in APPROVED_STATES:
            raise UserError(self.env._("The invitations of “%s” can only be issued once the dialogue "
                                       "is approved.", record.name))
        session = self._session_day(record)
        if session and day > session:
            raise UserError(self.env._("The invitations of “%(name)s” cannot be dated after the session "
                                       "(%(day)s).", name=record.name, day=vn_paper.short_date(session)))

    def _check_held(self, record, day):
        if not record.is_held:
            raise UserError(self.env._("This paper of “%s” can only be issued after the session is held.",
                                       record.name))
        session = self.env["doithoai.paper"]._local_date(record.date_start, record.organization_id)
        if session and day < session.date():
            raise UserError(self.env._("This paper of “%s” cannot be dated before the session.", record.name))

    def _check_concluded(self, record, day):
        """The notice: after the session, once its conclusion was recorded (conclusion wizard)."""
        self._check_held(record, day)
        if not record.conclusion_date:
            raise UserError(self.env._("Record the conclusions of “%s” first (button “Issue conclusion "
                                       "notice”): the notice lists the tasks it gives.", record.name))

    def _check_notice_issued(self, record, day):
        """The confidential appendix goes with an issued notice, whose number and date it cites."""
        notice = self._current(record, "notice")
        if not notice:
            raise UserError(self.env._("Issue the conclusion notice of “%s” first: its confidential "
                                       "appendix cites the notice's number and date.", record.name))
        if day < notice.date:
            raise UserError(self.env._("The confidential appendix of “%s” cannot be dated before its "
                                       "notice.", record.name))
        if not self.env["report.doithoai_module.report_confidential_appendix"]._confidential_items(record)[0]:
            raise UserError(self.env._("“%s” has no confidential question: there is no confidential "
                                       "appendix to issue.", record.name))

    def _check_confidential_reader(self, record, paper_type):
        """A paper carrying confidential items is issued and printed only by who may see them."""
        if (ISSUE_RULES[paper_type].get("confidential") or (paper_type == "answer" and record.confidential)) \
                and not self.env["doithoai.question"]._can_print_confidential():
            raise AccessError(self.env._("“%s”: this paper carries confidential questions; only who may "
                                         "see them can issue or print it.", record.display_name))

    def _check_notified(self, record, day):
        if record.origin != "dialogue":
            # The written answer paper speaks of the dialogue and its askers; an agency answers a
            # union's recommendation in its own letter (recorded as the response and result).
            raise UserError(self.env._("“%s” is a recommendation of a union, not an assignment of a "
                                       "dialogue: record the agency's response instead.", record.name))
        if not record.notice_date:
            raise UserError(self.env._("The written answer of “%s” can only be issued after the "
                                       "conclusion notice.", record.name))
        if day < record.notice_date:
            raise UserError(self.env._("The written answer of “%s” cannot be dated before the "
                                       "conclusion notice.", record.name))

    @api.model
    def _issue_paper(self, record, paper_type, *, day=None, number=None, signer=None, data=None):
        """Issue the paper: number, date and signer fixed, rendered once, the PDF kept.
        Issuing again is a correction: a new number, the previous issue marked replaced."""
        record.ensure_one()
        rule = ISSUE_RULES[paper_type]
        if record._name != rule["model"]:
            raise UserError(self.env._("This paper is not issued from this kind of record."))
        self._check_may_issue(record, paper_type)
        self._check_confidential_reader(record, paper_type)
        day = day or self._default_date(record, paper_type)
        if rule["event"]:
            getattr(self, rule["event"])(record, day)
        key = self._paper_key(record, paper_type, data)
        if paper_type == "report" and day.year < int(key):
            raise UserError(self.env._("The report of %(year)s cannot be dated before that year (%(day)s).",
                                       year=key, day=vn_paper.short_date(day)))
        previous = self._current(record, paper_type, key)
        if previous:
            previous.write({"state": "replaced"})
            previous.flush_recordset(["state"])
        organization = self._paper_organization(record, paper_type)
        entry = self._register_number(organization, paper_type, record, day, key=key, number=(number or "").strip())
        entry.write({
            "signer_id": (signer or self._default_signer(record, paper_type)).id or False,
            "issued_by_id": self.env.user.id,
        })
        if previous:
            previous.replaced_by_id = entry
        entry._freeze(record, data)
        return entry

    @api.model
    def _register_number(self, organization, paper_type, record, day, key="", number="", summary=""):
        """A new row of the register: the next number of the organisation's register for the type
        and the year of `day`, or the typed `number` (sudo: the rules were checked by the caller)."""
        Number = self.sudo()
        year = day.year
        sequence = None
        if not number:
            # One numbering at a time per organisation, type and year: no gaps, no duplicates.
            # The lock is taken late in the request, after its snapshot (REPEATABLE READ): what
            # the previous holder committed is read through a fresh transaction, and our own
            # uncommitted papers through ours.
            self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                                    organization.id, f"{paper_type}/{year}"))
            max_sql = SQL(
                "SELECT COALESCE(MAX(sequence), 0) FROM doithoai_paper_number "
                "WHERE organization_id = %s AND paper_type = %s AND year = %s",
                organization.id, paper_type, year)
            committed_max = 0
            if self.env.registry.ready:  # while the module installs, no other transaction numbers
                with self.env.registry.cursor() as fresh:
                    fresh.execute(max_sql)
                    committed_max = fresh.fetchone()[0]
            self.env.cr.execute(max_sql)
            sequence = max(committed_max, self.env.cr.fetchone()[0]) + 1
            number = vn_paper.number_symbol(sequence, paper_type, organization._paper_code(),
                                            organization._paper_is_party())
        elif Number.search_count([("organization_id", "=", organization.id), ("paper_type", "=", paper_type),
                                  ("year", "=", year), ("name", "=", number)], limit=1):
            raise UserError(self.env._("Number %(number)s is already in the register of %(year)s.",
                                       number=number, year=year))
        return Number.create({
            "name": number,
            "organization_id": organization.id,
            "paper_type": paper_type,
            "year": year,
            "sequence": sequence,
            "date": day,
            "res_model": record._name,
            "res_id": record.id,
            "key": key or "",
            "summary": (summary or "")[:250],
        })

    def _freeze(self, record, data=None):
        """Render the paper once, as issued, and keep the PDF on the register row."""
        self.ensure_one()
        # Papers are Vietnamese, whatever the language of who issues them (translated names).
        lang = "vi_VN" if self.env["res.lang"]._lang_get("vi_VN") else self.env.context.get("lang")
        report = self.env["ir.actions.report"].sudo().with_context(
            force_report_rendering=True, doithoai_render_issued=True, lang=lang)
        pdf, _kind = report._render_qweb_pdf(ISSUE_RULES[self.paper_type]["report"], record.ids,
                                             data=dict(data or {}))
        name = f"{self.name.replace('/', '-')} - {record.display_name}.pdf"
        attachment = self.env["ir.attachment"].sudo().create({
            "name": name, "raw": pdf, "mimetype": "application/pdf",
            "res_model": self._name, "res_id": self.id,
        })
        self.sudo().write({"attachment_id": attachment.id, "summary": self.summary or record.display_name[:250]})

    def _frozen_pdf(self, report_name, res_ids, data=None):
        """The stored PDFs of these records when every one is issued and kept, else None."""
        paper_type = REPORT_PAPER_TYPES.get(report_name)
        rule = ISSUE_RULES.get(paper_type)
        if not rule or not res_ids:
            return None
        records = self.env[rule["model"]].browse(res_ids)
        records.check_access("read")
        entries = []
        for record in records:
            self._check_confidential_reader(record, paper_type)
            entry = self._current(record, paper_type, self._paper_key(record, paper_type, data))
            if not entry.attachment_id:
                return None
            entries.append(entry)
        # signed papers return their signed bytes (models/doithoai_paper_signature.py)
        return [entry._paper_attachment().sudo().raw for entry in entries]

    # ------------------------------------------------------------------
    # UI
    # ------------------------------------------------------------------
    def action_download(self):
        self.ensure_one()
        if not self.attachment_id:
            raise UserError(self.env._("This paper was numbered before papers were kept: it has no stored PDF."))
        return {"type": "ir.actions.act_url", "target": "self",
                "url": f"/web/content/{self._paper_attachment().id}?download=true"}

    def action_open_record(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "views": [(False, "form")]}
