"""Gifts and support handed over at a dialogue (plan of document 002: 30 women of policy
households chosen with the Labour department, from the provincial gratitude fund)."""
from odoo import api, fields, models

CATEGORIES = [
    ("policy_household", "Woman of a policy household"),
    ("hardship", "Member in special hardship"),
    ("poor_child", "Poor child"),
    ("good_cadre", "Good grassroots union cadre"),
    ("other", "Other"),
]


class DoithoaiGift(models.Model):
    _name = "doithoai.gift"
    _description = "Gift or Support"
    _inherit = ["doithoai.input.mixin"]
    _order = "dialogue_id, sequence, id"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    beneficiary = fields.Char(required=True, help="Full name of the person who receives it.")
    address = fields.Char(help="Village, commune and district.")
    category = fields.Selection(CATEGORIES, required=True, default="policy_household")
    selected_by_id = fields.Many2one("doithoai.organization", string="Chosen with",
                                     help="The agency that chose the beneficiary, e.g. the Labour department.")
    fund = fields.Char(string="Fund", help="Where the money comes from, with its reference, e.g. "
                                           "Quỹ Đền ơn đáp nghĩa năm 2023 của tỉnh.")
    currency_id = fields.Many2one(related="dialogue_id.currency_id")
    amount = fields.Monetary()
    delivered = fields.Boolean(help="Handed over at the session (or afterwards).")

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A gift cannot be negative.")

    @api.model_create_multi
    def create(self, vals_list):
        gifts = super().create(vals_list)
        self.env["doithoai.organization"]._check_works_on(gifts.sudo().dialogue_id)
        return gifts

    def write(self, vals):
        res = super().write(vals)
        if "dialogue_id" in vals:
            self.env["doithoai.organization"]._check_works_on(self.sudo().dialogue_id)
        return res
