"""The public verification page of signed papers: anyone uploads a PDF, or gives the number and
date printed on a paper to check the register's signed copy, and reads, for each signature,
whether the document is intact, who signed, for which organisation and when (pyHanko's
validator; trusted when the chain ends at an authority of a stored certificate)."""
from odoo import fields, http
from odoo.http import request

from ..tools import pades

MAX_BYTES = 20 * 1024 * 1024


class DoithoaiVerify(http.Controller):

    @http.route("/doithoai/verify", type="http", auth="public", methods=["GET", "POST"], website=False,
                csrf=False, sitemap=False)
    def doithoai_verify(self, paper=None, number=None, date=None, **kw):
        values = {"results": None, "error": None, "papers": None, "number": number or "", "date": date or ""}
        roots = None
        if request.httprequest.method == "POST" and not number:
            data = paper.read(MAX_BYTES + 1) if paper else b""
            if not data or len(data) > MAX_BYTES:
                values["error"] = request.env._("Choose a signed PDF file (at most 20 MB).")
            else:
                roots = request.env["doithoai.certificate"].sudo()._trust_roots()
                try:
                    values["results"] = pades.validate(data, roots)
                except ValueError:
                    values["error"] = request.env._("This file is not a readable PDF.")
                else:
                    if not values["results"]:
                        values["error"] = request.env._("This PDF carries no digital signature.")
        elif number:
            values["papers"] = self._doithoai_register_papers(number, date)
            if not values["papers"]:
                values["error"] = request.env._("No signed paper with this number and date is in the register.")
        return request.render("doithoai_module.doithoai_verify_page", values,
                              status=400 if values["error"] else 200)

    def _doithoai_register_papers(self, number, date):
        """The register's signed papers of this number (and date, when given), each with the
        validation of its stored signed bytes; never a confidential one (appendix, confidential
        answer), and never their content: only what the signatures say."""
        try:
            day = fields.Date.to_date(date) if date else None
        except ValueError:
            day = None
        domain = [("name", "=", " ".join(number.split())), ("signed_attachment_id", "!=", False),
                  ("paper_type", "!=", "appendix")]
        if day:
            domain.append(("date", "=", day))
        Number = request.env["doithoai.paper.number"].sudo()
        entries = Number.search(domain, limit=10)
        entries = entries.filtered(lambda e: not (
            e.paper_type == "answer" and request.env[e.res_model].sudo().browse(e.res_id).confidential))
        roots = request.env["doithoai.certificate"].sudo()._trust_roots() if entries else []
        return [{"entry": entry, "results": pades.validate(entry.signed_attachment_id.raw, roots)}
                for entry in entries]
