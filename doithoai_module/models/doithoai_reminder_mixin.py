from odoo import models

from ..tools.vn_paper import format_vn_date


class DoithoaiReminderMixin(models.AbstractModel):
    """Helpers the reminder templates call on the record they are rendered for."""
    _name = "doithoai.reminder.mixin"
    _description = "Reminder Template Helpers"

    def _doithoai_vn_date(self, value):
        return format_vn_date(value)

    def _doithoai_url(self):
        self.ensure_one()
        return f"{self.get_base_url()}/odoo/{self._name}/{self.id}"
