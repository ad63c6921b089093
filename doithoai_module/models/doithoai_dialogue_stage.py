from odoo import fields, models

STATES = [
    ("proposal", "Proposal"),
    ("approval", "Awaiting approval"),
    ("preparation", "Preparation"),
    ("invited", "Invited"),
    ("held", "Held"),
    ("concluded", "Conclusion issued"),
    ("followup", "Follow-up"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
# States reached only once the plan was approved, in the order of the workflow.
APPROVED_STATES = ("preparation", "invited", "held", "concluded", "followup", "done")
HELD_STATES = ("held", "concluded", "followup", "done")


class DoithoaiDialogueStage(models.Model):
    _name = "doithoai.dialogue.stage"
    _inherit = ["doithoai.stage.mixin"]
    _description = "Dialogue Stage"

    state = fields.Selection(STATES, required=True, default="proposal")
