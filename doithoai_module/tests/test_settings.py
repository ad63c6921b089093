from odoo.tests import Form, tagged

from .common import DoithoaiCase


@tagged("post_install", "-at_install")
class TestReminderSettings(DoithoaiCase):
    def test_settings_form_saves_reminder_periods(self):
        # The Settings page is for Odoo's settings administrators (base.group_system): admin.
        admin = self.env.ref("base.user_admin")
        with Form(self.env(user=admin)["res.config.settings"]) as settings:
            settings.doithoai_assignment_reminder_days = 7
            settings.doithoai_escalation_days = 4
            settings.doithoai_yearly_check_day = 15
            settings.doithoai_yearly_check_month = 9
        settings.save().execute()
        self.end_request()
        company = admin.company_id
        self.assertEqual((company.doithoai_assignment_reminder_days, company.doithoai_escalation_days),
                         (7, 4))
        self.assertEqual((company.doithoai_yearly_check_day, company.doithoai_yearly_check_month), (15, 9))

    def test_organization_form_sets_its_own_reminders(self):
        # Organizations are configured by the module's administrator.
        with Form(self.env(user=self.admin_user)["doithoai.organization"]) as org:
            org.name = "UBND xã Thử"
            org.assignment_reminder_days = 3
            org.reminder_manager_id = self.leader
            org.reminder_signature = "TM. ỦY BAN NHÂN DÂN"
        record = org.save()
        self.end_request()
        self.assertEqual(record.assignment_reminder_days, 3)
        self.assertIn("TM. ỦY BAN NHÂN DÂN", record._doithoai_signature())

    def test_reminder_log_menu_for_administrators(self):
        menu = self.env.ref("doithoai_module.menu_doithoai_reminder_log")
        self.assertEqual(menu.action, self.env.ref("doithoai_module.doithoai_reminder_log_action"))
        self.assertEqual(menu.with_context(lang="vi_VN").name, "Nhật ký nhắc hạn")
        # what the web client shows: load_menus keeps the menus of the user's groups and
        # action rights, reached from the app through visible parents
        def reachable(user):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            chain = self.env["ir.ui.menu"].search([("id", "parent_of", menu.id)])
            return all(m.id in visible for m in chain)
        self.assertTrue(reachable(self.admin_user))
        self.assertFalse(reachable(self.officer))
