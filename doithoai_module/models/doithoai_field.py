from odoo import fields, models


class DoithoaiField(models.Model):
    _name = "doithoai.field"
    _description = "Question Field"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
