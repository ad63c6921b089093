from odoo import api, fields, models


class DoithoaiYearlyReportWizard(models.TransientModel):
    _name = "doithoai.yearly.report.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Yearly Report of Dialogues"

    organization_id = fields.Many2one("doithoai.organization", string="Organization", required=True,
                                      default=lambda self: self._default_organization())
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)

    _year_valid = models.Constraint("CHECK(year BETWEEN 2000 AND 2100)", "The year is not valid.")

    @api.model
    def _default_organization(self):
        return self.env.user.doithoai_organization_ids[:1]

    def action_print(self):
        self.ensure_one()
        return self.env.ref("doithoai_module.action_report_yearly").report_action(
            self.organization_id, data={"year": self.year, "doc_ids": self.organization_id.ids}, config=False)

    def action_issue(self):
        """Issue the report of this year: it gets its number and its PDF is kept."""
        self.ensure_one()
        return self.organization_id.with_context(paper_type="report", paper_year=self.year) \
            .action_open_paper_issue_wizard()

    def action_export_xlsx(self):
        self.ensure_one()
        date_from, date_to = f"{self.year}-01-01", f"{self.year}-12-31"
        export = self.env["doithoai.xlsx.export"].create({
            "kind": "statistics", "organization_id": self.organization_id.id,
            "date_from": date_from, "date_to": date_to,
        })
        return export.action_download()
