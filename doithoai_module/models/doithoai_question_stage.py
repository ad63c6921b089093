from odoo import fields, models

STATES = [
    ("received", "Received"),
    ("forwarded", "Forwarded to agency"),
    ("answered", "Answered in session"),
    ("assigned", "Assigned"),
    ("resolved", "Resolved"),
    ("declined", "Declined"),
    ("closed", "Closed"),
]


class DoithoaiQuestionStage(models.Model):
    _name = "doithoai.question.stage"
    _inherit = ["doithoai.stage.mixin"]
    _description = "Question Stage"

    state = fields.Selection(STATES, required=True, default="received")
