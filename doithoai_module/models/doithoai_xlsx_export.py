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

from ..tools import ontime, vn_paper, xlsx_print
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
# Print set-up: A4 landscape, one page wide, at TARGET_SCALE or more (tools/xlsx_print.py);
# one point above the 60 % asked, for the rounding of other spreadsheet programs.
MARGIN_SIDE = 0.35  # inches, left and right
TARGET_SCALE = xlsx_print.MIN_SCALE + 1
LINE_HEIGHT = 15.75  # points, a line of 12 pt Times New Roman with Vietnamese marks


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
    """One register sheet: title, header row, typed cells, widths that fit, print setup.

    Printed on A4 landscape, one page wide, as many tall as needed, the header row
    repeated on each page. The column widths follow the text up to each column's maximum,
    then give way (down to each minimum) so that the sheet prints at TARGET_SCALE or more
    (tools/xlsx_print.py); text wraps inside its column and rows grow to fit (their
    heights are left to Excel / LibreOffice).
    """

    def __init__(self, workbook, name, title, subtitle, columns):
        """columns: [(header, type, min_width, max_width)], type in text/date/int."""
        self.wb = workbook
        self.ws = workbook.add_worksheet(name)
        self.columns = columns
        self.header_row = 3
        self.row = self.header_row + 1
        self.last_data_row = None
        self.widths = [lo for _h, _t, lo, _hi in columns]
        self.formats = {}
        ws = self.ws
        ws.write_string(0, 0, title, self._fmt("title"))
        ws.write_string(1, 0, subtitle, self._fmt("subtitle"))
        header = self._fmt("header")
        # Headers wrap in their narrowest width: as many lines as the longest needs there.
        lines = max(xlsx_print.text_lines(label, lo) for label, _k, lo, _hi in columns)
        ws.set_row(self.header_row, LINE_HEIGHT * lines + 4)
        for col, (label, _kind, _lo, _hi) in enumerate(columns):
            ws.write_string(self.header_row, col, label, header)
        ws.freeze_panes(self.header_row + 1, 2)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(self.header_row)
        ws.set_margins(left=MARGIN_SIDE, right=MARGIN_SIDE, top=0.6, bottom=0.6)
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
                "text": {"border": 1, "text_wrap": True},
                "int": {"border": 1, "num_format": "0"},
                "date": {"border": 1, "num_format": "dd/mm/yyyy", "align": "center"},
                "total": {"border": 1, "bold": True, "text_wrap": True},
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

    def write_totals(self, label_col, label, totals):
        """The totals row under the data, outside the filter: `totals` maps a column to
        "count" (filled cells) or "sum". SUBTOTAL formulas follow the rows the filter
        shows; their cached values are those of every row."""
        if not hasattr(self, "fast"):
            self._start_rows()
        first, last = self.header_row + 1, self.row - 1
        self.last_data_row = last
        values = [None] * len(self.columns)
        values[label_col] = label
        for col, (how, value) in totals.items():
            if last < first:
                values[col] = value
                continue
            letter = xl_col_to_name(col)
            code = 103 if how == "count" else 109
            values[col] = Formula(f"SUBTOTAL({code},{letter}{first + 1}:{letter}{last + 1})", value)
        self.write(values, total=True)

    def _cell_format(self, col, value, late, total):
        if total:
            numeric = isinstance(value, (int, float, Formula)) and not isinstance(value, bool)
            return self._fmt("total_int" if numeric else "total")
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
                width = _text_width(value)
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
            elif kind is Formula:
                append(f'<c r="{ref}" s="{xfs[col]}"><f>{value.formula}</f><v>{value.value:.16g}</v></c>')
                width = len(str(value.value)) + 2
            else:
                value = str(value)
                append(f'<c r="{ref}" s="{xfs[col]}" t="inlineStr"><is>{_inline_text(value)}</is></c>')
                width = _text_width(value)
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
            elif isinstance(value, Formula):
                ws.write_formula(row, col, "=" + value.formula, fmt, value.value)
                width = len(str(value.value)) + 2
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(row, col, value, fmt)
                width = len(str(value)) + 2
            else:
                value = str(value)
                ws.write_string(row, col, value, fmt)
                width = _text_width(value)
            if width > self.widths[col]:
                self.widths[col] = min(width, self.columns[col][3])

    def close(self):
        ws = self.ws
        if getattr(self, "fast", False) and self.row > self.header_row + 1:
            # What xlsxwriter would have recorded had it written the rows itself.
            ws._check_dimensions(self.row - 1, len(self.columns) - 1)
            ws.previous_row = self.row
        self.widths = xlsx_print.fit_widths(self.widths, [lo for _h, _t, lo, _hi in self.columns],
                                            MARGIN_SIDE, MARGIN_SIDE, scale=TARGET_SCALE)
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, width)
        last = max(self.row - 1, self.header_row)
        last_data = last if self.last_data_row is None else max(self.last_data_row, self.header_row)
        ws.autofilter(self.header_row, 0, last_data, len(self.columns) - 1)
        ws.print_area(0, 0, last, len(self.columns) - 1)

    def print_scale(self):
        """The scale "fit to one page wide" prints these widths at (after close)."""
        return xlsx_print.fit_scale(sum(xlsx_print.width_pixels(w) for w in self.widths),
                                    MARGIN_SIDE, MARGIN_SIDE)


class Formula:
    """A formula cell with its value computed here (shown by readers that do not compute)."""
    __slots__ = ("formula", "value")

    def __init__(self, formula, value):
        self.formula, self.value = formula, value


def _text_width(value):
    """Characters of the longest line, plus the cell's margins."""
    if "\n" in value:
        return max(len(line) for line in value.split("\n")) + 2
    return len(value) + 2


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

    # Clerk columns, read in the same query as the rows (a subquery per row inside
    # PostgreSQL, never a query per row from here).
    def _notice_sql(self, number_only=False):
        """The dialogue's conclusion notice in the paper register: "number, date"; for a notice
        not issued here (its register kept elsewhere, or before the register existed), the
        number and date recorded with the conclusion."""
        value = SQL("pn.name") if number_only else SQL("pn.name || ', ' || to_char(pn.date, 'DD/MM/YYYY')")
        typed = SQL("NULLIF(btrim(d.conclusion_number), '')") if number_only else SQL(
            "NULLIF(btrim(d.conclusion_number), '') || ', ' || to_char(d.conclusion_date, 'DD/MM/YYYY')")
        return SQL("""COALESCE((SELECT %s FROM doithoai_paper_number pn
                                 WHERE pn.res_model = 'doithoai.dialogue' AND pn.res_id = d.id
                                   AND pn.paper_type = 'notice' AND pn.state = 'issued'
                              ORDER BY pn.id DESC LIMIT 1), %s)""", value, typed)

    @staticmethod
    def _contact_sql(askers_sql):
        """Phone and address of the askers selected by askers_sql (rows of res_partner p),
        one line each, prefixed by the name when there are several."""
        return SQL("""(SELECT string_agg(CASE WHEN x.n > 1 THEN x.name || ': ' ELSE '' END || x.contact,
                                         E'\\n' ORDER BY x.name)
                         FROM (SELECT p.name, count(*) OVER () AS n,
                                      concat_ws(', ', NULLIF(btrim(p.phone), ''), NULLIF(btrim(p.street), ''),
                                                NULLIF(btrim(p.street2), ''), NULLIF(btrim(p.city), '')) AS contact
                                 FROM res_partner p WHERE p.id IN (%s)) x
                        WHERE x.contact <> '')""", askers_sql)

    def _write_questions(self, workbook):
        sheet = XlsxSheet(workbook, "Ý kiến kiến nghị", "SỔ THEO DÕI Ý KIẾN, KIẾN NGHỊ TẠI HỘI NGHỊ ĐỐI THOẠI",
                          self._subtitle(), [
                              ("STT", "int", 4.5, 7),
                              ("Đơn vị tổ chức", "text", 12, 30),
                              ("Hội nghị đối thoại", "text", 13, 35),
                              ("Ngày đối thoại", "date", 10.5, 12),
                              ("Người có ý kiến", "text", 12, 25),
                              ("Địa chỉ, điện thoại", "text", 15, 35),
                              ("Lĩnh vực", "text", 9, 25),
                              ("Nội dung ý kiến, kiến nghị", "text", 26, 70),
                              ("Hình thức", "text", 9, 14),
                              ("Ngày tiếp nhận", "date", 10.5, 12),
                              ("Cơ quan có thẩm quyền", "text", 12, 30),
                              ("Kết quả tại hội nghị", "text", 10, 14),
                              ("Nội dung trả lời", "text", 22, 70),
                              ("Người trả lời", "text", 11, 25),
                              ("Số, ngày thông báo kết luận", "text", 12, 26),
                              ("Số văn bản trả lời", "text", 11, 25),
                              ("Ngày văn bản trả lời", "date", 10.5, 12),
                              ("Cán bộ tham mưu", "text", 12, 25),
                              ("Trạng thái", "text", 10, 20),
                          ])
        ids = self._ordered_ids(
            "doithoai.question", self._question_domain(),
            SQL("d.date_start, d.id, t.speaking_order, t.sequence, t.id"),
            SQL("JOIN doithoai_dialogue d ON d.id = t.dialogue_id"))
        tz = self._tz()
        secret = self.env["doithoai.question"]._can_print_confidential()
        contact = self._contact_sql(SQL(
            "SELECT r.partner_id FROM doithoai_question_asker_rel r WHERE r.question_id = q.id"))

        def select(chunk):
            return SQL("""
                SELECT q.id, o.complete_name, d.name,
                       (d.date_start AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       (SELECT string_agg(p.name, ', ' ORDER BY p.name)
                          FROM doithoai_question_asker_rel r JOIN res_partner p ON p.id = r.partner_id
                         WHERE r.question_id = q.id),
                       %(contact)s,
                       COALESCE(f.name->>'vi_VN', f.name->>'en_US'),
                       q.content, q.channel,
                       (q.date_received AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date,
                       co.complete_name, q.outcome, q.answer, ap.name,
                       %(notice)s, ans.numbers, ans.day, op.name,
                       COALESCE(s.name->>'vi_VN', s.name->>'en_US')
                  FROM doithoai_question q
                  JOIN doithoai_dialogue d ON d.id = q.dialogue_id
             LEFT JOIN doithoai_organization o ON o.id = d.organization_id
             LEFT JOIN doithoai_field f ON f.id = q.field_id
             LEFT JOIN doithoai_organization co ON co.id = q.competent_organization_id
             LEFT JOIN res_partner ap ON ap.id = q.answered_by_id
             LEFT JOIN res_users ou ON ou.id = d.user_id
             LEFT JOIN res_partner op ON op.id = ou.partner_id
             LEFT JOIN doithoai_question_stage s ON s.id = q.stage_id
             LEFT JOIN LATERAL (
                       -- the written answers of its assignments (never of a confidential one
                       -- for whom may not see it), from the paper register
                       SELECT string_agg(pn.name, '; ' ORDER BY pn.date, pn.id) AS numbers,
                              max(pn.date) AS day
                         FROM doithoai_assignment_question_rel aq
                         JOIN doithoai_assignment a ON a.id = aq.assignment_id
                         JOIN doithoai_paper_number pn
                           ON pn.res_model = 'doithoai.assignment' AND pn.res_id = a.id
                          AND pn.paper_type = 'answer' AND pn.state = 'issued'
                        WHERE aq.question_id = q.id AND (%(secret)s OR NOT a.confidential)) ans ON TRUE
                 WHERE q.id = ANY(%(ids)s)""", tz=tz, ids=chunk, contact=contact,
                       notice=self._notice_sql(), secret=secret)

        counts = dict.fromkeys(("content", "outcome", "answer", "written"), 0)
        for index, row in enumerate(self._chunks(ids, select), 1):
            (_id, org, dialogue, day, askers, contacts, field, content, channel, received, competent,
             outcome, answer, answered_by, notice, written, written_day, officer, stage) = row
            counts["content"] += bool(content)
            counts["outcome"] += bool(outcome)
            counts["answer"] += bool(answer)
            counts["written"] += bool(written)
            sheet.write([index, org, dialogue, day, askers, contacts, field, content,
                         CHANNELS_VI.get(channel, channel), received, competent, OUTCOMES_VI.get(outcome, ""),
                         answer, answered_by, notice, written, written_day, officer, stage])
        sheet.write_totals(1, "Tổng cộng", {
            7: ("count", counts["content"]), 11: ("count", counts["outcome"]),
            12: ("count", counts["answer"]), 15: ("count", counts["written"])})
        sheet.close()
        return sheet

    def _late_days(self, ids, today):
        """A function (host organisation id, due, resolved, state) -> working days late, on the
        host's calendar (the one its deadlines were counted on): the deadline engine loaded
        once for the organisations and dates of these assignments."""
        if not ids:
            return lambda *args: 0
        self.env.cr.execute(SQL("""
            SELECT array_agg(DISTINCT a.host_organization_id), min(a.date_due), max(a.date_resolved)
              FROM doithoai_assignment a WHERE a.id = ANY(%s)""", ids))
        org_ids, first_due, last_resolved = self.env.cr.fetchone()
        if not first_due:
            return lambda *args: 0
        # Calendars and rules are set-up data: an agency exporting its assignments may not
        # read its host's organisation record, yet its late days count on the host's calendar.
        orgs = self.env["doithoai.organization"].sudo().browse([i for i in org_ids if i])
        engine = self.env["doithoai.deadline.rule"].sudo()._deadline_engine(
            orgs, [first_due, max(last_resolved or today, today)])
        calendars = {org.id: engine.workday_calendar(org) for org in orgs}
        counted = {}

        def late_days(org_id, due, resolved, state):
            end = resolved or (today if state not in ("done", "cancel") else None)
            if not (due and end and end > due and org_id in calendars):
                return 0
            key = (org_id, due, end)
            if key not in counted:
                counted[key] = calendars[org_id].count_between(due, end)
            return counted[key]
        return late_days

    def _write_assignments(self, workbook):
        sheet = XlsxSheet(workbook, "Theo dõi giải quyết", "BẢNG THEO DÕI GIẢI QUYẾT Ý KIẾN, KIẾN NGHỊ SAU ĐỐI THOẠI",
                          self._subtitle(), [
                              ("STT", "int", 4.5, 7),
                              ("Nội dung giao giải quyết", "text", 24, 60),
                              ("Hội nghị đối thoại", "text", 13, 35),
                              ("Đơn vị chủ trì đối thoại", "text", 12, 30),
                              ("Cơ quan thực hiện", "text", 13, 30),
                              ("Người có ý kiến", "text", 12, 25),
                              ("Địa chỉ, điện thoại", "text", 15, 35),
                              ("Số thông báo kết luận", "text", 11, 18),
                              ("Ngày thông báo", "date", 10.5, 12),
                              ("Hạn theo quy định", "date", 10.5, 12),
                              ("Gia hạn đến", "date", 10.5, 12),
                              ("Hạn giải quyết", "date", 10.5, 12),
                              ("Ngày giải quyết", "date", 10.5, 12),
                              ("Số ngày làm việc trễ hạn", "int", 10, 10),
                              ("Kết quả giải quyết", "text", 22, 70),
                              ("Số văn bản trả lời", "text", 11, 25),
                              ("Ngày văn bản trả lời", "date", 10.5, 12),
                              ("Người phụ trách", "text", 12, 25),
                              ("Trạng thái", "text", 10, 20),
                          ])
        ids = self._ordered_ids("doithoai.assignment", self._assignment_domain(),
                                SQL("t.date_due NULLS LAST, t.id"))
        tz = self._tz()
        today = self.env['doithoai.organization']._doithoai_today()
        late_days = self._late_days(ids, today)
        # The askers of its questions (confidential assignments are left out above for
        # whom may not see them, with their askers).
        askers = SQL("""SELECT r.partner_id FROM doithoai_assignment_question_rel aq
                          JOIN doithoai_question_asker_rel r ON r.question_id = aq.question_id
                         WHERE aq.assignment_id = a.id""")

        def select(chunk):
            return SQL("""
                SELECT a.id, a.name, d.name, ho.complete_name, o.complete_name,
                       (SELECT string_agg(p.name, ', ' ORDER BY p.name) FROM res_partner p
                         WHERE p.id IN (%(askers)s)),
                       %(contact)s, %(notice)s,
                       a.notice_date, a.deadline, a.extension_date, a.date_due, a.date_resolved,
                       a.result, ans.name, ans.date, up.name,
                       COALESCE(s.name->>'vi_VN', s.name->>'en_US'), s.state, a.host_organization_id
                  FROM doithoai_assignment a
                  JOIN doithoai_dialogue d ON d.id = a.dialogue_id
             LEFT JOIN doithoai_organization ho ON ho.id = d.organization_id
             LEFT JOIN doithoai_organization o ON o.id = a.organization_id
             LEFT JOIN doithoai_assignment_stage s ON s.id = a.stage_id
             LEFT JOIN res_users u ON u.id = a.user_id
             LEFT JOIN res_partner up ON up.id = u.partner_id
             LEFT JOIN LATERAL (
                       -- its written answer (or extension letter) in the paper register
                       SELECT pn.name, pn.date FROM doithoai_paper_number pn
                        WHERE pn.res_model = 'doithoai.assignment' AND pn.res_id = a.id
                          AND pn.paper_type = 'answer' AND pn.state = 'issued'
                     ORDER BY pn.key = 'answer' DESC, pn.date DESC, pn.id DESC LIMIT 1) ans ON TRUE
                 WHERE a.id = ANY(%(ids)s)""", ids=chunk, askers=askers, contact=self._contact_sql(askers),
                       notice=self._notice_sql(number_only=True))

        totals = dict.fromkeys(("name", "resolved", "late", "written"), 0)
        for index, row in enumerate(self._chunks(ids, select), 1):
            (_id, name, dialogue, host, agency, asker_names, contacts, notice, notice_date, deadline,
             extension, due, resolved, result, written, written_day, responsible, stage, state,
             host_id) = row
            days_late = late_days(host_id, due, resolved, state)
            totals["name"] += 1
            totals["resolved"] += bool(resolved)
            totals["late"] += days_late
            totals["written"] += bool(written)
            # Resolved on a day off after the due date: late, though by no working day.
            late = days_late > 0 or bool(resolved and due and resolved > due)
            sheet.write([index, name, dialogue, host, agency, asker_names, contacts, notice, notice_date,
                         deadline, extension, due, resolved, days_late, html_text(result), written,
                         written_day, responsible, stage], late=late)
        sheet.write_totals(2, "Tổng cộng", {
            1: ("count", totals["name"]), 12: ("count", totals["resolved"]),
            13: ("sum", totals["late"]), 15: ("count", totals["written"])})
        sheet.close()
        return sheet

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

    def _rate_text(self, counts):
        return ontime.format_rate(self.env["doithoai.organization"]._doithoai_on_time_rate(counts))

    def _write_statistics(self, workbook):
        columns = [("STT", "int", 5, 8), ("Cấp", "text", 10, 30), ("Đơn vị", "text", 24, 50),
                   ("Loại", "text", 12, 22)]
        labels = ["Số cuộc phải tổ chức", "Số cuộc đã tổ chức", "Ý kiến tiếp nhận", "Trả lời tại hội nghị",
                  "Chuyển trả lời sau", "Không trả lời", "Ý kiến giao giải quyết", "Nhiệm vụ giao",
                  "Giải quyết đúng hạn", "Giải quyết trễ hạn", "Quá hạn chưa giải quyết", "Đang giải quyết"]
        columns += [(label, "int", 11, 14) for label in labels]
        columns.append(("Tỷ lệ đúng hạn", "text", 11, 14))
        sheet = XlsxSheet(workbook, "Thống kê", "THỐNG KÊ KẾT QUẢ ĐỐI THOẠI GIỮA NGƯỜI ĐỨNG ĐẦU CẤP ỦY, "
                          "CHÍNH QUYỀN VỚI NHÂN DÂN", self._subtitle(), columns)
        rows = self._statistics_rows()
        total = dict.fromkeys(self.STAT_KEYS, 0)
        index = 0
        for position, (level, org, stats) in enumerate(rows):
            index += 1
            sheet.write([index, level, org.complete_name, KINDS_VI.get(org.kind, "")]
                        + [stats[k] for k in self.STAT_KEYS] + [self._rate_text(stats)],
                        late=bool(stats["required"] > stats["held"] or stats["overdue"] or stats["late"]))
            for key in self.STAT_KEYS:
                total[key] += stats[key]
            last_of_level = position + 1 == len(rows) or rows[position + 1][0] != level
            if last_of_level:
                level_rows = [r for r in rows if r[0] == level]
                sums = {k: sum(r[2][k] for r in level_rows) for k in self.STAT_KEYS}
                sheet.write(["", level, f"Cộng {level}", ""] + [sums[k] for k in self.STAT_KEYS]
                            + [self._rate_text(sums)], total=True)
        sheet.write(["", "", "TỔNG CỘNG", ""] + [total[k] for k in self.STAT_KEYS]
                    + [self._rate_text(total)], total=True)
        sheet.write(["", "", ontime.RULE_VI, ""] + [""] * (len(self.STAT_KEYS) + 1))
        sheet.close()
