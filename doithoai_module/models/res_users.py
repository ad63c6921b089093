from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    doithoai_organization_ids = fields.Many2many(
        "doithoai.organization", "doithoai_organization_user_rel", "user_id", "organization_id",
        string="Dialogue Organizations",
        help="The user works for these organizations and sees them and everything below them.")
