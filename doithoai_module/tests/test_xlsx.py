"""Excel registers: opened back with openpyxl (headers, rows, real dates and numbers,
late highlighting, frozen panes, filters, print set-up) and served by the controller."""
import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo.tests import HttpCase, tagged

from .common import end_request
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
        cls.Export = cls.env["doithoai.xlsx.export"].with_user(cls.officer)

    def _open(self, export, name):
        end_request(self.env)  # the export record was created by the previous request
        data = export._generate().getvalue()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"{name}.xlsx").write_bytes(data)
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        return workbook.worksheets[0]

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
        width = ws.column_dimensions["G"].width
        self.assertGreater(width, 30, "the content column is widened to its text")

    def test_question_register_for_period_and_organisation(self):
        export = self.Export.create({"kind": "questions", "organization_id": self.party_province.id,
                                     "date_from": date(2023, 1, 1), "date_to": date(2023, 12, 31)})
        rows = self._data_rows(self._open(export, "question_register_period"))
        self.assertEqual(len(rows), 1)
        self.assertEqual(rows[0][6].value, self.q_party.content)
        leader = self.env["doithoai.xlsx.export"].with_user(self.leader).create(
            {"kind": "questions", "organization_id": self.province.id,
             "date_from": date(2023, 10, 1), "date_to": date(2023, 10, 31)})
        self.assertEqual(len(self._data_rows(self._open(leader, "question_register_leader"))), 4)

    def test_assignment_tracking_highlights_late_rows(self):
        export = self.Export._action_from_records("assignments", self.a_labour | self.a_health | self.a_party)
        export = self.Export.browse(int(export["url"].rsplit("/", 1)[1]))
        ws = self._open(export, "assignment_tracking")
        headers = self._headers(ws)
        for label in ("Cơ quan thực hiện", "Hạn giải quyết", "Số ngày trễ", "Kết quả giải quyết"):
            self.assertIn(label, headers)
        rows = {r[1].value: r for r in self._data_rows(ws)}
        self.assertEqual(len(rows), 3)
        late = rows[self.a_labour.name]
        self.assertEqual(late[headers.index("Số ngày trễ")].value, 9)
        self.assertEqual(late[headers.index("Cơ quan thực hiện")].value, self.labour.complete_name)
        self.assertEqual(late[headers.index("Kết quả giải quyết")].value, "Đã chi trả đủ trợ cấp cho 125 lao động nữ.")
        self.assertIsInstance(late[headers.index("Hạn giải quyết")].value, datetime)
        self.assertEqual(late[headers.index("Hạn giải quyết")].value.date(), self.a_labour.date_due)
        self.assertEqual(_fill(late[1]), "FFC7CE")
        on_time = rows[self.a_party.name]
        self.assertEqual(on_time[headers.index("Số ngày trễ")].value, 0)
        self.assertNotEqual(_fill(on_time[1]), "FFC7CE")
        self._check_layout(ws)

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
        self.assertEqual(by_name["TỔNG CỘNG"][headers.index("Ý kiến tiếp nhận")].value, 3)
        self.assertTrue(any(str(v).startswith("Cộng ") for v in by_name))
        self._check_layout(ws)


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
