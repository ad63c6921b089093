from odoo import api, fields, models, tools


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
        return self.browse(self._first_of_state_id(state))

    # The default stage of every new record: cached, so a batch of 10 000 records does not
    # search it 10 000 times; any change to the stages clears it.
    @tools.ormcache("state")
    def _first_of_state_id(self, state):
        return self.sudo().search([("state", "=", state)], limit=1).id

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
