"""Excel registers: opened back with openpyxl (headers, rows, real dates and numbers,
late highlighting, late days in working days, totals, the clerk's columns from the paper
register, frozen panes, filters, print set-up at a readable scale) and served by the
controller."""
import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo.tests import BaseCase, HttpCase, freeze_time, tagged

from ..tools import ontime, xlsx_print
from .common import end_request, vn_day_bounds
from .test_papers import ARTIFACTS, PaperCase

HEADER_ROW = 4  # openpyxl is 1-based: title, subtitle, blank, headers


def _fill(cell):
    color = cell.fill.fgColor.rgb if cell.fill and cell.fill.fill_type == "solid" else None
    return (color or "")[-6:].upper()


@tagged("post_install", "-at_install")
class TestXlsx(PaperCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # One assignment resolved on time by its agency, to compare with the late ones.
        a_party = cls.a_party.with_user(cls.mass_responder)
        a_party.write({"result": "<p>Đã bố trí bãi tập kết.</p>",
                       "date_resolved": cls.a_party.notice_date + timedelta(days=5)})
        end_request(cls.env)
        a_party.action_resolve()
        end_request(cls.env)
        # Set-up data: the askers' contacts (the confidential question's asker too) and a
        # public holiday on Wednesday 27/12/2023, between the labour assignment's due date
        # (Friday 22/12/2023: 45 working days after the notice of 20/10) and its late
        # resolution (Sunday 31/12/2023).
        cls.askers[1].write({"phone": "0912 345 678", "street": "Tổ 5, phường Phan Đình Phùng",
                             "city": "Thái Nguyên"})
        cls.askers[3].write({"phone": "0987 000 111", "street": "Xóm Mật, xã Phúc Xuân"})
        start, stop = vn_day_bounds(date(2023, 12, 27))
        cls.env["resource.calendar.leaves"].create({
            "name": "Nghỉ bù (thử nghiệm)", "date_from": start, "date_to": stop,
            "calendar_id": cls.env.ref("doithoai_module.calendar_vn_civil_service").id})
        end_request(cls.env)
        cls.Export = cls.env["doithoai.xlsx.export"].with_user(cls.officer)

    def _open(self, export, name, values=False):
        """The sheet as openpyxl reads it (formulas as written); with `values`, also the
        sheet of the values cached with the formulas (what a reader that does not compute shows)."""
        end_request(self.env)  # the export record was created by the previous request
        data = export._generate().getvalue()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{name}.xlsx").write_bytes(data)
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        if values:
            return sheet, openpyxl.load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
        return sheet

    def _export(self, user, kind, records):
        Export = self.env["doithoai.xlsx.export"].with_user(user)
        action = Export._action_from_records(kind, records)
        return Export.browse(int(action["url"].rsplit("/", 1)[1]))

    def _by(self, ws, label):
        """Data rows keyed by the value of the column `label`."""
        col = self._headers(ws).index(label)
        return {row[col].value: row for row in self._data_rows(ws)}

    def _texts(self, ws):
        return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)

    def _headers(self, ws):
        return [c.value for c in ws[HEADER_ROW]]

    def _data_rows(self, ws):
        return [row for row in ws.iter_rows(min_row=HEADER_ROW + 1) if row[0].value is not None]

    def _check_layout(self, ws):
        self.assertEqual(ws.freeze_panes, f"C{HEADER_ROW + 1}")
        self.assertTrue(ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:"))
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertEqual(ws.page_setup.paperSize, 9, "A4")
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
        # Fit to one page wide (1 is the default, left out of the file), any number of pages tall.
        self.assertIn(ws.page_setup.fitToWidth, (None, 1))
        self.assertEqual(int(ws.page_setup.fitToHeight), 0)
        self.assertTrue(all(c.font.b for c in ws[HEADER_ROW]), "bold header row")
        self.assertEqual(ws.print_title_rows, f"${HEADER_ROW}:${HEADER_ROW}",
                         "the header row is repeated on every printed page")
        # The scale "fit to one page wide" gives, from the widths in the file and its margins.
        letters = [c.column_letter for c in ws[HEADER_ROW]]
        pixels = sum(xlsx_print.file_width_pixels(ws.column_dimensions[x].width) for x in letters)
        scale = xlsx_print.fit_scale(pixels, ws.page_margins.left, ws.page_margins.right)
        self.assertGreaterEqual(scale, 60, "printed at 60 % or more on A4 landscape")
        return scale

    def _check_wrapped(self, ws, *labels):
        headers = self._headers(ws)
        for label in labels:
            cells = [row[headers.index(label)] for row in self._data_rows(ws)]
            self.assertTrue(cells)
            for cell in cells:
                self.assertTrue(cell.alignment.wrap_text, f"{label} wraps")
                self.assertEqual(cell.alignment.vertical, "top")

    def _totals(self, ws, label_col):
        rows = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[label_col].value == "Tổng cộng"]
        self.assertEqual(len(rows), 1, "one totals row")
        total = rows[0]
        self.assertEqual(total[0].row, ws.max_row, "under the data")
        last_filtered = int(ws.auto_filter.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        self.assertEqual(last_filtered, total[0].row - 1, "outside the filter: it is never sorted away")
        return total

    def test_question_register_of_selected_dialogue(self):
        action = self.Export._action_from_records("questions", self.dialogue)
        self.assertEqual(action["type"], "ir.actions.act_url")
        export = self.Export.browse(int(action["url"].rsplit("/", 1)[1]))
        ws = self._open(export, "question_register")
        headers = self._headers(ws)
        self.assertEqual(headers[:4], ["STT", "Đơn vị tổ chức", "Hội nghị đối thoại", "Ngày đối thoại"])
        self.assertIn("Nội dung ý kiến, kiến nghị", headers)
        rows = self._data_rows(ws)
        self.assertEqual(len(rows), 3, "the confidential question is left out for an officer")
        contents = [r[headers.index("Nội dung ý kiến, kiến nghị")].value for r in rows]
        self.assertEqual(contents, [self.q_answered.content, self.q_deferred.content, self.q_health.content])
        day = rows[0][3].value
        self.assertIsInstance(day, datetime)
        self.assertEqual(day.date(), date(2023, 10, 13))
        self.assertEqual(rows[0][3].number_format, "dd/mm/yyyy")
        self.assertIsInstance(rows[2][0].value, int)
        self.assertEqual(rows[0][headers.index("Người có ý kiến")].value, "Nguyễn Thị Ánh Tuyết")
        self.assertEqual(rows[0][headers.index("Kết quả tại hội nghị")].value, "Trả lời tại hội nghị")
        self._check_layout(ws)
        self._check_wrapped(ws, "Nội dung ý kiến, kiến nghị", "Nội dung trả lời", "Địa chỉ, điện thoại")
        content = ws.column_dimensions["H"].width
        self.assertGreater(content, ws.column_dimensions["G"].width, "the content column is the widest")
        self.assertGreater(content, 26, "widened to its text (it wraps beyond its maximum)")
        total = self._totals(ws, 1)
        self.assertEqual(total[headers.index("Nội dung ý kiến, kiến nghị")].value, "=SUBTOTAL(103,H5:H7)")

    def test_question_register_for_period_and_organisation(self):
        export = self.Export.create({"kind": "questions", "organization_id": self.party_province.id,
                                     "date_from": date(2023, 1, 1), "date_to": date(2023, 12, 31)})
        ws = self._open(export, "question_register_period")
        rows = self._data_rows(ws)
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][self._headers(ws).index("Nội dung ý kiến, kiến nghị")].value, self.q_party.content)
        leader = self.env["doithoai.xlsx.export"].with_user(self.leader).create(
            {"kind": "questions", "organization_id": self.province.id,
             "date_from": date(2023, 10, 1), "date_to": date(2023, 10, 31)})
        self.assertEqual(len(self._data_rows(self._open(leader, "question_register_leader"))), 4)

    def test_assignment_tracking_highlights_late_rows(self):
        export = self.Export._action_from_records("assignments", self.a_labour | self.a_health | self.a_party)
        export = self.Export.browse(int(export["url"].rsplit("/", 1)[1]))
        ws = self._open(export, "assignment_tracking")
        headers = self._headers(ws)
        for label in ("Cơ quan thực hiện", "Hạn giải quyết", "Số ngày làm việc trễ hạn", "Kết quả giải quyết"):
            self.assertIn(label, headers)
        rows = {r[1].value: r for r in self._data_rows(ws)}
        self.assertEqual(len(rows), 3)
        late = rows[self.a_labour.name]
        # Due Friday 22/12/2023, resolved Sunday 31/12/2023: 9 calendar days, but the working
        # days after the due date are 25, 26, 28 and 29/12 (27/12 is a holiday here).
        self.assertEqual(self.a_labour.date_due, date(2023, 12, 22))
        self.assertEqual(self.a_labour.date_resolved, date(2023, 12, 31))
        self.assertEqual(late[headers.index("Số ngày làm việc trễ hạn")].value, 4)
        self.assertEqual(late[headers.index("Cơ quan thực hiện")].value, self.labour.complete_name)
        self.assertEqual(late[headers.index("Kết quả giải quyết")].value, "Đã chi trả đủ trợ cấp cho 125 lao động nữ.")
        self.assertIsInstance(late[headers.index("Hạn giải quyết")].value, datetime)
        self.assertEqual(late[headers.index("Hạn giải quyết")].value.date(), self.a_labour.date_due)
        self.assertEqual(_fill(late[1]), "FFC7CE")
        on_time = rows[self.a_party.name]
        self.assertEqual(on_time[headers.index("Số ngày làm việc trễ hạn")].value, 0)
        self.assertNotEqual(_fill(on_time[1]), "FFC7CE")
        self._check_layout(ws)
        self._check_wrapped(ws, "Nội dung giao giải quyết", "Kết quả giải quyết")

    @freeze_time("2024-01-29 03:00:00")
    def test_late_days_are_working_days_and_totalled(self):
        """Open and overdue: counted up to today. The health assignment is due on Sunday
        21/01/2024 (extended); on Monday 29/01/2024 it is 8 calendar days late but 6 working
        days (22-26 and 29/01). With the labour one (4), the totals row sums 10."""
        self.assertEqual(self.a_health.date_due, date(2024, 1, 21))
        export = self._export(self.officer, "assignments", self.a_labour | self.a_health)
        ws, values = self._open(export, "assignment_late_days", values=True)
        headers = self._headers(ws)
        late = headers.index("Số ngày làm việc trễ hạn")
        rows = self._by(ws, "Nội dung giao giải quyết")
        self.assertEqual(rows[self.a_health.name][late].value, 6)
        self.assertEqual(rows[self.a_labour.name][late].value, 4)
        self.assertEqual(_fill(rows[self.a_health.name][1]), "FFC7CE")
        total = self._totals(ws, 2)
        self.assertEqual(total[late].value, "=SUBTOTAL(109,N5:N6)", "follows the filter")
        self.assertEqual(total[1].value, "=SUBTOTAL(103,B5:B6)")
        cached = self._totals(values, 2)
        self.assertEqual(cached[late].value, 10)
        self.assertEqual(cached[1].value, 2, "assignments")
        self.assertEqual(cached[headers.index("Ngày giải quyết")].value, 1, "resolved")
        self.assertTrue(cached[late].font.b)

    def test_clerk_columns_from_the_register(self):
        """Notice number, written answer number and date come from the paper register;
        the askers' phone and address, the dialogue's officer, the assignment's responsible.
        The confidential question's asker never reaches an officer's register."""
        self.a_labour.with_user(self.labour_responder).user_id = self.labour_responder
        end_request(self.env)
        notice = self._issue(self.leader_env, self.dialogue, "notice")
        answer = self._issue(self.env(user=self.labour_responder), self.a_labour, "answer", day=date(2024, 1, 2))
        secret_phone = "0987 000 111"

        ws, values = self._open(self._export(self.officer, "questions", self.dialogue),
                                "question_register_clerk", values=True)
        headers = self._headers(ws)
        rows = self._by(ws, "Nội dung ý kiến, kiến nghị")
        deferred = rows[self.q_deferred.content]
        self.assertEqual(deferred[headers.index("Số, ngày thông báo kết luận")].value, f"{notice.name}, 20/10/2023")
        self.assertEqual(deferred[headers.index("Số văn bản trả lời")].value, answer.name)
        self.assertEqual(deferred[headers.index("Ngày văn bản trả lời")].value, datetime(2024, 1, 2))
        self.assertEqual(deferred[headers.index("Địa chỉ, điện thoại")].value,
                         "0912 345 678, Tổ 5, phường Phan Đình Phùng, Thái Nguyên")
        self.assertEqual(deferred[headers.index("Cán bộ tham mưu")].value, self.officer.name)
        health = rows[self.q_health.content]
        self.assertIsNone(health[headers.index("Số văn bản trả lời")].value)
        self.assertEqual(health[headers.index("Số, ngày thông báo kết luận")].value, f"{notice.name}, 20/10/2023")
        self.assertNotIn(secret_phone, self._texts(ws))
        cached = self._totals(values, 1)
        self.assertEqual(cached[headers.index("Nội dung ý kiến, kiến nghị")].value, 3)
        self.assertEqual(cached[headers.index("Số văn bản trả lời")].value, 1)
        self.assertEqual(cached[headers.index("Kết quả tại hội nghị")].value, 3)

        leader_ws = self._open(self._export(self.leader, "questions", self.dialogue), "question_register_clerk_leader")
        secret = self._by(leader_ws, "Nội dung ý kiến, kiến nghị")[self.q_secret.content]
        self.assertEqual(secret[headers.index("Địa chỉ, điện thoại")].value, f"{secret_phone}, Xóm Mật, xã Phúc Xuân")

        ws = self._open(self._export(self.officer, "assignments", self.dialogue), "assignment_clerk")
        headers = self._headers(ws)
        rows = self._by(ws, "Nội dung giao giải quyết")
        self.assertEqual(set(rows), {self.a_labour.name, self.a_health.name}, "not the confidential one")
        labour = rows[self.a_labour.name]
        self.assertEqual(labour[headers.index("Số thông báo kết luận")].value, notice.name)
        self.assertEqual(labour[headers.index("Ngày thông báo")].value, datetime(2023, 10, 20))
        self.assertEqual(labour[headers.index("Số văn bản trả lời")].value, answer.name)
        self.assertEqual(labour[headers.index("Ngày văn bản trả lời")].value, datetime(2024, 1, 2))
        self.assertEqual(labour[headers.index("Người phụ trách")].value, self.labour_responder.name)
        self.assertEqual(labour[headers.index("Người có ý kiến")].value, self.askers[1].name)
        self.assertEqual(labour[headers.index("Địa chỉ, điện thoại")].value,
                         "0912 345 678, Tổ 5, phường Phan Đình Phùng, Thái Nguyên")
        self.assertNotIn(secret_phone, self._texts(ws))
        self._check_layout(ws)
        self._check_wrapped(ws, "Địa chỉ, điện thoại")

        leader_ws = self._open(self._export(self.leader, "assignments", self.dialogue), "assignment_clerk_leader")
        secret = self._by(leader_ws, "Nội dung giao giải quyết")[self.a_secret.name]
        self.assertEqual(secret[headers.index("Địa chỉ, điện thoại")].value, f"{secret_phone}, Xóm Mật, xã Phúc Xuân")

    def test_notice_recorded_without_the_register(self):
        """A notice whose register is kept elsewhere: the number typed at the conclusion."""
        self.party_dialogue.with_env(self.leader_env)._record_conclusion(date(2023, 7, 12), "12-TB/HU")
        end_request(self.env)
        ws = self._open(self._export(self.officer, "questions", self.party_dialogue), "question_register_typed")
        row = self._by(ws, "Nội dung ý kiến, kiến nghị")[self.q_party.content]
        self.assertEqual(row[self._headers(ws).index("Số, ngày thông báo kết luận")].value, "12-TB/HU, 12/07/2023")
        ws = self._open(self._export(self.officer, "assignments", self.a_party), "assignment_typed")
        row = self._by(ws, "Nội dung giao giải quyết")[self.a_party.name]
        self.assertEqual(row[self._headers(ws).index("Số thông báo kết luận")].value, "12-TB/HU")

    def test_query_count_does_not_grow_with_rows(self):
        def queries(kind, records):
            export = self._export(self.officer, kind, records)
            end_request(self.env)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            export._generate()
            return self.env.cr.sql_log_count - before

        queries("assignments", self.a_labour)  # warms Odoo's registry caches (groups, xml ids)
        queries("questions", self.q_answered)
        self.assertEqual(queries("assignments", self.a_labour), queries("assignments", self.a_labour | self.a_health))
        self.assertEqual(queries("questions", self.q_answered),
                         queries("questions", self.q_answered | self.q_deferred | self.q_health))

    def test_streamed_cells_are_escaped(self):
        """Rows are streamed as XML by XlsxSheet: text with markup, control characters,
        Excel escapes and edge spaces comes back unchanged (control characters as _xHHHH_)."""
        import xlsxwriter
        from ..models.doithoai_xlsx_export import XlsxSheet
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"constant_memory": True})
        sheet = XlsxSheet(workbook, "T", "Tiêu đề", "", [
            ("Văn bản", "text", 10, 40), ("Số", "int", 5, 10), ("Ngày", "date", 10, 12)])
        tricky = ["<b>Bà Ánh & “con”</b>", " lề trái", "_x0041_ giữ nguyên", "tab\there"]
        for i, text in enumerate(tricky):
            sheet.write([text, i * 1.5, date(2024, 2, 29)], late=bool(i % 2))
        sheet.write(["", None, False])
        sheet.close()
        workbook.close()
        ws = openpyxl.load_workbook(io.BytesIO(output.getvalue())).worksheets[0]
        values = [ws.cell(HEADER_ROW + 1 + i, 1).value for i in range(len(tricky))]
        # "_x0041_" is written "_x005F_x0041_" (as xlsxwriter does): Excel shows "_x0041_",
        # openpyxl does not unescape it.
        self.assertEqual(values, [tricky[0], tricky[1], "_x005F_x0041_ giữ nguyên", tricky[3]])
        self.assertEqual(ws.cell(HEADER_ROW + 2, 2).value, 1.5)
        self.assertEqual(ws.cell(HEADER_ROW + 1, 3).value, datetime(2024, 2, 29))
        self.assertEqual(_fill(ws.cell(HEADER_ROW + 2, 1)), "FFC7CE")
        self.assertEqual(ws.max_row, HEADER_ROW + len(tricky) + 1)

    def test_yearly_statistics(self):
        wizard = self.env["doithoai.yearly.report.wizard"].with_user(self.officer).create(
            {"organization_id": self.province.id, "year": 2023})
        action = wizard.action_export_xlsx()
        export = self.Export.browse(int(action["url"].rsplit("/", 1)[1]))
        self.assertEqual(export.kind, "statistics")
        ws = self._open(export, "statistics")
        headers = self._headers(ws)
        self.assertEqual(headers[:4], ["STT", "Cấp", "Đơn vị", "Loại"])
        rows = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1) if r[2].value]
        by_name = {r[2].value: r for r in rows}
        province = by_name[self.province.complete_name]
        self.assertEqual(province[headers.index("Số cuộc phải tổ chức")].value, 1)
        self.assertEqual(province[headers.index("Số cuộc đã tổ chức")].value, 1)
        self.assertEqual(province[headers.index("Ý kiến tiếp nhận")].value, 3)
        self.assertEqual(province[headers.index("Trả lời tại hội nghị")].value, 1)
        self.assertEqual(province[headers.index("Giải quyết trễ hạn")].value, 1)
        late, overdue, on_time = (province[headers.index(h)].value for h in (
            "Giải quyết trễ hạn", "Quá hạn chưa giải quyết", "Giải quyết đúng hạn"))
        self.assertEqual(province[headers.index("Tỷ lệ đúng hạn")].value,
                         ontime.format_rate(ontime.on_time_rate(on_time, late, overdue)))
        self.assertTrue(any(str(v).startswith("Tỷ lệ đúng hạn = ") for v in by_name), "the sheet says how it counts")
        self.assertEqual(by_name["TỔNG CỘNG"][headers.index("Ý kiến tiếp nhận")].value, 3)
        self.assertTrue(any(str(v).startswith("Cộng ") for v in by_name))
        self._check_layout(ws)


@tagged("post_install", "-at_install")
class TestXlsxPrint(BaseCase):
    """The print arithmetic of tools/xlsx_print.py, without a database."""

    def test_pixels_of_a_column(self):
        self.assertEqual(xlsx_print.width_pixels(10), 75, "7 px a digit and 5 of padding")
        self.assertEqual(xlsx_print.width_pixels(0.5), 6)
        self.assertEqual(xlsx_print.width_pixels(0), 0)
        # what xlsxwriter stores for a width of 10, read back from the file
        self.assertEqual(xlsx_print.file_width_pixels(10.7109375), 75)

    def test_fit_scale(self):
        # 1.0 + 1.0 inch margins leave 9.69 inches of 96 px on A4 landscape
        printable = (297 / 25.4 - 2) * 96
        self.assertEqual(xlsx_print.fit_scale(printable, 1, 1), 100)
        self.assertEqual(xlsx_print.fit_scale(printable * 2, 1, 1), 50)
        self.assertEqual(xlsx_print.fit_scale(printable / 2, 1, 1), 100, "never enlarged")
        self.assertEqual(xlsx_print.fit_scale(printable * 50, 1, 1), 10, "Excel's least scale")
        # the registers before: 14 columns, 490 width units, 0.4-inch margins
        pixels = sum(xlsx_print.width_pixels(35) for _i in range(14))
        self.assertLess(xlsx_print.fit_scale(pixels, 0.4, 0.4), 30)

    def test_fit_widths(self):
        wanted = [5, 60, 70, 12, 40, 12, 80, 30]
        minimum = [5, 20, 24, 11, 12, 11, 26, 12]
        widths = xlsx_print.fit_widths(wanted, minimum, 0.35, 0.35, scale=61)
        pixels = sum(xlsx_print.width_pixels(w) for w in widths)
        self.assertGreaterEqual(xlsx_print.fit_scale(pixels, 0.35, 0.35), 61)
        self.assertTrue(all(w >= lo for w, lo in zip(widths, minimum)))
        self.assertEqual(widths[0], 5, "a column at its minimum keeps it")
        self.assertGreater(widths[6], widths[4], "the longest text keeps the most room")
        self.assertGreater(sum(widths), sum(minimum) + 40, "the room left is used")
        narrow = [8, 10, 12]
        self.assertEqual(xlsx_print.fit_widths(narrow, narrow, 0.35, 0.35), narrow, "what fits stays")
        # a header's lines in its column: words kept whole
        self.assertEqual(xlsx_print.text_lines("STT", 4.5), 1)
        self.assertEqual(xlsx_print.text_lines("Số ngày làm việc trễ hạn", 10), 3)
        self.assertEqual(xlsx_print.text_lines("một\nhai", 20), 2)
        too_many = [30] * 40
        self.assertEqual(xlsx_print.fit_widths([40] * 40, too_many, 0.35, 0.35), too_many,
                         "minimums are kept even when they do not fit")


    def test_sheet_through_xlsxwriter_api(self):
        """Without constant_memory the rows go through xlsxwriter's API: same cells, same
        totals row (formula and cached value), same fitted widths and print set-up."""
        import xlsxwriter
        from ..models.doithoai_xlsx_export import TARGET_SCALE, XlsxSheet
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output)
        sheet = XlsxSheet(workbook, "T", "Tiêu đề", "", [
            ("STT", "int", 5, 7), ("Nội dung", "text", 20, 200), ("Số ngày", "int", 8, 10)])
        for i in range(3):
            sheet.write([i + 1, "Nội dung rất dài " * 60, i * 2])
        sheet.write_totals(1, "Tổng cộng", {2: ("sum", 6)})
        sheet.close()
        workbook.close()
        self.assertFalse(sheet.fast)
        self.assertGreaterEqual(sheet.print_scale(), TARGET_SCALE)
        data = output.getvalue()
        ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True).worksheets[0]
        self.assertEqual(ws.cell(HEADER_ROW + 4, 3).value, "=SUBTOTAL(109,C5:C7)")
        self.assertEqual(values.cell(HEADER_ROW + 4, 3).value, 6)
        self.assertEqual(ws.auto_filter.ref, "A4:C7", "the totals row is outside the filter")
        self.assertTrue(ws.cell(HEADER_ROW + 1, 2).alignment.wrap_text)
        pixels = sum(xlsx_print.file_width_pixels(ws.column_dimensions[x].width) for x in "ABC")
        self.assertGreaterEqual(xlsx_print.fit_scale(pixels, ws.page_margins.left, ws.page_margins.right), 60)


@tagged("post_install", "-at_install")
class TestXlsxController(HttpCase):
    def test_download_only_by_its_creator(self):
        officer = self.env["res.users"].create({
            "name": "Xlsx Officer", "login": "xlsx_officer", "password": "xlsx_officer_pw1",
            "group_ids": [(6, 0, [self.env.ref("doithoai_module.group_doithoai_officer").id])],
        })
        self.env["res.users"].create({
            "name": "Xlsx Other", "login": "xlsx_other", "password": "xlsx_other_pw1",
            "group_ids": [(6, 0, [self.env.ref("doithoai_module.group_doithoai_officer").id])],
        })
        export = self.env["doithoai.xlsx.export"].with_user(officer).create({"kind": "assignments"})
        url = export.action_download()["url"]
        end_request(self.env)
        self.authenticate("xlsx_officer", "xlsx_officer_pw1")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        openpyxl.load_workbook(io.BytesIO(response.content))
        self.authenticate("xlsx_other", "xlsx_other_pw1")
        self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(self.url_open(url.replace("assignments", "questions")).status_code, 404)
