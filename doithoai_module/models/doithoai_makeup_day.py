from odoo import api, fields, models


class DoithoaiMakeupDay(models.Model):
    _name = "doithoai.makeup.day"
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

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days._recompute_deadlines(days._touched_span())
        return days

    def write(self, vals):
        before = self._touched_span()
        res = super().write(vals)
        self._recompute_deadlines(before)
        self._recompute_deadlines(self._touched_span())
        return res

    def unlink(self):
        # Odoo flushes before it deletes: mark the deadlines once the day is gone.
        span = self._touched_span()
        res = super().unlink()
        self._recompute_deadlines(span)
        return res

    def _touched_span(self):
        dates = [d for d in self.mapped("date") if d]
        return (min(dates), max(dates)) if dates else None

    def _recompute_deadlines(self, span):
        if span:
            self.env["doithoai.deadline.rule"]._recompute_open_deadlines(*span)
