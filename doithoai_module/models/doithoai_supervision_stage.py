from odoo import fields, models

STATES = [
    ("draft", "Proposal"),
    ("approval", "Awaiting approval"),
    ("approved", "Approved"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
APPROVED_STATES = ("approved", "done")

# The workflow of a supervision plan, the one place to read or change it, in the style of the
# dialogue's (doithoai_dialogue_stage.py): (from-state, to-state) -> (who, condition). `False`
# as from-state is a creation; any move missing here is refused whatever the door. Conditions
# are methods `_workflow_<name>` of doithoai.supervision raising a UserError saying what to do.
# OFFICER: the union's or the Front's staff (officers and supervisors); LEADER: its leaders.
OFFICER, LEADER = "officer", "leader"
ANYONE = (OFFICER, LEADER)
TRANSITIONS = {
    (False, "draft"): (ANYONE, None),
    ("draft", "approval"): (ANYONE, "subjects"),
    ("approval", "draft"): (ANYONE, None),
    ("approval", "approved"): ((LEADER,), "subjects"),  # the move records the approval
    ("approved", "done"): (ANYONE, "findings"),
    ("done", "approved"): ((LEADER,), None),
    ("draft", "cancel"): (ANYONE, None),
    ("approval", "cancel"): (ANYONE, None),
    ("approved", "cancel"): ((LEADER,), None),
    ("cancel", "draft"): ((LEADER,), None),
}
# Set only by the approval move, never by a user's write or create.
PROTECTED_FIELDS = ("approved_by_id", "approval_date")


class DoithoaiSupervisionStage(models.Model):
    _name = "doithoai.supervision.stage"
    _inherit = ["doithoai.stage.mixin"]
    _description = "Supervision Stage"

    state = fields.Selection(STATES, required=True, default="draft")
