from odoo import fields, models


class DoithoaiLevel(models.Model):
    _name = "doithoai.level"
    _description = "Administrative Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
