from odoo import api, fields, models

from ..models.doithoai_paper_number import ISSUE_RULES, PAPER_TYPE_SELECTION


class DoithoaiPaperIssueWizard(models.TransientModel):
    """Issue a paper: its type, the number (empty: the next of the register), date and signer."""
    _name = "doithoai.paper.issue.wizard"
    _description = "Issue a Paper"

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    paper_type = fields.Selection(PAPER_TYPE_SELECTION, required=True)
    allowed_types = fields.Char(readonly=True)
    number = fields.Char(string="Number and Symbol",
                         help="Leave empty to take the next number of the organisation's register for the "
                              "year of the date; type it when the register is kept elsewhere.")
    date = fields.Date(string="Date Issued", required=True)
    year = fields.Integer(string="Report Year")
    signer_id = fields.Many2one("res.partner", string="Signer")
    current_id = fields.Many2one("doithoai.paper.number", string="Currently Issued",
                                 compute="_compute_current")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        model = res.get("res_model") or self.env.context.get("active_model")
        res_id = res.get("res_id") or self.env.context.get("active_id")
        types = [t for t, rule in ISSUE_RULES.items() if rule["model"] == model]
        paper_type = res.get("paper_type") or self.env.context.get("default_paper_type") or (types[:1] or [False])[0]
        res.update({"res_model": model, "res_id": res_id, "allowed_types": ",".join(types),
                    "paper_type": paper_type})
        if model and res_id and paper_type:
            res.update(self._defaults_for(self.env[model].browse(res_id), paper_type))
        return res

    def _defaults_for(self, record, paper_type):
        Register = self.env["doithoai.paper.number"]
        return {"date": Register._default_date(record, paper_type),
                "number": Register._default_number(record, paper_type),
                "signer_id": Register._default_signer(record, paper_type).id,
                "year": fields.Date.context_today(self).year - (1 if paper_type == "report" else 0)}

    @api.onchange("paper_type")
    def _onchange_paper_type(self):
        if self.res_model and self.res_id and self.paper_type:
            self.update(self._defaults_for(self.env[self.res_model].browse(self.res_id), self.paper_type))

    @api.depends("paper_type", "res_model", "res_id", "year")
    def _compute_current(self):
        Register = self.env["doithoai.paper.number"]
        for wizard in self:
            current = Register
            if wizard.res_model and wizard.res_id and wizard.paper_type:
                record = self.env[wizard.res_model].browse(wizard.res_id)
                current = Register._current(record, wizard.paper_type, Register._paper_key(
                    record, wizard.paper_type, {"year": wizard.year}))
            wizard.current_id = current

    def action_issue(self):
        self.ensure_one()
        record = self.env[self.res_model].browse(self.res_id)
        entry = self.env["doithoai.paper.number"]._issue_paper(
            record, self.paper_type, day=self.date, number=self.number, signer=self.signer_id,
            data={"year": self.year} if self.paper_type == "report" else None)
        return {"type": "ir.actions.act_window", "res_model": entry._name, "res_id": entry.id,
                "views": [(False, "form")], "target": "current"}
