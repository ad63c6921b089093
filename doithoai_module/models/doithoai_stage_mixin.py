from odoo import fields, models


class DoithoaiStageMixin(models.AbstractModel):
    """What the three kanban stage models share; each adds its `state` keys.

    Stages are data an administrator may rename, reorder or fold; the code only
    relies on their `state`, so renaming a column never breaks a rule.
    """
    _name = "doithoai.stage.mixin"
    _description = "Kanban Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    def _first_of_state(self, state):
        return self.search([("state", "=", state)], limit=1)
