from odoo import fields, models


class DoithoaiConclusionWizardLine(models.TransientModel):
    _name = "doithoai.conclusion.wizard.line"
    _inherit = ["doithoai.input.mixin"]
    _description = "Assignment to Create"

    wizard_id = fields.Many2one("doithoai.conclusion.wizard", required=True, ondelete="cascade")
    question_id = fields.Many2one("doithoai.question", string="Question")
    name = fields.Char(string="Task", required=True)
    organization_id = fields.Many2one("doithoai.organization", string="Assigned Agency")
    user_id = fields.Many2one("res.users", string="Responsible")
