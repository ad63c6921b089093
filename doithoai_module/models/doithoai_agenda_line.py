from odoo import fields, models


class DoithoaiAgendaLine(models.Model):
    _name = "doithoai.agenda.line"
    _inherit = ["doithoai.input.mixin"]
    _description = "Agenda Item"
    _order = "dialogue_id, sequence, id"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    time_start = fields.Float(string="Start Time", help="Hour of the day, e.g. 8.5 for 08:30.")
    time_end = fields.Float(string="End Time")
    name = fields.Char(string="Item", required=True)
    presenter = fields.Char(string="Presented by")
