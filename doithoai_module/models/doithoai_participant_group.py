from odoo import fields, models


class DoithoaiParticipantGroup(models.Model):
    _name = "doithoai.participant.group"
    _description = "Participant Group"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
