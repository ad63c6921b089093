from odoo import api, models


class DoithoaiDeadlineSourceMixin(models.AbstractModel):
    """Records that move legal deadlines when they change: public holidays, make-up days.

    A model inheriting it says which local days it touches (`_touched_span`); every open
    deadline around them is recomputed after a create, a write (old and new days) or an
    unlink (once the row is gone: Odoo flushes before it deletes).
    """
    _name = "doithoai.deadline.source.mixin"
    _description = "Moves Legal Deadlines"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._recompute_deadlines(records._touched_span())
        return records

    def write(self, vals):
        before = self._touched_span()
        res = super().write(vals)
        self._recompute_deadlines(before)
        self._recompute_deadlines(self._touched_span())
        return res

    def unlink(self):
        span = self._touched_span()
        res = super().unlink()
        self._recompute_deadlines(span)
        return res

    def _touched_span(self):
        """(first day, last day) this recordset touches, or None."""
        raise NotImplementedError

    def _recompute_deadlines(self, span):
        if span:
            self.env["doithoai.deadline.rule"]._recompute_open_deadlines(*span)
