from odoo.tests import HttpCase, tagged

# Opens the apps dropdown of the navbar, finds our app by its XML id, checks its
# Vietnamese name and opens it; logs the success signal browser_js waits for.
OPEN_APP_JS = """
const waitFor = async (selector) => {
    for (let i = 0; i < 200; i++) {
        const el = document.querySelector(selector);
        if (el) { return el; }
        await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('not found: ' + selector);
};
(async () => {
    (await waitFor('.o_navbar_apps_menu button')).click();
    const app = await waitFor('.o_app[data-menu-xmlid="doithoai_module.menu_doithoai_root"]');
    if (app.textContent.trim() !== 'Đối thoại') {
        throw new Error('app menu reads "' + app.textContent.trim() + '"');
    }
    app.click();
    const brand = await waitFor('.o_menu_brand');
    for (let i = 0; i < 200 && brand.textContent.trim() !== 'Đối thoại'; i++) {
        await new Promise((r) => setTimeout(r, 50));
    }
    if (brand.textContent.trim() !== 'Đối thoại') {
        throw new Error('the app did not open: the navbar reads ' + brand.textContent.trim());
    }
    console.log('test successful');
})().catch((e) => console.error(e.message));
"""


@tagged("post_install", "-at_install")
class TestBackendUi(HttpCase):
    def test_admin_opens_app_from_menu(self):
        self.browser_js("/odoo", OPEN_APP_JS, ready="odoo.isReady", login="admin")
