from odoo import fields, models


class DoithoaiMakeupDay(models.Model):
    _name = "doithoai.makeup.day"
    _inherit = ["doithoai.input.mixin", "doithoai.deadline.source.mixin"]
    _description = "Make-up Working Day"
    _order = "date desc"

    name = fields.Char(required=True, translate=True)
    date = fields.Date(required=True, help="A weekend day declared a working day (làm bù).")
    calendar_id = fields.Many2one("resource.calendar", string="Working Calendar", index=True,
                                  help="Empty: applies to every calendar.")
    active = fields.Boolean(default=True)

    _date_calendar_uniq = models.UniqueIndex(
        "(date, COALESCE(calendar_id, 0)) WHERE active",
        "This day is already a make-up working day for this calendar.")

    def _touched_span(self):
        dates = [d for d in self.mapped("date") if d]
        return (min(dates), max(dates)) if dates else None
