"""The demo database `make test` created (pytest's --odoo-database): it looks like a real
province's and leaves Odoo's own things as Odoo made them."""
import pytest

from conftest import Db


@pytest.fixture(scope="module")
def db(request):
    name = request.config.getoption("odoo_database", default=None)
    if not name:
        pytest.skip("needs the demo database: --odoo-database=NAME (make test gives it)")
    database = Db(name)
    database.name = name
    if not database.value("SELECT 1 FROM ir_module_module WHERE name = 'doithoai_module' "
                          "AND state = 'installed' AND demo"):
        pytest.skip(f"{name} has no doithoai_module demo data")
    yield database
    database.close()


def test_install_queues_no_mail(db):
    # Mails queued while the module and its demo were installed (later ones belong to tests
    # that committed, not to the install).
    queued = db.all("""
        SELECT m.id, mm.subject FROM mail_mail m JOIN mail_message mm ON mm.id = m.mail_message_id
         WHERE m.state = 'outgoing'
           AND m.create_date <= (SELECT write_date FROM ir_module_module WHERE name = 'doithoai_module')""")
    assert queued == []


def test_odoo_users_left_as_odoo_made_them(db):
    admin = db.ref("base.user_admin")
    lang = db.value("SELECT p.lang FROM res_users u JOIN res_partner p ON p.id = u.partner_id WHERE u.id = %s",
                    (admin,))
    assert lang == "en_US", "Odoo's tours and tests expect Odoo's admin in English"
    # The demo's own people work in Vietnamese, in Vietnam's time zone.
    rows = db.all("""SELECT u.login, p.lang, p.tz FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                      JOIN ir_model_data d ON d.res_id = u.id AND d.model = 'res.users'
                     WHERE d.module = 'doithoai_module'""")
    assert len(rows) >= 10
    assert {(lang, tz) for _login, lang, tz in rows} == {("vi_VN", "Asia/Ho_Chi_Minh")}


def test_company_is_the_peoples_committee(db):
    company = db.ref("base.main_company")
    name, city = db.one("""SELECT c.name, p.city FROM res_company c JOIN res_partner p ON p.id = c.partner_id
                            WHERE c.id = %s""", (company,))
    assert name == "Ủy ban nhân dân tỉnh Đắk Lắk"
    assert city


def test_odoo_admin_plays_no_part_in_the_dialogues(db):
    admin = db.ref("base.user_admin")
    for table, column in (("doithoai_dialogue", "user_id"), ("doithoai_dialogue", "secretary_id"),
                          ("doithoai_dialogue", "approved_by_id"), ("doithoai_plan", "user_id"),
                          ("doithoai_assignment", "user_id")):
        names = db.all(f"SELECT name FROM {table} WHERE {column} = %s", (admin,))
        assert names == [], f"{table}.{column} names Odoo's admin: {names}"
    # Every dialogue has an officer and every approved one an approver of the demo's own.
    assert db.value("SELECT count(*) FROM doithoai_dialogue WHERE user_id IS NULL") == 0


def test_demo_staff_land_in_the_app(db):
    dialogues = db.ref("doithoai_module.doithoai_dialogue_action")
    assignments = db.ref("doithoai_module.doithoai_assignment_action")
    homes = dict(db.all("""SELECT u.login, u.action_id FROM res_users u
                            JOIN ir_model_data d ON d.res_id = u.id AND d.model = 'res.users'
                           WHERE d.module = 'doithoai_module' AND NOT u.share"""))
    supervision = db.ref("doithoai_module.doithoai_supervision_action")
    # the responding agencies land on their assignments, the unions of the Khánh Hòa
    # programme on their supervision plans, everyone else on the dialogues
    assert homes.pop("soyte.xuly") == assignments
    assert homes.pop("soldtbxh.xuly") == assignments
    for login in ("khanhhoa.hoi", "khanhhoa.lanhdao", "camlam.hoi", "dienkhanh.hoi"):
        assert homes.pop(login) == supervision, login
    assert homes and set(homes.values()) == {dialogues}, homes



def test_odoo_demo_partners_never_offered_as_hosts(db):
    # The pick-lists as the web client fills them: the field's domain, through the ORM (read only).
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry
    from odoo.tools import config
    test_enable, config["test_enable"] = config["test_enable"], False  # load it, run no test
    try:
        registry = Registry(db.name)
    finally:
        config["test_enable"] = test_enable
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        odoo_demo = env["ir.model.data"].search(
            [("model", "=", "res.partner"), ("module", "not like", "doithoai")]).mapped("res_id")
        assert odoo_demo
        for model in ("doithoai.dialogue", "doithoai.organization"):
            domain = env[model]._fields["host_id"].domain
            assert domain, f"{model}.host_id offers every partner"
            offered = env["res.partner"].search(domain)
            assert not set(offered.ids) & set(odoo_demo), offered.filtered(lambda p: p.id in odoo_demo).mapped("name")
            hosts = env[model].search([("host_id", "!=", False)]).host_id
            assert hosts and hosts <= offered, (hosts - offered).mapped("name")
        cr.rollback()


def test_demo_chatter_speaks_vietnamese(db):
    """The first line of every demo record's chatter names it in Vietnamese, not
    "Dialogue Session được tạo" (the install runs before the model names are translated)."""
    bodies = {row[0] for row in db.all("""
        SELECT DISTINCT m.body FROM mail_message m
         WHERE m.model IN ('doithoai.dialogue', 'doithoai.question', 'doithoai.assignment', 'doithoai.plan')
           AND (m.body LIKE '%%created%%' OR m.body LIKE '%%được tạo%%')""")}
    assert bodies, "the demo records have their creation message"
    assert bodies <= {"<p>Buổi đối thoại được tạo</p>", "<p>Câu hỏi được tạo</p>", "<p>Nhiệm vụ được tạo</p>",
                      "<p>Kế hoạch đối thoại được tạo</p>"}, bodies
