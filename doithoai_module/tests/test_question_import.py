"""Questions imported with Odoo's import by the officer: askers matched or created, a clear
message for each bad row, nothing saved until every row is right."""
from odoo.tests import freeze_time, tagged

from .common import NOW_UTC, DoithoaiCase, vn

FIELDS = ["dialogue_id", "content", "field_id", "channel", "import_asker_name", "import_asker_phone",
          "import_asker_address"]
OPTIONS = {"quoting": '"', "separator": ",", "has_headers": True, "encoding": "utf-8"}


@tagged("post_install", "-at_install")
@freeze_time(NOW_UTC)
class TestQuestionImport(DoithoaiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dialogue = cls._dialogue(vn(2026, 12, 8, 8), name="Đối thoại nhập câu hỏi từ Hội")
        cls.known = cls.env["res.partner"].create({"name": "Phạm Thị Lan", "phone": "0987 654 321",
                                                   "doithoai_asker": True})

    def _import(self, rows):
        header = "Buổi đối thoại,Nội dung,Lĩnh vực,Hình thức tiếp nhận,Họ tên,Điện thoại,Địa chỉ\n"
        data = header + "\n".join(",".join(f'"{v}"' for v in row) for row in rows)
        wizard = self.env["base_import.import"].with_user(self.officer).create({
            "res_model": "doithoai.question", "file": data.encode(), "file_type": "text/csv",
            "file_name": "cau_hoi.csv"})
        result = wizard.execute_import(FIELDS, FIELDS, OPTIONS)
        self.end_request()
        return result

    def test_template_offered(self):
        templates = self.Question.with_user(self.officer).get_import_templates()
        self.assertEqual(templates[0]["template"], "/doithoai_module/static/xls/doithoai_questions_import.xlsx")

    def test_import_with_bad_rows(self):
        name = self.dialogue.name
        startup = self.env.ref("doithoai_module.field_startup").with_user(self.officer).name
        good = [name, "Xin hỗ trợ vốn vay khởi nghiệp?", startup, "before",
                "Nguyễn Thị Hoa", "0912 345 678", "Thôn Hòa Bình"]
        result = self._import([good, [name, "Đường liên thôn xuống cấp?", "", "by pigeon", "Trần Văn Bình", "", ""]])
        self.assertIn("by pigeon", result["messages"][0]["message"])  # Odoo's own message for the selection
        self.assertEqual(result["messages"][0]["rows"], {"from": 1, "to": 1})
        result = self._import([
            good,
            [name, "Nước sạch khi nào có?", "", "before", "Lê Văn Cường", "12345", ""],
            [name, "Chợ xã bị ngập?", "", "before", "", "0912 000 111", ""],
        ])
        messages = " | ".join(m["message"] for m in result["messages"])
        self.assertIn("“12345” (asker Lê Văn Cường) is not a Vietnamese phone number", messages)
        self.assertIn("has no name", messages)
        self.assertFalse(result["ids"])
        self.assertFalse(self.Question.search([("dialogue_id", "=", self.dialogue.id)]), "nothing saved")

        result = self._import([
            good,
            [name, "Đường liên thôn xuống cấp?", "", "session", "Phạm Thị Lan", "0987654321", ""],
            [name, "Thêm một câu nữa về vốn vay?", "", "before", "Nguyễn Thị Hoa", "0912345678", "Thôn Hòa Bình"],
            [name, "Câu hỏi không ghi tên người hỏi", "", "online", "", "", ""],
        ])
        self.assertFalse(result["messages"], result["messages"])
        questions = self.Question.browse(result["ids"])
        self.assertEqual(len(questions), 4)
        self.assertEqual(questions[0].field_id, self.env.ref("doithoai_module.field_startup"))
        self.assertEqual(questions[1].asker_ids, self.known, "matched by phone")
        self.assertEqual(questions[0].asker_ids, questions[2].asker_ids, "one asker for the same phone")
        self.assertEqual(questions[0].asker_ids.street, "Thôn Hòa Bình")
        self.assertTrue(questions[0].asker_ids.doithoai_asker)
        self.assertFalse(questions[3].asker_ids)
        self.assertEqual(questions[1].channel, "session")
