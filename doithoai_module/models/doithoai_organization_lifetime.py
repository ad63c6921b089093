"""Two-level government (issue 16): the dates an organisation existed and its successor.

A unit is abolished from its end date on (``date_end`` is the day the resolution takes
effect, e.g. 1 July 2025 for the districts): it stays readable, is not archived, and is never
asked for a yearly dialogue nor reminded as that unit. Its successor takes over: the
successor's users read and carry on its records (``res.users.doithoai_access_organization_ids``,
the one set the record rules and ``_doithoai_user_tree`` follow), and the reminders that were
addressed to it go to the successor (``doithoai.reminder._redirect_abolished``).

The yearly obligation: a unit is obliged for a year when it exists on the last day of the
year. A district abolished on 1 July 2025 is obliged neither for 2025 nor after (its successor,
existing at the end of 2025, carries that year's obligation); the dialogues it held before
that day still count in its figures and its successor's history.
"""
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DoithoaiOrganization(models.Model):
    _inherit = "doithoai.organization"

    date_start = fields.Date(
        string="Established On", tracking=True,
        help="The day the unit came into existence (e.g. a merged commune: 1 July 2025). "
             "Empty: it has always existed.")
    date_end = fields.Date(
        string="Abolished On", tracking=True, copy=False,
        help="The day the resolution abolishing or merging the unit takes effect: from this day "
             "on it no longer exists, is asked for no yearly dialogue and gets no reminder; its "
             "successor takes over. Empty: it still exists.")
    successor_id = fields.Many2one(
        "doithoai.organization", string="Successor", index="btree_not_null", tracking=True,
        ondelete="restrict", copy=False,
        help="The unit that took over its tasks. Its users read and carry on this unit's "
             "dialogues, questions, assignments and papers.")
    predecessor_ids = fields.One2many("doithoai.organization", "successor_id", string="Predecessors",
                                      context={"active_test": False})
    predecessor_count = fields.Integer(compute="_compute_predecessor_count")
    is_abolished = fields.Boolean(
        string="Abolished", compute="_compute_is_abolished", search="_search_is_abolished",
        help="Its abolition date has come.")

    @api.depends("date_end")
    def _compute_is_abolished(self):
        today = self._doithoai_today()
        for org in self:
            org.is_abolished = bool(org.date_end and org.date_end <= today)

    def _search_is_abolished(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        today = self._doithoai_today()
        abolished = ["&", ("date_end", "!=", False), ("date_end", "<=", today)]
        current = ["|", ("date_end", "=", False), ("date_end", ">", today)]
        return abolished if (operator == "=") == value else current

    @api.depends("predecessor_ids")
    def _compute_predecessor_count(self):
        counts = dict(self.with_context(active_test=False)._read_group(
            [("successor_id", "in", self.ids)], ["successor_id"], ["__count"]))
        for org in self:
            org.predecessor_count = counts.get(org, 0)

    # ------------------------------------------------------------------
    # Existence
    # ------------------------------------------------------------------
    def _doithoai_exists_on(self, day):
        """True when the unit exists on this day (established, not yet abolished)."""
        self.ensure_one()
        return (not self.date_start or self.date_start <= day) and (not self.date_end or self.date_end > day)

    def _doithoai_obliged_in(self, year):
        """The yearly obligation falls on the units existing on the last day of the year."""
        self.ensure_one()
        return self._doithoai_exists_on(date(year, 12, 31))

    def _doithoai_current_unit(self, day):
        """The unit that carries this one's work on this day: itself while it exists, else
        its successor's current unit; an abolished unit without a successor hands over to the
        nearest existing unit above it. Empty only when none exists."""
        self.ensure_one()
        org, seen = self, set()
        while org and org.id not in seen and not org._doithoai_exists_on(day):
            seen.add(org.id)
            org = org.successor_id or org.parent_id
        return org if org and org.id not in seen else self.browse()

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("date_start", "date_end", "successor_id")
    def _check_lifetime(self):
        for org in self:
            name = org.complete_name or org.name
            if org.date_start and org.date_end and org.date_end < org.date_start:
                raise ValidationError(self.env._(
                    "%(name)s cannot be abolished on %(end)s, before it was established (%(start)s).",
                    name=name, end=org.date_end.strftime("%d/%m/%Y"), start=org.date_start.strftime("%d/%m/%Y")))
            successor = org.successor_id
            if not successor:
                continue
            if successor == org:
                raise ValidationError(self.env._("%(name)s cannot be its own successor.", name=name))
            if not org.date_end:
                raise ValidationError(self.env._(
                    "%(name)s has a successor but no abolition date: set the day the resolution "
                    "takes effect.", name=name))
            seen, step = {org.id}, successor
            while step:
                if step.id in seen:
                    raise ValidationError(self.env._(
                        "%(name)s cannot be merged into %(successor)s: %(successor)s was itself merged "
                        "into %(name)s, the successors would go round in a circle.",
                        name=name, successor=successor.complete_name or successor.name))
                seen.add(step.id)
                step = step.successor_id
            if not successor._doithoai_exists_on(org.date_end):
                raise ValidationError(self.env._(
                    "%(successor)s does not exist on %(day)s, when %(name)s is abolished: choose a "
                    "unit existing on that day.",
                    successor=successor.complete_name or successor.name, day=org.date_end.strftime("%d/%m/%Y"), name=name))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if any(vals.get("successor_id") for vals in vals_list):
            # the record rules follow the successors (res.users.doithoai_access_organization_ids)
            self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"successor_id", "parent_id"} & set(vals):
            self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_abolish(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Abolish / Merge into…"),
            "res_model": "doithoai.organization.abolish.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_organization_id": self.id},
        }

    def action_view_predecessors(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Predecessors of %(name)s", name=self.name),
            "res_model": "doithoai.organization",
            "view_mode": "list,form",
            "domain": [("successor_id", "=", self.id)],
            "context": {"active_test": False, "default_successor_id": self.id},
        }

    def action_view_successor(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "doithoai.organization",
            "view_mode": "form",
            "res_id": self.successor_id.id,
        }
