"""Issued papers print as they were issued: the stored PDF, byte for byte (see the register,
models/doithoai_paper_number.py). Drafts render from the current data, marked DỰ THẢO."""
import io

from odoo import models


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        if not self.env.context.get("doithoai_render_issued") and res_ids:
            report = self._get_report(report_ref)
            if report.report_name.startswith("doithoai_module."):
                stored = self.env["doithoai.paper.number"]._frozen_pdf(
                    report.report_name.split(".", 1)[1], res_ids, data)
                if stored:
                    if len(stored) == 1:
                        return stored[0], "pdf"
                    with self._merge_pdfs([io.BytesIO(pdf) for pdf in stored]) as merged:
                        return merged.getvalue(), "pdf"
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
