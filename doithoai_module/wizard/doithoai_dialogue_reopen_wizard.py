from odoo import fields, models


class DoithoaiDialogueReopenWizard(models.TransientModel):
    _name = "doithoai.dialogue.reopen.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Reopen a Held Dialogue"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, readonly=True, ondelete="cascade")
    reason = fields.Text(required=True, help="Why the session is not held after all: kept in its history.")

    def action_reopen(self):
        self.ensure_one()
        self.dialogue_id._reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
