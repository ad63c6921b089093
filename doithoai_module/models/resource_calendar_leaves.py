from odoo import models


class ResourceCalendarLeaves(models.Model):
    _name = "resource.calendar.leaves"
    _inherit = ["resource.calendar.leaves", "doithoai.deadline.source.mixin"]

    def _touched_span(self):
        # Only public holidays (no resource) move legal deadlines.
        holidays = self.filtered(lambda leave: not leave.resource_id and leave.date_from)
        if not holidays:
            return None
        return min(holidays.mapped("date_from")).date(), max(holidays.mapped("date_to")).date()
