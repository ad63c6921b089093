"""Excel registers: questions, assignment tracking, yearly statistics.

Written with xlsxwriter in constant_memory mode (rows are streamed to disk as they are
written), from plain SQL over the ids the ORM allows (`_search` applies the record
rules), fetched in chunks: 100 000 questions in a few seconds and a flat memory curve.
"""
import html
import io
import re
from datetime import date, datetime

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import vn_paper
from ..tools.vn_paper import utc_bounds

CHUNK = 5000
KINDS = [
    ("questions", "Question register"),
    ("assignments", "Assignment tracking"),
    ("statistics", "Yearly statistics"),
]
CHANNELS_VI = {"before": "Gửi trước hội nghị", "session": "Tại hội nghị", "online": "Trực tuyến"}
OUTCOMES_VI = {"answered": "Trả lời tại hội nghị", "deferred": "Trả lời sau",
               "declined": "Không trả lời"}
KINDS_VI = {"party": "Cấp ủy Đảng", "government": "Chính quyền", "front": "Mặt trận Tổ quốc",
            "union": "Đoàn thể", "department": "Sở, ban, ngành", "other": "Khác"}
TAGS = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_EPOCH_DT = datetime(1899, 12, 30)
# Characters XML 1.0 cannot carry, written as Excel's _xHHHH_ escapes (as xlsxwriter does).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
EXCEL_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
LATE_FILL = "#FFC7CE"
LATE_FONT = "#9C0006"


def html_text(value):
    """Fast HTML -> one line of text (results are short notes, not documents)."""
    if not value:
        return ""
    return SPACES.sub(" ", html.unescape(TAGS.sub(" ", str(value)))).strip()


def _inline_text(value):
    """The <t> element of an inline string, escaped as xlsxwriter does."""
    if "_x" in value:
        value = EXCEL_ESCAPE.sub(r"_x005F\1", value)
    if CONTROL.search(value):
        value = CONTROL.sub(lambda m: "_x%04X_" % ord(m.group(0)), value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


class XlsxSheet:
    """One register sheet: title, header row, typed cells, widths that fit, print setup."""

    def __init__(self, workbook, name, title, subtitle, columns):
        """columns: [(header, type, min_width, max_width)], type in text/date/int."""
        self.wb = workbook
        self.ws = workbook.add_worksheet(name)
        self.columns = columns
        self.header_row = 3
        self.row = self.header_row + 1
        self.widths = [max(len(h) * 1.1 + 2, lo) for h, _t, lo, _hi in columns]
        self.formats = {}
        ws = self.ws
        ws.write_string(0, 0, title, self._fmt("title"))
        ws.write_string(1, 0, subtitle, self._fmt("subtitle"))
        header = self._fmt("header")
        ws.set_row(self.header_row, 32)
        for col, (label, _kind, _lo, _hi) in enumerate(columns):
            ws.write_string(self.header_row, col, label, header)
        ws.freeze_panes(self.header_row + 1, 2)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(self.header_row)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&CTrang &P/&N")
        ws.hide_gridlines(0)

    def _fmt(self, key):
        fmt = self.formats.get(key)
        if fmt is None:
            base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
            late = key.endswith("_late")
            kind = key[:-5] if late else key
            spec = {
                "title": {"bold": True, "font_size": 14},
                "subtitle": {"italic": True},
                "header": {"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                           "text_wrap": True, "bg_color": "#D9E1F2"},
                "text": {"border": 1},
                "int": {"border": 1, "num_format": "0"},
                "date": {"border": 1, "num_format": "dd/mm/yyyy", "align": "center"},
                "total": {"border": 1, "bold": True},
                "total_int": {"border": 1, "bold": True, "num_format": "0"},
            }[kind]
            if late:
                spec = dict(spec, bg_color=LATE_FILL, font_color=LATE_FONT)
            fmt = self.formats[key] = self.wb.add_format({**base, **spec})
        return fmt

    def _start_rows(self):
        """Flush the header through xlsxwriter, then stream rows as XML ourselves.

        xlsxwriter spends ~15 µs a cell on bookkeeping: for 100 000 rows that is most of
        the export. In constant_memory mode it appends each finished row's XML to a temp
        file (row_data_fh) that it copies into <sheetData> at close; we append rows in the
        very same format, and leave styles, widths, panes, filters and print set-up to it.
        """
        ws = self.ws
        self.fast = bool(getattr(ws, "constant_memory", False) and getattr(ws, "row_data_fh", None))
        if self.fast:
            ws._write_single_row(self.row)  # writes the header row, previous_row = first data row
            self.fh = ws.row_data_fh
            self.letters = [xl_col_to_name(col) for col in range(len(self.columns))]
            self.xf = [self._fmt(kind)._get_xf_index() for _h, kind, _lo, _hi in self.columns]
            self.xf_late = [self._fmt(kind + "_late")._get_xf_index() for _h, kind, _lo, _hi in self.columns]

    def write(self, values, late=False, total=False):
        """One row; `late` highlights it, `total` makes it bold."""
        if not hasattr(self, "fast"):
            self._start_rows()
        if self.fast:
            self._write_xml(values, late, total)
        else:
            self._write_cells(values, late, total)
        self.row += 1

    def _cell_format(self, col, value, late, total):
        if total:
            return self._fmt("total_int" if isinstance(value, int) else "total")
        return self._fmt(self.columns[col][1] + ("_late" if late else ""))

    def _write_xml(self, values, late, total):
        r = str(self.row + 1)
        if total:
            xfs = [self._cell_format(col, v, late, total)._get_xf_index() for col, v in enumerate(values)]
        else:
            xfs = self.xf_late if late else self.xf
        widths, columns, letters = self.widths, self.columns, self.letters
        parts = [f'<row r="{r}">']
        append = parts.append
        for col, value in enumerate(values):
            ref = letters[col] + r
            if value is None or value is False or value == "":
                append(f'<c r="{ref}" s="{xfs[col]}"/>')
                continue
            kind = type(value)
            if kind is str:
                append(f'<c r="{ref}" s="{xfs[col]}" t="inlineStr"><is>{_inline_text(value)}</is></c>')
                width = len(value) + 2
            elif kind is date:
                append(f'<c r="{ref}" s="{xfs[col]}"><v>{(value - EXCEL_EPOCH).days}</v></c>')
                width = 12
            elif kind is datetime:
                serial = (value - EXCEL_EPOCH_DT).total_seconds() / 86400
                append(f'<c r="{ref}" s="{xfs[col]}"><v>{serial:.16g}</v></c>')
                width = 12
            elif kind is int or kind is float:
                append(f'<c r="{ref}" s="{xfs[col]}"><v>{value:.16g}</v></c>')
                width = len(str(value)) + 2
            else:
                value = str(value)
                append(f'<c r="{ref}" s="{xfs[col]}" t="inlineStr"><is>{_inline_text(value)}</is></c>')
                width = len(value) + 2
            if width > widths[col]:
                widths[col] = min(width, columns[col][3])
        append("</row>")
        self.fh.write("".join(parts))

    def _write_cells(self, values, late, total):
        """The same through xlsxwriter's API (when its internals are not those expected)."""
        ws, row = self.ws, self.row
        for col, value in enumerate(values):
            fmt = self._cell_format(col, value, late, total)
            if value is None or value == "" or value is False:
                ws.write_blank(row, col, None, fmt)
                continue
            if isinstance(value, (date, datetime)):
                ws.write_datetime(row, col, value if isinstance(value, datetime)
                                  else datetime(value.year, value.month, value.day), fmt)
                width = 12
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(row, col, value, fmt)
                width = len(str(value)) + 2
            else:
                value = str(value)
                ws.write_string(row, col, value, fmt)
                width = len(value) + 2
            if width > self.widths[col]:
                self.widths[col] = min(width, self.columns[col][3])

    def close(self):
        ws = self.ws
        if getattr(self, "fast", False) and self.row > self.header_row + 1:
            # What xlsxwriter would have recorded had it written the rows itself.
            ws._check_dimensions(self.row - 1, len(self.columns) - 1)
            ws.previous_row = self.row
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, width)
        last = max(self.row - 1, self.header_row)
        ws.autofilter(self.header_row, 0, last, len(self.columns) - 1)
        ws.print_area(0, 0, last, len(self.columns) - 1)


class DoithoaiXlsxExport(models.TransientModel):
    _name = "doithoai.xlsx.export"
    _inherit = ["doithoai.input.mixin"]
    _description = "Excel Register Export"
    _doithoai_max_length = {"res_ids": 20_000_000}

    kind = fields.Selection(KINDS, required=True, default="questions", string="Register")
    date_from = fields.Date(string="From", default=lambda self: self.env['doithoai.organization']._doithoai_today().replace(month=1, day=1))
    date_to = fields.Date(string="To", default=lambda self: self.env['doithoai.organization']._doithoai_today().replace(month=12, day=31))
    organization_id = fields.Many2one("doithoai.organization", string="Organization",
                                      help="This organization and those below it. Empty: all you may see.")
    res_model = fields.Char(readonly=True)
    res_ids = fields.Text(readonly=True, help="Selected records (comma-separated ids), instead of the filters.")
    record_count = fields.Integer(compute="_compute_record_count", string="Selected Records")

    @api.depends("res_ids")
    def _compute_record_count(self):
        for export in self:
            export.record_count = len(export._selected_ids())

    def _selected_ids(self):
        return [int(x) for x in (self.res_ids or "").split(",") if x.strip()]

    @api.constrains("res_ids", "date_from", "date_to")
    def _check_selection(self):
        for export in self:
            if export.res_ids and not re.fullmatch(r"\s*\d{1,9}(\s*,\s*\d{1,9})*\s*,?\s*", export.res_ids):
                raise ValidationError(self.env._(
                    "The selected records must be given as record numbers separated by commas."))
            if export.date_from and export.date_to and export.date_from > export.date_to:
                raise ValidationError(self.env._(
                    "The period ends before it starts: choose a “To” date after the “From” date."))

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    @api.model
    def _action_from_records(self, kind, records):
        """Server actions of the list views: the selected records -> a download."""
        if not records:
            raise UserError(self.env._("Select the records to export first."))
        export = self.create({"kind": kind, "res_model": records._name,
                              "res_ids": ",".join(map(str, records.ids)),
                              "date_from": False, "date_to": False})
        return export.action_download()

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/doithoai/xlsx/{self.kind}/{self.id}",
            "target": "download",
        }

    # ------------------------------------------------------------------
    # Domains
    # ------------------------------------------------------------------
    def _question_domain(self):
        ids = self._selected_ids()
        if self.res_model == "doithoai.question":
            domain = [("id", "in", ids)]
        elif self.res_model == "doithoai.dialogue":
            domain = [("dialogue_id", "in", ids)]
        else:
            domain = self._period_domain("dialogue_id.date_start", "organization_id", datetime_field=True)
        if not self.env["doithoai.question"]._can_print_confidential():
            domain = domain + [("confidential", "=", False)]
        return domain

    def _assignment_domain(self):
        ids = self._selected_ids()
        if self.res_model == "doithoai.assignment":
            domain = [("id", "in", ids)]
        elif self.res_model == "doithoai.dialogue":
            domain = [("dialogue_id", "in", ids)]
        else:
            domain = self._period_domain("notice_date", "host_organization_id")
        if not self.env["doithoai.question"]._can_print_confidential():
            domain = domain + [("confidential", "=", False)]
        return domain

    def _period_domain(self, date_field, org_field, datetime_field=False):
        domain = []
        if self.organization_id:
            domain.append((org_field, "child_of", self.organization_id.id))
        if datetime_field and (self.date_from or self.date_to):
            start, stop = utc_bounds(self.env, self.date_from or date(2000, 1, 1),
                                     self.date_to or date(2100, 12, 31))
            domain += [(date_field, ">=", start), (date_field, "<", stop)]
        else:
            if self.date_from:
                domain.append((date_field, ">=", self.date_from))
            if self.date_to:
                domain.append((date_field, "<=", self.date_to))
        return domain

    def _subtitle(self):
        parts = []
        if self.res_ids:
            parts.append(f"{len(self._selected_ids())} bản ghi được chọn")
        if self.organization_id:
            parts.append(f"Đơn vị: {self.organization_id._paper_name()}")
        if self.date_from or self.date_to:
            parts.append(f"Từ ngày {vn_paper.short_date(self.date_from) or '…'} "
                         f"đến ngày {vn_paper.short_date(self.date_to) or '…'}")
        parts.append(f"Xuất ngày {vn_paper.short_date(self.env['doithoai.organization']._doithoai_today())}")
        return "; ".join(parts)

    def _tz(self):
        return self.env["doithoai.organization"]._doithoai_tz()

    def _ordered_ids(self, model, domain, order_sql, joins=SQL()):
        """Ids the user may read, in register order (record rules applied by _search)."""
        query = self.env[model]._search(domain)
        table = self.env[model]._table
        self.env.cr.execute(SQL("SELECT t.id FROM %s t %s WHERE t.id IN %s ORDER BY %s",
                                SQL.identifier(table), joins, query.subselect(), order_sql))
        return [row[0] for row in self.env.cr.fetchall()]

    def _chunks(self, ids, select_sql):
        """Rows of select_sql (which filters on `= ANY(%(ids)s)`), chunk by chunk, in ids order."""
        cr = self.env.cr
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            cr.execute(select_sql(chunk))
            rows = {row[0]: row for row in cr.fetchall()}
            for rid in chunk:
                row = rows.get(rid)
                if row:
                    yield row

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def _filename(self):
        names = {"questions": "So_theo_doi_y_kien", "assignments": "Theo_doi_giai_quyet",
                 "statistics": "Thong_ke_doi_thoai"}
        return f"{names[self.kind]}_{self.env['doithoai.organization']._doithoai_today().strftime('%Y%m%d')}.xlsx"

    def _generate(self, output=None):
        """Writes the workbook into `output` (a path or a binary file); returns it."""
        self.ensure_one()
        output = output if output is not None else io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True, "strings_to_numbers": False,
                                                "strings_to_formulas": False, "strings_to_urls": False,
                                                "default_date_format": "dd/mm/yyyy"})
        workbook.set_properties({"title": dict(KINDS)[self.kind], "author": self.env.user.name})
        getattr(self, f"_write_{self.kind}")(workbook)
        workbook.close()
        return output

    def _write_questions(self, workbook):
        sheet = XlsxSheet(workbook, "Ý kiến kiến nghị", "SỔ THEO DÕI Ý KIẾN, KIẾN NGHỊ TẠI HỘI NGHỊ ĐỐI THOẠI",
                          self._subtitle(), [
                              ("STT", "int", 5, 8),
                              ("Đơn vị tổ chức", "text", 16, 40),
                              ("Hội nghị đối thoại", "text", 20, 45),
                              ("Ngày đối thoại", "date", 12, 12),
                              ("Người có ý kiến", "text", 16, 35),
                              ("Lĩnh vực", "text", 14, 35),
                              ("Nội dung ý kiến, kiến nghị", "text", 30, 80),
                              ("Hình thức", "text", 12, 20),
                              ("Ngày tiếp nhận", "date", 12, 12),
                              ("Cơ quan có thẩm quyền", "text", 16, 40),
                              ("Kết quả tại hội nghị", "text", 14, 22),
                              ("Nội dung trả lời", "text", 25, 80),
                              ("Người trả lời", "text", 14, 30),
                              ("Trạng thái", "text", 12, 25),
                          ])
        ids = self._ordered_ids(
            "doithoai.question", self._question_domain(),
            SQL("d.date_start, d.id, t.speaking_order, t.sequence, t.id"),
            SQL("JOIN doithoai_dialogue d ON d.id = t.dialogue_id"))
        tz = self._tz()

        def select(chunk):
            return SQL("""
                SELECT q.id, o.complete_name, d.name,
                       (d.date_start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       (SELECT string_agg(p.name, ', ' ORDER BY p.name)
                          FROM doithoai_question_asker_rel r JOIN res_partner p ON p.id = r.partner_id
                         WHERE r.question_id = q.id),
                       COALESCE(f.name->>'vi_VN', f.name->>'en_US'),
                       q.content, q.channel,
                       (q.date_received AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       co.complete_name, q.outcome, q.answer, ap.name,
                       COALESCE(s.name->>'vi_VN', s.name->>'en_US')
                  FROM doithoai_question q
                  JOIN doithoai_dialogue d ON d.id = q.dialogue_id
             LEFT JOIN doithoai_organization o ON o.id = d.organization_id
             LEFT JOIN doithoai_field f ON f.id = q.field_id
             LEFT JOIN doithoai_organization co ON co.id = q.competent_organization_id
             LEFT JOIN res_partner ap ON ap.id = q.answered_by_id
             LEFT JOIN doithoai_question_stage s ON s.id = q.stage_id
                 WHERE q.id = ANY(%(ids)s)""", tz=tz, ids=chunk)

        for index, row in enumerate(self._chunks(ids, select), 1):
            (_id, org, dialogue, day, askers, field, content, channel, received, competent,
             outcome, answer, answered_by, stage) = row
            sheet.write([index, org, dialogue, day, askers, field, content, CHANNELS_VI.get(channel, channel),
                         received, competent, OUTCOMES_VI.get(outcome, ""), answer, answered_by, stage])
        sheet.close()

    def _write_assignments(self, workbook):
        sheet = XlsxSheet(workbook, "Theo dõi giải quyết", "BẢNG THEO DÕI GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ SAU ĐỐI THOẠI",
                          self._subtitle(), [
                              ("STT", "int", 5, 8),
                              ("Nội dung giao giải quyết", "text", 30, 70),
                              ("Hội nghị đối thoại", "text", 20, 45),
                              ("Ngày đối thoại", "date", 12, 12),
                              ("Đơn vị chủ trì đối thoại", "text", 16, 40),
                              ("Cơ quan thực hiện", "text", 18, 40),
                              ("Ngày thông báo", "date", 12, 12),
                              ("Hạn theo quy định", "date", 12, 12),
                              ("Gia hạn đến", "date", 12, 12),
                              ("Hạn giải quyết", "date", 12, 12),
                              ("Ngày giải quyết", "date", 12, 12),
                              ("Số ngày trễ", "int", 8, 10),
                              ("Kết quả giải quyết", "text", 25, 80),
                              ("Trạng thái", "text", 12, 25),
                          ])
        ids = self._ordered_ids("doithoai.assignment", self._assignment_domain(),
                                SQL("t.date_due NULLS LAST, t.id"))
        tz = self._tz()
        today = self.env['doithoai.organization']._doithoai_today()

        def select(chunk):
            return SQL("""
                SELECT a.id, a.name, d.name,
                       (d.date_start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       ho.complete_name, o.complete_name, a.notice_date, a.deadline, a.extension_date,
                       a.date_due, a.date_resolved, a.days_late, a.result,
                       COALESCE(s.name->>'vi_VN', s.name->>'en_US'), s.state
                  FROM doithoai_assignment a
                  JOIN doithoai_dialogue d ON d.id = a.dialogue_id
             LEFT JOIN doithoai_organization ho ON ho.id = d.organization_id
             LEFT JOIN doithoai_organization o ON o.id = a.organization_id
             LEFT JOIN doithoai_assignment_stage s ON s.id = a.stage_id
                 WHERE a.id = ANY(%(ids)s)""", tz=tz, ids=chunk)

        for index, row in enumerate(self._chunks(ids, select), 1):
            (_id, name, dialogue, day, host, agency, notice, deadline, extension, due, resolved,
             days_late, result, stage, state) = row
            if not resolved and due and due < today and state not in ("done", "cancel"):
                days_late = (today - due).days
            days_late = days_late or 0
            sheet.write([index, name, dialogue, day, host, agency, notice, deadline, extension, due,
                         resolved, days_late, html_text(result), stage], late=days_late > 0)
        sheet.close()

    def _statistics_rows(self):
        """[(level name, org, stats)] in level order, for the organisations in scope."""
        Org = self.env["doithoai.organization"]
        domain = [("id", "child_of", self.organization_id.id)] if self.organization_id else []
        orgs = Org.search(domain)
        date_from = self.date_from or date(self.env['doithoai.organization']._doithoai_today().year, 1, 1)
        date_to = self.date_to or date(date_from.year, 12, 31)
        stats = orgs._doithoai_statistics(date_from, date_to)
        orgs = orgs.filtered(lambda o: stats[o.id]["required"] or stats[o.id]["held"] or stats[o.id]["planned"]
                             or stats[o.id]["questions"])
        orgs = orgs.sorted(lambda o: (o.level_id.sequence if o.level_id else 999, o.level_id.id or 0,
                                      o.complete_name or ""))
        return [(org.level_id.with_context(lang="vi_VN").name if org.level_id else "Chưa phân cấp",
                 org, stats[org.id]) for org in orgs]

    STAT_KEYS = ("required", "held", "questions", "answered", "deferred", "declined", "assigned",
                 "assignments", "on_time", "late", "overdue", "pending")

    def _write_statistics(self, workbook):
        columns = [("STT", "int", 5, 8), ("Cấp", "text", 10, 30), ("Đơn vị", "text", 24, 50),
                   ("Loại", "text", 12, 22)]
        labels = ["Số cuộc phải tổ chức", "Số cuộc đã tổ chức", "Ý kiến tiếp nhận", "Trả lời tại hội nghị",
                  "Chuyển trả lời sau", "Không trả lời", "Ý kiến giao giải quyết", "Nhiệm vụ giao",
                  "Giải quyết đúng hạn", "Giải quyết trễ hạn", "Quá hạn chưa giải quyết", "Đang giải quyết"]
        columns += [(label, "int", 11, 14) for label in labels]
        sheet = XlsxSheet(workbook, "Thống kê", "THỐNG KÊ KẾT QUẢ ĐỐI THOẠI GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, "
                          "CHÍNH QUYỀN VỚI NHÂN DÂN", self._subtitle(), columns)
        rows = self._statistics_rows()
        total = dict.fromkeys(self.STAT_KEYS, 0)
        index = 0
        for position, (level, org, stats) in enumerate(rows):
            index += 1
            sheet.write([index, level, org.complete_name, KINDS_VI.get(org.kind, "")]
                        + [stats[k] for k in self.STAT_KEYS],
                        late=bool(stats["required"] > stats["held"] or stats["overdue"] or stats["late"]))
            for key in self.STAT_KEYS:
                total[key] += stats[key]
            last_of_level = position + 1 == len(rows) or rows[position + 1][0] != level
            if last_of_level:
                level_rows = [r for r in rows if r[0] == level]
                sheet.write(["", level, f"Cộng {level}", ""]
                            + [sum(r[2][k] for r in level_rows) for k in self.STAT_KEYS], total=True)
        sheet.write(["", "", "TỔNG CỘNG", ""] + [total[k] for k in self.STAT_KEYS], total=True)
        sheet.close()
