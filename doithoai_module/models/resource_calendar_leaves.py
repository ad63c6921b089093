from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._recompute_touched_deadlines()
        return leaves

    def write(self, vals):
        self._recompute_touched_deadlines()
        res = super().write(vals)
        self._recompute_touched_deadlines()
        return res

    def unlink(self):
        self._recompute_touched_deadlines()
        return super().unlink()

    def _recompute_touched_deadlines(self):
        # Only public holidays (no resource) move legal deadlines.
        holidays = self.filtered(lambda leave: not leave.resource_id and leave.date_from)
        if holidays:
            self.env["doithoai.deadline.rule"]._recompute_open_deadlines(
                min(holidays.mapped("date_from")).date(), max(holidays.mapped("date_to")).date())
