"""Values of the union's report paper (template: report/doithoai_union_report_templates.xml)."""
from odoo import models

from ..tools import vn_paper


class ReportDoithoaiUnion(models.AbstractModel):
    _name = "report.doithoai_module.report_union"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Union Report Paper"
    _paper_model = "doithoai.union.report"

    def _papers(self, reports, data):
        P = self.env["doithoai.paper"]
        result = []
        for report in reports:
            org = report.organization_id
            figures, plans, overdue = report._figures()
            period = (f"6 tháng đầu năm {report.year}" if report.period == "half"
                      else f"năm {report.year}" if report.period == "year"
                      else f"từ ngày {vn_paper.short_date(report.date_from)} đến ngày "
                           f"{vn_paper.short_date(report.date_to)}")
            recipients = [f"{org.parent_id._paper_name()} (b/c)" if org.parent_id else "",
                          "Ban Dân vận cấp ủy cùng cấp (b/c)", "Ủy ban MTTQ Việt Nam cùng cấp"]
            paper = P._build(org, "union_report", report, recipients=recipients,
                             summary=f"Kết quả công tác giám sát, phản biện xã hội {period}")
            result.append({"paper": paper, "doc": report, "f": figures, "period": period,
                           "plans": plans, "overdue": overdue})
        return result
