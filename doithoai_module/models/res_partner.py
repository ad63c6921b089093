from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    doithoai_asker = fields.Boolean(
        string="Dialogue Asker", index=True, copy=False,
        help="A person who asked a question in a dialogue: offered again as an asker.")
