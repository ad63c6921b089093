"""No reminder to an abolished unit (issue 16, two-level government).

Every reminder goes through ``_send_reminders``; before it is claimed, the recipients that
speak for an abolished unit are replaced by those of the unit that carries its work today
(``doithoai.organization._doithoai_current_unit``: its successor, else the nearest existing
unit above):
- the unit's contact and head, unless they also serve an existing unit;
- the users working only for abolished units (their to-do goes to the successor's leader).
They are replaced by the contact and head of the current unit, or, when these have no e-mail,
by its leaders. People working for an existing unit (the officer in charge, the askers) are
kept. A few queries per batch of reminders, never one per record.
"""
from odoo import api, models


class DoithoaiReminder(models.AbstractModel):
    _inherit = "doithoai.reminder"

    @api.model
    def _send_reminders(self, reminders):
        return super()._send_reminders(self._redirect_abolished(reminders))

    @api.model
    def _redirect_abolished(self, reminders):
        if not reminders:
            return reminders
        today = self._today()
        Org = self.env["doithoai.organization"].sudo().with_context(active_test=False)
        abolished = Org.search_fetch([("is_abolished", "=", True)],
                                     ["partner_id", "host_id", "successor_id", "parent_id", "date_start", "date_end"])
        if not abolished:
            return reminders
        partners = self.env["res.partner"].union(*(r.partners for r in reminders))
        speaks_for = {}  # partner id → the abolished unit it speaks for
        for org in abolished:
            for partner in org.partner_id | org.host_id:
                if partner in partners:
                    speaks_for.setdefault(partner.id, org)
        if speaks_for:
            for org in Org.search_fetch([("is_abolished", "=", False), "|",
                                         ("partner_id", "in", list(speaks_for)),
                                         ("host_id", "in", list(speaks_for))], ["partner_id", "host_id"]):
                speaks_for.pop(org.partner_id.id, None)
                speaks_for.pop(org.host_id.id, None)
        users = self.env["res.users"].sudo().with_context(active_test=False).search_fetch(
            [("partner_id", "in", partners.ids), ("doithoai_organization_ids", "in", abolished.ids)],
            ["partner_id", "doithoai_organization_ids"])
        for user in users:
            if not (user.doithoai_organization_ids - abolished):
                speaks_for.setdefault(user.partner_id.id, user.doithoai_organization_ids[:1])
        if not speaks_for:
            return reminders
        takeover = {}

        def taken_over_by(org):
            """(partners, to-do user) of the unit carrying this abolished unit's work today."""
            if org.id not in takeover:
                current = org._doithoai_current_unit(today)
                leaders = current._doithoai_leaders() if current else self.env["res.users"]
                targets = (current.partner_id | current.host_id).filtered("email") or leaders.partner_id
                takeover[org.id] = (targets, leaders[:1])
            return takeover[org.id]

        result = []
        for reminder in reminders:
            moved = reminder.partners.filtered(lambda p: p.id in speaks_for)
            if not moved:
                result.append(reminder)
                continue
            targets = self.env["res.partner"]
            for partner in moved:
                targets |= taken_over_by(speaks_for[partner.id])[0]
            activity_user = reminder.activity_user
            if activity_user and activity_user.partner_id.id in speaks_for:
                activity_user = taken_over_by(speaks_for[activity_user.partner_id.id])[1] or False
            if activity_user and activity_user.partner_id not in targets:
                # the to-do goes with a mail: its user must be among the recipients
                targets |= activity_user.partner_id
            result.append(reminder._replace(partners=(reminder.partners - moved) | targets,
                                            activity_user=activity_user))
        return result
