from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from ..models.doithoai_input_mixin import YEAR_MAX, YEAR_MIN

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export_on_replica(controller, rule, args):
    """Read-only (served on the replica, db_replica_host) once the replica holds the export
    record the button just created on the primary; before that, on the primary.

    Odoo calls this with the read-only cursor it opened for the request."""
    return bool(request.env["doithoai.xlsx.export"].sudo().browse(args.get("export_id")).exists())


class DoithoaiXlsxController(http.Controller):

    @http.route("/doithoai/xlsx/<string:kind>/<int:export_id>", type="http", auth="user", methods=["GET"],
                readonly=_export_on_replica)
    def download_xlsx(self, kind, export_id, **kwargs):
        """The Excel register prepared by a doithoai.xlsx.export record of the current user.

        Access: only the creator of the export record downloads it; the rows are read
        with the user's rights (record rules), confidential questions only for those
        allowed to print them.
        """
        try:
            export = request.env["doithoai.xlsx.export"].browse(export_id).exists()
            # A transient record is not private by itself in Odoo 19: only its creator downloads it.
            if not export or export.kind != kind or export.create_uid != request.env.user:
                raise NotFound()
            export.check_access("read")
            content = export._generate().getvalue()
            filename = export._filename()
        except (AccessError, MissingError):
            raise NotFound()
        except (UserError, ValueError, OverflowError) as error:
            # Bad input (a period or a selection that cannot be read): say so, never a 500.
            message = error.args[0] if isinstance(error, UserError) else request.env._(
                "The register cannot be prepared from these filters: check the dates (years %(min)s "
                "to %(max)s) and the selected records, then try again.", min=YEAR_MIN, max=YEAR_MAX)
            return request.make_response(message, status=400, headers=[
                ("Content-Type", "text/plain; charset=utf-8")])
        return request.make_response(content, headers=[
            ("Content-Type", XLSX_MIMETYPE),
            ("Content-Length", str(len(content))),
            ("Content-Disposition", content_disposition(filename)),
        ])
