from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import localtime, ontime, vn_paper

KINDS = [
    ("party", "Party committee"),
    ("government", "People's Committee"),
    ("front", "Fatherland Front"),
    ("union", "Mass organization"),
    ("department", "Department or agency"),
    ("other", "Other"),
]


# Hosts are persons on their own (heads, deputies): never a company, a company's contact, nor
# the partner of a user outside the product (Odoo's demo people are all one of these); a head
# with a login of the product is one, and signs the papers as themselves.
HOST_DOMAIN = [("is_company", "=", False), ("parent_id", "=", False),
               "|", ("user_ids", "=", False), ("user_ids.doithoai_organization_ids", "!=", False)]


class DoithoaiOrganization(models.Model):
    _name = "doithoai.organization"
    _description = "Organization"
    _inherit = ["doithoai.input.mixin", "mail.thread", "doithoai.reminder.mixin"]
    _parent_store = True
    _order = "complete_name, id"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=False, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    code = fields.Char(help="Short symbol used in document numbers, e.g. UBND or HU.")
    parent_id = fields.Many2one("doithoai.organization", string="Parent Organization",
                                index=True, ondelete="restrict", tracking=True)
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("doithoai.organization", "parent_id", string="Sub-organizations")
    kind = fields.Selection(KINDS, required=True, default="government", tracking=True)
    level_id = fields.Many2one("doithoai.level", string="Level", tracking=True)
    partner_id = fields.Many2one("res.partner", string="Contact",
                                 help="Address and e-mail of the organization.")
    email = fields.Char(related="partner_id.email", readonly=False)
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar",
        help="Working days and public holidays used for its legal deadlines. "
             "Empty: the Vietnamese civil service calendar.")
    host_id = fields.Many2one("res.partner", string="Head (Host)", tracking=True,
                              help="Party Secretary or Chairman who hosts the dialogues.",
                              domain=HOST_DOMAIN)
    deputy_ids = fields.Many2many("res.partner", "doithoai_organization_deputy_rel",
                                  "organization_id", "partner_id", string="Deputies")
    user_ids = fields.Many2many("res.users", "doithoai_organization_user_rel",
                                "organization_id", "user_id", string="Users")
    rule_ids = fields.One2many("doithoai.deadline.rule", "organization_id", string="Deadline Rules")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    dialogue_count = fields.Integer(compute="_compute_dialogue_count")
    assignment_reminder_days = fields.Integer(
        string="Remind Before Assignment Deadlines",
        help="Working days before its assignments are due; 0: the company setting.")
    reminder_manager_id = fields.Many2one(
        "res.users", string="Escalation Manager",
        help="Told when a conclusion notice or an assignment stays late. Empty: the manager "
             "of the nearest organization above.")
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
    paper_drafting_unit = fields.Char(
        string="Drafting Unit on Papers",
        help="Abbreviation of the unit that drafts its papers, printed in the last line of the "
             "recipients after “Lưu: VT,” (e.g. KGVX). Empty: VP (the office); a Party body "
             "prints “Lưu Văn phòng …”.")
    reminder_signature = fields.Text(
        string="Mail Signature",
        help="Closing lines of the reminders it sends, e.g. “TM. BAN THƯỜNG VỤ” and the office.")

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for org in self:
            org.complete_name = (f"{org.parent_id.complete_name} / {org.name}"
                                 if org.parent_id else org.name)

    @api.depends("name", "complete_name")
    @api.depends_context("formatted_display_name")
    def _compute_display_name(self):
        """The organisation's own name in fields, columns and graphs (a path cut at the end
        makes agencies of one province look alike); the dropdown adds its path, muted."""
        formatted = self.env.context.get("formatted_display_name")
        for org in self:
            path = (org.complete_name or "").rpartition(" / ")[0]
            org.display_name = f"{org.name} \t --{path}--" if formatted and path else org.name

    @api.constrains("parent_id")
    def _check_parent(self):
        if self._has_cycle():
            raise ValidationError(self.env._("An organization cannot be its own parent."))

    def _compute_dialogue_count(self):
        counts = dict(self.env["doithoai.dialogue"]._read_group(
            [("organization_id", "in", self.ids)], ["organization_id"], ["__count"]))
        for org in self:
            org.dialogue_count = counts.get(org, 0)

    def _doithoai_leaders(self):
        """Leaders of this organisation, else of the nearest organisation above that has some.

        The module's administrators lead too, but they are asked only when no leader is set."""
        self.ensure_one()
        chain = [int(i) for i in (self.parent_path or "").split("/") if i]
        leader_group = self.env.ref("doithoai_module.group_doithoai_manager")
        admin_group = self.env.ref("doithoai_module.group_doithoai_admin")
        users = self.env["res.users"].sudo().search([
            ("all_group_ids", "in", leader_group.ids), ("share", "=", False),
            ("doithoai_organization_ids", "in", chain)])
        for admins in (False, True):
            pool = users.filtered(lambda u: (admin_group in u.all_group_ids) == admins)
            for org_id in reversed(chain):
                found = pool.filtered(lambda u: org_id in u.doithoai_organization_ids.ids)
                if found:
                    return found
        return self.env["res.users"]

    def _get_calendar(self):
        self.ensure_one()
        return self.calendar_id or self.env.ref("doithoai_module.calendar_vn_civil_service")

    # ------------------------------------------------------------------
    # The one local-time rule (tools/localtime.py): the organisation's calendar time zone
    # ------------------------------------------------------------------
    def _doithoai_tz(self):
        """The time zone of this organisation's calendar; for no (or several) organisations,
        the Vietnamese civil service calendar's. Never the time zone of the user."""
        default = self.env.ref("doithoai_module.calendar_vn_civil_service", raise_if_not_found=False)
        default_tz = (default.tz if default else None) or localtime.DEFAULT_TZ
        if len(self) != 1:
            return default_tz
        return self.calendar_id.tz or default_tz

    def _doithoai_today(self):
        """Today where the organisation sits."""
        return localtime.today(self._doithoai_tz(), fields.Datetime.now())

    def _doithoai_local_date(self, dt):
        """The day of a stored (UTC) datetime where the organisation sits."""
        return localtime.local_date(dt, self._doithoai_tz())

    def _doithoai_utc_bounds(self, day_from, day_to):
        """Naive UTC datetimes [start, stop) covering these local days of the organisation."""
        return localtime.utc_bounds(day_from, day_to, self._doithoai_tz())

    # ------------------------------------------------------------------
    # Writes stay inside the user's organisation tree
    # ------------------------------------------------------------------
    def _doithoai_user_tree(self):
        """The organisations the current user works for and the abolished units they took
        over (res.users.doithoai_access_organization_ids), with everything below them."""
        orgs = self.env.user.doithoai_access_organization_ids
        if not orgs:
            return self.browse()
        return self.sudo().with_context(active_test=False).search([("id", "child_of", orgs.ids)])

    def _doithoai_bypasses_tree(self):
        return self.env.su or self.env.user.has_group("doithoai_module.group_doithoai_admin")

    def _check_in_user_tree(self, name=""):
        """Refuses (AccessError) when one of these organisations is outside the user's tree.

        Record rules check a record before a write, not where the write moves it: create
        and write of dialogues, questions, assignments and plans, and the wizards, call this
        on the organisation a record ends up in. Administrators and the system may do anything."""
        if not self or self._doithoai_bypasses_tree():
            return
        outside = self.sudo() - self._doithoai_user_tree()
        if outside:
            raise AccessError(self.env._(
                "“%(name)s” cannot be put under %(org)s: you work only for your own "
                "organisations and those below them. Choose one of them.",
                name=name, org=outside[0].complete_name))

    def _check_same_company(self, name=""):
        """A responding agency may be any organisation of the user's companies."""
        if not self or self._doithoai_bypasses_tree():
            return
        outside = self.sudo().filtered(
            lambda org: org.company_id and org.company_id not in self.env.user.company_ids)
        if outside:
            raise AccessError(self.env._(
                "“%(name)s” cannot be given to %(org)s: it belongs to a company you do not "
                "work for. Choose an agency of your own company.",
                name=name, org=outside[0].complete_name))

    # ------------------------------------------------------------------
    # Who works on a dialogue: its host, or its co-host and proposer (issue 15)
    # ------------------------------------------------------------------
    @api.model
    def _doithoai_dialogue_roles(self, dialogues):
        """{dialogue id: "host" | "partner" | None} for the current user: "host" when the
        dialogue's host is in the user's tree, "partner" when only its co-host or proposing
        organisation is (with the host in one of the user's companies). The record rules say
        the same for reading and writing (security/doithoai_rules.xml, the "partner" rules);
        this is for what rules cannot express: who moves stages, approves, issues papers, and
        where a write may put a record. The user's tree is read once for the whole batch."""
        dialogues = dialogues.sudo()
        if self._doithoai_bypasses_tree():
            return dict.fromkeys(dialogues.ids, "host")
        tree = self._doithoai_user_tree()
        companies = self.env.user.company_ids
        roles = {}
        for dialogue in dialogues:
            host = dialogue.organization_id
            if host in tree:
                roles[dialogue.id] = "host"
            elif dialogue.partner_organization_ids & tree and (
                    not host.company_id or host.company_id in companies):
                roles[dialogue.id] = "partner"
            else:
                roles[dialogue.id] = None
        return roles

    @api.model
    def _doithoai_dialogue_role(self, dialogue):
        dialogue.ensure_one()
        return self._doithoai_dialogue_roles(dialogue)[dialogue.id]

    @api.model
    def _check_works_on(self, dialogues, name=""):
        """Refuses (AccessError) unless the user works on each dialogue, as host or partner."""
        roles = self._doithoai_dialogue_roles(dialogues)
        for dialogue in dialogues.sudo():
            if not roles[dialogue.id]:
                raise AccessError(self.env._(
                    "“%(name)s” cannot be put under the dialogue “%(dialogue)s”: your organisations "
                    "neither host it nor co-host or propose it.",
                    name=name or dialogue.name, dialogue=dialogue.name))

    def action_view_dialogues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_dialogue_action")
        action["domain"] = [("organization_id", "child_of", self.id)]
        action["context"] = {"default_organization_id": self.id}
        return action

    def _doithoai_signature(self):
        self.ensure_one()
        lines = [self.name] + [line for line in (self.reminder_signature or "").splitlines() if line.strip()]
        return Markup("<br/>").join(escape(line) for line in lines)

    # ------------------------------------------------------------------
    # How the organisation appears on its papers (heading, place, signature)
    # ------------------------------------------------------------------
    def _paper_is_party(self):
        """Party format (Hướng dẫn 36-HD/VPTW): a Party committee, or a board or office of one."""
        self.ensure_one()
        org = self
        while org.kind == "department" and org.parent_id:
            org = org.parent_id
        return org.kind == "party"

    def _paper_is_grouping(self):
        """A record that only groups bodies (e.g. "Tỉnh Thái Nguyên" over its Party committee and
        People's Committee): kind Other, no head, bodies of their own below it. It issues no paper
        and is no body's superior."""
        self.ensure_one()
        return self.kind == "other" and not self.host_id and any(
            child.kind in ("party", "government", "front", "union") for child in self.child_ids)

    def _paper_superior(self):
        """The superior line of the heading, or "" when the body has no direct superior.

        State (Decree 30): the body directly above, when it is a body (not a grouping record);
        People's Committees and Party committees' own superiors are not printed that way.
        Party (Hướng dẫn 36): a committee prints the Party organisation of the committee above
        ("ĐẢNG BỘ TỈNH BẮC GIANG" over "HUYỆN ỦY TÂN YÊN"); a board prints its committee
        ("HUYỆN ỦY TÂN YÊN" over "BAN DÂN VẬN")."""
        self.ensure_one()
        parent = self.parent_id
        if not parent or parent._paper_is_grouping():
            return ""
        if self.kind == "party" and vn_paper.is_party_committee(self._paper_name()):
            committee = parent
            while committee and committee.kind != "party":
                committee = committee.parent_id
            return vn_paper.party_organisation(committee._paper_name()) if committee else ""
        if self.kind == "government":
            return ""
        # a department, or a Party board recorded as a Party body: under its body
        return parent._paper_name()

    def _paper_full_name(self):
        """The name of the issuing body in its heading: in full, never abbreviated."""
        self.ensure_one()
        return self.paper_name or vn_paper.full_name(self.name or "")

    def _paper_code(self):
        self.ensure_one()
        return self.code or vn_paper.DEFAULT_CODE.get(self.kind, "")

    def _paper_name(self):
        self.ensure_one()
        return self.paper_name or self.name or ""

    def _paper_place(self):
        """The place of the date line, always one: the place set on papers, else the
        administrative name in the body's name ("UBND tỉnh Thái Nguyên": Thái Nguyên), its
        contact's city or province, the place of the organisation above, the company's city."""
        self.ensure_one()
        org = self
        while org:
            partner = org.partner_id
            place = (org.paper_place or vn_paper.place_from_name(org.name)
                     or partner.city or partner.state_id.name)
            if place:
                return place
            org = org.parent_id
        company = self.company_id or self.env.company
        return company.city or company.state_id.name or ""

    def _paper_collective(self):
        self.ensure_one()
        return self.paper_collective or vn_paper.DEFAULT_COLLECTIVE.get(self.kind, "")

    def _paper_head_title(self):
        """The head's position alone ("Chủ tịch", "Bí thư", "Giám đốc"), never with the organisation."""
        self.ensure_one()
        if self.host_id.function:
            return vn_paper.position(self.host_id.function, self._paper_names())
        return vn_paper.default_head_title(self.kind, self.name, self._paper_is_party())

    def _paper_names(self):
        """Every way a function may name this organisation (to cut it off a position)."""
        self.ensure_one()
        return [n for n in {self.name, self.paper_name, self.complete_name,
                            vn_paper.full_name(self.name or "")} if n]

    # ------------------------------------------------------------------
    # Statistics: shared by the yearly report and the Excel statistics
    # ------------------------------------------------------------------
    def _dialogue_required(self, day=None):
        """At least one dialogue a year for the head of each Party committee and People's
        Committee existing on `day` (the last day of the period: a unit abolished during the
        year has no obligation for it, see doithoai_organization_lifetime.py)."""
        self.ensure_one()
        if day and not self._doithoai_exists_on(day):
            return 0
        return 1 if self.kind in ("party", "government") else 0

    def _doithoai_statistics(self, date_from, date_to, today=None):
        """{org id: {counter: value}} for the dialogues each organisation itself hosted
        between the two dates (by session date); confidential questions are left out.
        Counts only (callers sum them); the rate of a row: _doithoai_on_time_rate(row)."""
        today = today or self._doithoai_today()
        keys = ("required", "held", "planned", "questions", "answered", "deferred", "declined", "referred",
                "assigned", "assignments", "on_time", "late", "overdue", "pending")
        stats = {org.id: dict.fromkeys(keys, 0) for org in self}
        for org in self:
            stats[org.id]["required"] = org._dialogue_required(date_to)
        if not self:
            return stats
        start, stop = vn_paper.utc_bounds(self.env, date_from, date_to)
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
            if outcome in ("answered", "deferred", "declined", "referred"):
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

    @api.model
    def _doithoai_on_time_rate(self, counts):
        """The on-time rate (tools/ontime.py) of a row of _doithoai_statistics or of a sum of
        rows: kept out of the rows themselves, which callers add up key by key."""
        return ontime.on_time_rate(counts["on_time"], counts["late"], counts["overdue"])
