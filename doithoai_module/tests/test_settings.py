from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestReminderSettings(TransactionCase):
    def test_settings_form_saves_reminder_periods(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.doithoai_assignment_reminder_days = 7
            settings.doithoai_escalation_days = 4
            settings.doithoai_yearly_check_day = 15
            settings.doithoai_yearly_check_month = 9
        settings.save().execute()
        company = self.env.company
        self.assertEqual((company.doithoai_assignment_reminder_days, company.doithoai_escalation_days),
                         (7, 4))
        self.assertEqual((company.doithoai_yearly_check_day, company.doithoai_yearly_check_month), (15, 9))

    def test_organization_form_sets_its_own_reminders(self):
        manager = self.env.ref("base.user_admin")
        with Form(self.env["doithoai.organization"]) as org:
            org.name = "UBND xã Thử"
            org.assignment_reminder_days = 3
            org.reminder_manager_id = manager
            org.reminder_signature = "TM. ỦY BAN NHÂN DÂN"
        record = org.save()
        self.assertEqual(record.assignment_reminder_days, 3)
        self.assertIn("TM. ỦY BAN NHÂN DÂN", record._doithoai_signature())

    def test_reminder_log_menu_for_administrators(self):
        menu = self.env.ref("doithoai_module.menu_doithoai_reminder_log")
        self.assertEqual(menu.action, self.env.ref("doithoai_module.doithoai_reminder_log_action"))
        self.assertEqual(menu.with_context(lang="vi_VN").name, "Nhật ký nhắc hạn")
