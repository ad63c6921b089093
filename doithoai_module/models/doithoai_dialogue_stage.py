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

# The workflow of a dialogue, the one place to read or change it: every allowed move
# (from-state, to-state) -> (who may make it, what must be true). `False` as from-state is
# a creation. Any move missing here is refused, whatever the door (form, kanban, import,
# RPC); moving between two stages of the same state is not a move. Conditions are
# methods `_workflow_<name>` of doithoai.dialogue that raise a UserError saying what to do.
# A held dialogue never goes back: only a leader reopens it, with a reason (reopen wizard).
# Roles are the user's towards the dialogue: OFFICER and LEADER of its host; PARTNER, an
# officer or leader of its co-host or proposing organisation (the Women's Union, the Front),
# who proposes and submits it, then prepares it without approving, holding or concluding it.
OFFICER, LEADER, PARTNER = "officer", "leader", "partner"
ANYONE = (OFFICER, LEADER)
TRANSITIONS = {
    (False, "proposal"): (ANYONE + (PARTNER,), None),
    (False, "approval"): (ANYONE + (PARTNER,), None),
    ("proposal", "approval"): (ANYONE + (PARTNER,), None),
    ("approval", "proposal"): (ANYONE + (PARTNER,), None),
    ("approval", "preparation"): ((LEADER,), None),  # the move records the approval
    ("preparation", "invited"): (ANYONE, "approved"),
    ("invited", "preparation"): (ANYONE, None),
    ("preparation", "held"): (ANYONE, "started"),
    ("invited", "held"): (ANYONE, "started"),
    ("held", "concluded"): ((LEADER,), "concluded"),
    ("held", "followup"): (ANYONE, "concluded"),
    ("held", "done"): (ANYONE, "concluded"),
    ("concluded", "followup"): (ANYONE, "concluded"),
    ("concluded", "done"): (ANYONE, "concluded"),
    ("followup", "done"): (ANYONE, "concluded"),
    ("followup", "concluded"): (ANYONE, "concluded"),
    ("done", "followup"): (ANYONE, "concluded"),
    ("proposal", "cancel"): (ANYONE, None),
    ("approval", "cancel"): (ANYONE, None),
    ("preparation", "cancel"): (ANYONE, None),
    ("invited", "cancel"): (ANYONE, None),
    ("cancel", "proposal"): ((LEADER,), None),
}
# Set only by their action methods (approve, the conclusion wizard, the stage), never by a
# user's write or create; data files load as superuser and may set them.
PROTECTED_FIELDS = ("approved_by_id", "approval_date", "conclusion_date", "conclusion_number", "is_held")


class DoithoaiDialogueStage(models.Model):
    _name = "doithoai.dialogue.stage"
    _inherit = ["doithoai.stage.mixin"]
    _description = "Dialogue Stage"

    state = fields.Selection(STATES, required=True, default="proposal")
