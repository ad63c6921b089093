"""The public verification page of signed papers: anyone uploads a PDF and reads, for each
signature, whether the document is intact, who signed, for which organisation and when
(pyHanko's validator; trusted when the chain ends at an authority of a stored certificate)."""
from odoo import http
from odoo.http import request

from ..tools import pades

MAX_BYTES = 20 * 1024 * 1024


class DoithoaiVerify(http.Controller):

    @http.route("/doithoai/verify", type="http", auth="public", methods=["GET", "POST"], website=False,
                csrf=False, sitemap=False)
    def doithoai_verify(self, paper=None, **kw):
        values = {"results": None, "error": None}
        if request.httprequest.method == "POST":
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
        return request.render("doithoai_module.doithoai_verify_page", values,
                              status=400 if values["error"] else 200)
