"""What every official paper needs: heading, number, date line, signature, recipients.

The QWeb templates only lay out the dictionaries built here, so the rules of Decree
30/2020/NĐ-CP and of the Party's guidance live in Python (tools/vn_paper.py) and are tested.
"""
from datetime import date, datetime, time, timedelta

import pytz

from odoo import api, fields, models

from ..tools import vn_paper

# Collective body named after "TM." when the head signs on its behalf, by kind.
DEFAULT_COLLECTIVE = {
    "government": "Ủy ban nhân dân",
    "party": "Ban Thường vụ",
    "front": "Ban Thường trực",
    "union": "Ban Thường vụ",
}
DEFAULT_HEAD_TITLE = {
    "government": "Chủ tịch",
    "party": "Bí thư",
    "front": "Chủ tịch",
    "union": "Chủ tịch",
    "department": "Giám đốc",
    "other": "Thủ trưởng",
}
DEFAULT_CODE = {"government": "UBND", "party": "ĐU", "front": "MTTQ", "union": "HPN"}


class DoithoaiOrganization(models.Model):
    _inherit = "doithoai.organization"

    paper_name = fields.Char(string="Name on Papers",
                             help="Full official name printed in the heading, e.g. "
                                  "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN. Empty: the name.")
    paper_place = fields.Char(string="Place on Papers",
                              help="Place name of the date line, e.g. Thái Nguyên. "
                                   "Empty: the city of the contact.")
    paper_collective = fields.Char(string="Collective Body",
                                   help="Body named after TM. (T/M for Party bodies) when the head "
                                        "signs on its behalf, e.g. Ủy ban nhân dân, Ban Thường vụ. "
                                        "Empty: by kind; departments sign in the head's own name.")

    def _paper_is_party(self):
        self.ensure_one()
        return self.kind == "party"

    def _paper_code(self):
        self.ensure_one()
        return self.code or DEFAULT_CODE.get(self.kind, "")

    def _paper_name(self):
        self.ensure_one()
        return self.paper_name or self.name or ""

    def _paper_place(self):
        self.ensure_one()
        partner = self.partner_id
        return self.paper_place or partner.city or partner.state_id.name or ""

    def _paper_collective(self):
        self.ensure_one()
        return self.paper_collective or DEFAULT_COLLECTIVE.get(self.kind, "")

    def _paper_head_title(self):
        self.ensure_one()
        return self.host_id.function or DEFAULT_HEAD_TITLE.get(self.kind, "")

    # ------------------------------------------------------------------
    # Statistics: shared by the yearly report and the Excel statistics
    # ------------------------------------------------------------------
    def _dialogue_required(self):
        """At least one dialogue a year for the head of each Party committee and People's Committee."""
        self.ensure_one()
        return 1 if self.kind in ("party", "government") else 0

    def _doithoai_statistics(self, date_from, date_to, today=None):
        """{org id: {counter: value}} for the dialogues each organisation itself hosted
        between the two dates (by session date); confidential questions are left out."""
        today = today or fields.Date.context_today(self)
        keys = ("required", "held", "planned", "questions", "answered", "deferred", "declined",
                "assigned", "assignments", "on_time", "late", "overdue", "pending")
        stats = {org.id: dict.fromkeys(keys, 0) for org in self}
        for org in self:
            stats[org.id]["required"] = org._dialogue_required()
        if not self:
            return stats
        start, stop = utc_bounds(self.env, date_from, date_to)
        dialogue_domain = [("organization_id", "in", self.ids), ("date_start", ">=", start),
                           ("date_start", "<", stop)]
        Dialogue = self.env["doithoai.dialogue"]
        for org, held, count in Dialogue._read_group(
                dialogue_domain + [("state", "!=", "cancel")], ["organization_id", "is_held"], ["__count"]):
            stats[org.id]["held" if held else "planned"] += count
        q_domain = [("dialogue_id.organization_id", "in", self.ids),
                    ("dialogue_id.date_start", ">=", start), ("dialogue_id.date_start", "<", stop),
                    ("confidential", "=", False), ("merged_into_id", "=", False)]
        for org, outcome, count in self.env["doithoai.question"]._read_group(
                q_domain, ["organization_id", "outcome"], ["__count"]):
            stats[org.id]["questions"] += count
            if outcome in ("answered", "deferred", "declined"):
                stats[org.id][outcome] += count
        for org, count in self.env["doithoai.question"]._read_group(
                q_domain + [("assignment_ids", "!=", False)], ["organization_id"], ["__count"]):
            stats[org.id]["assigned"] += count
        a_domain = [("host_organization_id", "in", self.ids),
                    ("dialogue_id.date_start", ">=", start), ("dialogue_id.date_start", "<", stop),
                    ("confidential", "=", False), ("state", "!=", "cancel")]
        Assignment = self.env["doithoai.assignment"]
        for key, extra in (
                ("on_time", [("date_resolved", "!=", False), ("is_on_time", "=", True)]),
                ("late", [("date_resolved", "!=", False), ("is_on_time", "=", False)]),
                ("overdue", [("date_resolved", "=", False), ("date_due", "<", today)]),
                ("pending", [("date_resolved", "=", False), "|", ("date_due", "=", False),
                             ("date_due", ">=", today)])):
            for org, count in Assignment._read_group(a_domain + extra, ["host_organization_id"], ["__count"]):
                stats[org.id][key] += count
                stats[org.id]["assignments"] += count
        return stats


class DoithoaiQuestion(models.Model):
    _inherit = "doithoai.question"

    @api.model
    def _can_print_confidential(self):
        """Who may see confidential questions on paper and in registers: the one place to change."""
        if self.env.context.get("doithoai_print_confidential"):
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


class DoithoaiPaper(models.AbstractModel):
    """Builds the heading, number, date, signature and recipients of one paper."""
    _name = "doithoai.paper"
    _description = "Official Paper Helper"

    @api.model
    def _local_date(self, dt):
        if not dt:
            return False
        return fields.Datetime.context_timestamp(self.with_context(tz=self.env.context.get("tz") or "Asia/Ho_Chi_Minh"), dt)

    @api.model
    def _build(self, organization, paper_type, record, *, day=None, number=None, key="",
               title=None, summary="", recipients=(), signer=None, deputy=False, mode=None):
        """The dictionary a paper template lays out.

        number: the number typed on the record ("12/KH-UBND"); empty: from the register.
        day: the date of the paper; empty: the date it was numbered (today the first time).
        """
        org = organization
        party = org._paper_is_party()
        entry = None
        if not number:
            entry = self.env["doithoai.paper.number"]._issue(
                org, paper_type, record, day or fields.Date.context_today(self), key=key, summary=summary)
            number = entry.name
            day = day or entry.date
        day = day or fields.Date.context_today(self)
        head = org.host_id
        signer = signer or head
        head_title = org._paper_head_title()
        signer_title = (signer.function if signer else "") or (
            ("Phó " + head_title.lower()) if deputy and head_title else head_title)
        collective = org._paper_collective()
        mode = mode or ("tm" if collective else "head")
        paper_name, _code = vn_paper.PAPER_TYPES.get(paper_type, ("", ""))
        return {
            "party": party,
            "parent_name": vn_paper.upper(org.parent_id._paper_name()) if org.parent_id else "",
            "org_name": vn_paper.upper(org._paper_name()),
            "org_text": org._paper_name(),
            "number": vn_paper.number_prefix(number, party),
            "number_symbol": number,
            "date": day,
            "date_line": vn_paper.date_line(org._paper_place(), day),
            "title": title if title is not None else paper_name,
            "summary": summary,
            "vv": summary if paper_type == "answer" else "",
            "signature": {
                "lines": vn_paper.authority_lines(party, mode, collective, head_title, signer_title, deputy),
                "name": signer.name if signer else "",
            },
            "recipients": [r for r in recipients if r],
            "entry": entry,
        }

    # Small formatting helpers the templates call
    @api.model
    def _d(self, day):
        return vn_paper.short_date(day)

    @api.model
    def _date_words(self, day):
        return vn_paper.date_words(day)

    @api.model
    def _time_words(self, dt):
        local = self._local_date(dt)
        return vn_paper.time_words(local.replace(tzinfo=None)) if local else ""

    @api.model
    def _today(self):
        return fields.Date.context_today(self)

    @api.model
    def _names(self, partners):
        return ", ".join(p.name for p in partners if p.name)


def year_bounds(year):
    return date(year, 1, 1), date(year, 12, 31)


def utc_bounds(env, date_from, date_to):
    """Naive UTC datetimes [start, stop) covering these local days (Vietnam by default)."""
    tz = pytz.timezone(env.context.get("tz") or env.user.tz or "Asia/Ho_Chi_Minh")

    def to_utc(day):
        return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
    return to_utc(fields.Date.to_date(date_from)), to_utc(fields.Date.to_date(date_to) + timedelta(days=1))
