from odoo.tests import TransactionCase, new_test_user, tagged

ROLES = ("viewer", "officer", "manager", "responder", "supervisor", "admin")


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def _visible(self, menu, user):
        """Whether the web client shows this menu to the user (as load_menus filters it)."""
        return menu.id in self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_app_menu_in_vietnamese(self):
        menu = self.env.ref("doithoai_module.menu_doithoai_root")
        self.assertEqual(menu.with_context(lang="en_US").name, "Dialogues")
        self.assertEqual(menu.with_context(lang="vi_VN").name, "Đối thoại")
        self.assertEqual(menu.web_icon, "doithoai_module,static/description/icon.png")
        self.assertTrue(self._visible(menu, self.env.ref("base.user_admin")))

    def test_office_hours_read_in_vietnamese(self):
        calendar = self.env.ref("doithoai_module.calendar_vn_civil_service")
        names = calendar.attendance_ids.sorted(lambda a: (a.dayofweek, a.hour_from)).mapped("name")
        self.assertEqual(names[:2], ["Sáng thứ Hai", "Chiều thứ Hai"])
        self.assertFalse([n for n in names if "Morning" in n or "Afternoon" in n], names)

    def test_print_buttons_on_the_forms(self):
        """Papers print from a button of the form (header or button box, not only from ⚙ › Print),
        in Vietnamese."""
        from lxml import etree
        viewer = new_test_user(self.env, login="print_viewer", groups="doithoai_module.group_doithoai_viewer")
        expected = {
            "doithoai.dialogue": {"action_report_invitation": "In giấy mời", "action_report_minutes": "In biên bản",
                                  "action_report_conclusion_notice": "In thông báo kết luận"},
            "doithoai.plan": {"action_report_plan": "In kế hoạch"},
            "doithoai.assignment": {"action_report_answer": "In văn bản trả lời"},
        }
        for model, buttons in expected.items():
            arch = self.env[model].with_user(viewer).with_context(lang="vi_VN").get_views(
                [(False, "form")])["views"]["form"]["arch"]
            labels = {b.get("name"): b.get("string") for b in etree.fromstring(arch).iter("button")}
            for xmlid, label in buttons.items():
                action = self.env.ref(f"doithoai_module.{xmlid}")
                self.assertEqual(labels.get(str(action.id)), label, (model, xmlid))

    def test_app_menu_for_every_role_only(self):
        """Every role of the module finds the app; an internal user without one does not."""
        menu = self.env.ref("doithoai_module.menu_doithoai_root")
        for role in ROLES:
            user = new_test_user(self.env, login=f"menu_{role}", groups=f"doithoai_module.group_doithoai_{role}")
            self.assertTrue(self._visible(menu, user), role)
        stranger = new_test_user(self.env, login="menu_stranger", groups="base.group_user")
        self.assertFalse(self._visible(menu, stranger))
