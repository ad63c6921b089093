from odoo import fields, models

SOURCES = [
    ("state", "State budget"),
    ("organization", "Organization's own funds"),
    ("union", "Union funds"),
    ("sponsor", "Sponsorship (socialisation)"),
    ("other", "Other"),
]


class DoithoaiBudgetLine(models.Model):
    _name = "doithoai.budget.line"
    _inherit = ["doithoai.input.mixin"]
    _description = "Budget Line"
    _order = "dialogue_id, sequence, id"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Item", required=True)
    source = fields.Selection(SOURCES, required=True, default="state")
    currency_id = fields.Many2one(related="dialogue_id.currency_id")
    amount = fields.Monetary(required=True)

    _amount_positive = models.Constraint("CHECK(amount >= 0)", "A budget amount cannot be negative.")
