from odoo import models


class ResourceCalendar(models.Model):
    """Reminder templates about holidays render on the calendar."""
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "doithoai.reminder.mixin"]
