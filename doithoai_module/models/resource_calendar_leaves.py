from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._recompute_deadlines(leaves._touched_span())
        return leaves

    def write(self, vals):
        before = self._touched_span()
        res = super().write(vals)
        self._recompute_deadlines(before)
        self._recompute_deadlines(self._touched_span())
        return res

    def unlink(self):
        # Odoo flushes before it deletes: mark the deadlines once the holiday is gone.
        span = self._touched_span()
        res = super().unlink()
        self._recompute_deadlines(span)
        return res

    def _touched_span(self):
        # Only public holidays (no resource) move legal deadlines.
        holidays = self.filtered(lambda leave: not leave.resource_id and leave.date_from)
        if not holidays:
            return None
        return min(holidays.mapped("date_from")).date(), max(holidays.mapped("date_to")).date()

    def _recompute_deadlines(self, span):
        if span:
            self.env["doithoai.deadline.rule"]._recompute_open_deadlines(*span)
