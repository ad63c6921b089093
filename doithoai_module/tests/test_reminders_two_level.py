"""Two-level government (issue 16): an abolished unit is never reminded. It is asked for no
yearly dialogue, and the reminders about its open work go to the unit that took it over."""
from datetime import date

from odoo.tests import freeze_time, tagged

from .common import end_request
from .reminder_case import ReminderCase, _body, _s, _subject, vn


@tagged("post_install", "-at_install")
class TestRemindersTwoLevel(ReminderCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["doithoai.organization"]
        Partner = cls.env["res.partner"]
        # a district abolished on 1 July 2025, merged into the province
        cls.district = Org.create({
            "name": "UBND huyện Cũ", "kind": "government", "parent_id": cls.province.id,
            "partner_id": Partner.create({"name": "UBND huyện Cũ", "email": "ubndhuyen@doithoai.example"}).id,
            "host_id": Partner.create({"name": "Chủ tịch huyện", "email": "chutichhuyen@doithoai.example"}).id,
            "date_end": date(2025, 7, 1), "successor_id": cls.province.id,
        })
        # a district office that answers assignments, and its own officer
        cls.old_agency = Org.create({
            "name": "Phòng Tài nguyên huyện Cũ", "kind": "department", "parent_id": cls.province.id,
            "partner_id": Partner.create({"name": "Phòng Tài nguyên huyện Cũ",
                                          "email": "phongtnmt@doithoai.example", "lang": "vi_VN"}).id,
        })
        cls.old_responder = cls.env["res.users"].with_context(no_reset_password=True).create({
            "login": "xulyhuyen", "name": "Chuyên viên huyện", "email": "xulyhuyen@doithoai.example",
            "lang": "vi_VN", "group_ids": [(6, 0, [cls.env.ref("doithoai_module.group_doithoai_responder").id])],
            "doithoai_organization_ids": [(6, 0, cls.old_agency.ids)],
        })
        end_request(cls.env)

    def test_yearly_dialogue_skips_abolished(self):
        with freeze_time("2026-10-01 01:00:00"):
            self.run_cron("yearly_dialogue")
            received = self.by_recipient(self.deliver())
        # the commune is reminded, the abolished district is not (it does not exist in 2026)
        self.assertEqual([_subject(m) for m in received["ubndxa@doithoai.example"]],
                         [_s("Chưa tổ chức hoặc lên kế hoạch đối thoại năm 2026: UBND xã Test")])
        self.assertNotIn("ubndhuyen@doithoai.example", received)
        self.assertNotIn("chutichhuyen@doithoai.example", received)
        summary = [m for m in received["ubndtinh@doithoai.example"]
                   if _subject(m) == _s("Các cơ quan thuộc UBND tỉnh Test chưa đối thoại năm 2026")]
        self.assertEqual(len(summary), 1)
        self.assertIn("UBND xã Test", _body(summary[0]))
        self.assertNotIn("UBND huyện Cũ", _body(summary[0]))
        self.assertFalse(self.env["doithoai.reminder.log"].search(
            [("res_model", "=", "doithoai.organization"), ("res_id", "=", self.district.id)]))

    def test_open_work_reminded_to_successor(self):
        with freeze_time("2026-08-03 01:00:00"):
            dialogue = self.dialogue(vn(2026, 7, 20))
            late = self.assignment(dialogue, date(2026, 9, 25), name="Đo đạc lại thửa đất",
                                   organization_id=self.old_agency.id, user_id=self.old_responder.id)
        self.deliver()
        # the district office is merged into the province's office on 1 September 2026
        with freeze_time("2026-08-31 01:00:00"):
            self.env["doithoai.organization.abolish.wizard"].with_user(self.manager).create({
                "organization_id": self.old_agency.id, "date_end": date(2026, 9, 1),
                "successor_id": self.agency.id}).action_abolish()
            self.end_request()
        with freeze_time("2026-10-05 01:00:00"):  # Monday 5 October 2026
            self.run_cron("assignment_deadlines")
            received = self.by_recipient(self.deliver())
        overdue = _s(f"Nhiệm vụ quá hạn từ ngày 25 tháng 9 năm 2026: {late.name}")
        # nothing to the abolished office nor to its officer who works for it alone
        self.assertNotIn("phongtnmt@doithoai.example", received)
        self.assertNotIn("xulyhuyen@doithoai.example", received)
        # its successor's office hears of it, and its leaders (here the province's) get the to-do
        self.assertIn(overdue, [_subject(m) for m in received["phongvanhoa@doithoai.example"]])
        self.assertIn(overdue, [_subject(m) for m in received["lanhdao@doithoai.example"]])
        self.assertEqual(late.activity_ids.user_id, self.manager)
