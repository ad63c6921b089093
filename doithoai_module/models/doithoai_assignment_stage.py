from odoo import fields, models

STATES = [
    ("new", "New"),
    ("progress", "In progress"),
    ("extended", "Extended"),
    ("done", "Resolved"),
    ("cancel", "Cancelled"),
]


class DoithoaiAssignmentStage(models.Model):
    _name = "doithoai.assignment.stage"
    _inherit = ["doithoai.stage.mixin"]
    _description = "Assignment Stage"

    state = fields.Selection(STATES, required=True, default="new")
