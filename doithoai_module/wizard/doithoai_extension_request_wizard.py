from odoo import fields, models
from odoo.exceptions import ValidationError


class DoithoaiExtensionRequestWizard(models.TransientModel):
    _name = "doithoai.extension.request.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Request an Extension of an Assignment"

    assignment_id = fields.Many2one("doithoai.assignment", required=True, readonly=True, ondelete="cascade")
    date_due = fields.Date(related="assignment_id.date_due", string="Current Due Date")
    date_proposed = fields.Date(string="Proposed Date", required=True)
    reason = fields.Text(required=True, help="Why more time is needed; the leader of the host reads it.")

    def action_request(self):
        self.ensure_one()
        if not (self.reason or "").strip() or not self.date_proposed:
            raise ValidationError(self.env._("Give the reason and the proposed date of the extension."))
        self.assignment_id._request_extension(self.date_proposed, self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
