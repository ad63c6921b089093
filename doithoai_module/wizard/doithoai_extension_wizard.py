from odoo import fields, models
from odoo.exceptions import UserError


class DoithoaiExtensionWizard(models.TransientModel):
    _name = "doithoai.extension.wizard"
    _description = "Extend an Assignment"

    assignment_id = fields.Many2one("doithoai.assignment", required=True, readonly=True)
    deadline = fields.Date(related="assignment_id.date_due", string="Current Due Date")
    extension_date = fields.Date(string="New Date", required=True)
    extension_reason = fields.Text(string="Reason", required=True)
    extension_answer = fields.Html(string="Written Answer to the Askers",
                                   help="Content, timeline and responsibility.")

    def action_extend(self):
        self.ensure_one()
        if not self.assignment_id.dialogue_id._is_leader():
            raise UserError(self.env._("Only a leader grants an extension."))
        stage = self.env["doithoai.assignment.stage"]._first_of_state("extended")
        vals = {
            "extension_date": self.extension_date,
            "extension_reason": self.extension_reason,
            "extension_answer": self.extension_answer,
        }
        if stage:
            vals["stage_id"] = stage.id
        self.assignment_id.write(vals)
        return {"type": "ir.actions.act_window_close"}
