from odoo import api, fields, models
from odoo.exceptions import UserError


class DoithoaiExtensionWizard(models.TransientModel):
    _name = "doithoai.extension.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Extend an Assignment"

    assignment_id = fields.Many2one("doithoai.assignment", required=True, readonly=True)
    deadline = fields.Date(related="assignment_id.date_due", string="Current Due Date")
    extension_date = fields.Date(string="New Date", required=True)
    extension_reason = fields.Text(string="Reason", required=True)
    extension_answer = fields.Html(string="Written Answer to the Askers",
                                   help="Content, timeline and responsibility.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        assignment = self.env["doithoai.assignment"].browse(values.get("assignment_id"))
        if assignment.extension_requested_date:  # start from what the agency asked for
            values.setdefault("extension_date", assignment.extension_requested_date)
            values.setdefault("extension_reason", assignment.extension_request_reason)
        return values

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
        self.assignment_id.activity_feedback(["doithoai_module.mail_activity_type_extension_request"])
        return {"type": "ir.actions.act_window_close"}
