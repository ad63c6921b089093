"""The render pipeline of the official papers.

Issued papers print as they were issued: the stored PDF, byte for byte (see the register,
models/doithoai_paper_number.py). Drafts render from the current data, marked DỰ THẢO.

Every PDF of a paper goes through `_run_wkhtmltopdf` below, the register's one rendering at
issue too (so the stored bytes carry it all): the CSS lengths are scaled to print at their
size on any wkhtmltopdf build, tables are split before a row that would cross a page break
with their header row repeated, and the page numbers are stamped afterwards
(tools/paper_pdf.py).
"""
import io
import logging

from odoo import models
from odoo.addons.base.models.ir_actions_report import _wkhtml

from ..tools import paper_pdf

_logger = logging.getLogger(__name__)
# (wkhtmltopdf, paper format) -> points of paper per CSS pixel, measured once per process
_POINTS_PER_PIXEL = {}


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _get_report_url(self, layout=None):
        # While the registry loads (install or update with demo data issuing its papers), the
        # server answering on the base URL can be this very process, blocked by the load:
        # wkhtmltopdf would wait for its assets forever. The papers carry their own styles;
        # point the assets at a port that refuses at once.
        if not self.env.registry.ready:
            return "http://127.0.0.1:9"
        return super()._get_report_url(layout=layout)

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

    def _run_wkhtmltopdf(self, bodies, report_ref=False, header=None, footer=None, landscape=False,
                         specific_paperformat_args=None, set_viewport_size=False):
        report = self._get_report(report_ref) if report_ref else self
        args = dict(report_ref=report_ref, header=header, footer=footer, landscape=landscape,
                    specific_paperformat_args=specific_paperformat_args, set_viewport_size=set_viewport_size)
        if not (report and report.report_name or "").startswith("doithoai_module.") or not bodies:
            return super()._run_wkhtmltopdf(bodies, **args)
        paperformat = report.get_paperformat()
        ratio = self._doithoai_points_per_pixel(bodies[0], paperformat, args)
        factor = 0.75 / ratio
        width_mm, height_mm = (210, 297) if paperformat.format == "A4" else (
            paperformat.page_width or 210, paperformat.page_height or 297)
        if landscape or paperformat.orientation == "Landscape":
            width_mm, height_mm = height_mm, width_mm
        width, height = paper_pdf.page_geometry(ratio, width_mm, height_mm, (
            paperformat.margin_top, paperformat.margin_bottom, paperformat.margin_left, paperformat.margin_right))
        bodies = [paper_pdf.prepare_body(
            paper_pdf.scale_css(body, factor) if abs(factor - 1) > 0.005 else body, width, height)
            for body in bodies]
        pdf = super()._run_wkhtmltopdf(bodies, **args)
        return paper_pdf.number_pages(pdf, margin_top=paperformat.margin_top,
                                      margin_left=paperformat.margin_left,
                                      margin_right=paperformat.margin_right)

    def _doithoai_points_per_pixel(self, body, paperformat, args):
        """Points of paper one CSS pixel takes with this paper format on this wkhtmltopdf:
        measured once per process (tools/paper_pdf.py), 0.75 when it cannot be measured."""
        key = (_wkhtml().bin, _wkhtml().version, paperformat.format, paperformat.page_width,
               paperformat.page_height, paperformat.orientation, bool(args.get("landscape")),
               paperformat.margin_left, paperformat.margin_right)
        if key not in _POINTS_PER_PIXEL:
            pdf = super()._run_wkhtmltopdf([paper_pdf.calibration_html(body)], **args)
            ratio = paper_pdf.read_calibration(pdf)
            if not ratio:
                _logger.warning("Could not measure the scale of wkhtmltopdf: papers are printed unscaled.")
            _POINTS_PER_PIXEL[key] = ratio or 0.75
        return _POINTS_PER_PIXEL[key]
