from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_module_installed(self):
        module = self.env["ir.module.module"].search([("name", "=", "doithoai_module")])
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.application)

    def test_app_menu_in_vietnamese(self):
        menu = self.env.ref("doithoai_module.menu_doithoai_root")
        self.assertEqual(menu.with_context(lang="en_US").name, "Dialogues")
        self.assertEqual(menu.with_context(lang="vi_VN").name, "Đối thoại")
        self.assertEqual(menu.web_icon, "doithoai_module,static/description/icon.png")
        self.assertIn(menu, self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin")).search(
            [("parent_id", "=", False)]))
