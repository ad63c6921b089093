from odoo import api, fields, models

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
    amount = fields.Monetary(string="Estimate", required=True)
    amount_actual = fields.Monetary(string="Actual", help="What was spent, once the dialogue is held.")
    fund_reference = fields.Char(string="Funding Reference",
                                 help="The decision or fund the money comes from, e.g. Quyết định số "
                                      "3100/QĐ-UBND ngày 12/12/2022; Quỹ Đền ơn đáp nghĩa năm 2023.")

    # For the budget per organisation and year (Reporting → Budget): stored, grouped by the ORM.
    organization_id = fields.Many2one(related="dialogue_id.organization_id", store=True, index=True,
                                      string="Organization")
    company_id = fields.Many2one(related="dialogue_id.company_id", store=True)
    year = fields.Integer(compute="_compute_year", store=True, aggregator=False)

    @api.depends("dialogue_id.date_start")
    def _compute_year(self):
        for line in self:
            start = line.dialogue_id.date_start
            line.year = line.dialogue_id._local_date(start).year if start else 0

    _amount_positive = models.Constraint("CHECK(amount >= 0 AND COALESCE(amount_actual, 0) >= 0)",
                                         "A budget amount cannot be negative.")
