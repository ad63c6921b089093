"""Three roles' jobs in Chromium, each as the demo user of the role (password "demo").

The tours (static/tests/tours/doithoai_job_tours.js) do the work in the web client as
that user; these tests pick the demo records before and read the database after, as the
superuser. The demo users speak Vietnamese: the tours select by field and button names.
"""
import json
from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.tests import HttpCase, tagged

TZ = "Asia/Ho_Chi_Minh"
OPEN = ("done", "cancel")


@tagged("post_install", "-at_install")
class TestUiJobs(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz=TZ))
        cls.Assignment = cls.env["doithoai.assignment"]
        cls.today = fields.Date.context_today(cls.Assignment)

    def _user(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, f"the demo user {login} is missing: demo data not loaded?")
        return user

    def _tour(self, url, tour, login, **params):
        """start_tour, with the tour's parameters in sessionStorage (read by its steps)."""
        options = {"stepDelay": 0, "keepWatchBrowser": False, "debug": False, "startUrl": url,
                   "delayToCheckUndeterminisms": 0}
        code = (f"sessionStorage.setItem('doithoai_tour_params', {json.dumps(json.dumps(params))});"
                f"odoo.startTour({json.dumps(tour)}, {json.dumps(options)});")
        self.start_tour(url, tour, login=login, code=code, timeout=240)
        self.env.invalidate_all()

    # ------------------------------------------------------------------ job 3
    def _unique_fragment(self, dialogue, visible):
        """A few words of the dialogue's name that no other dialogue the officer sees has."""
        words = [w for w in dialogue.name.split() if w.isalnum()] or dialogue.name.split()
        for size in range(2, len(words) + 1):
            for start in range(len(words) - size, -1, -1):
                fragment = " ".join(words[start:start + size])
                if fragment in dialogue.name and len(visible.filtered(lambda d: fragment in d.name)) == 1:
                    return fragment
        return dialogue.name

    def test_officer_records_paper_question_with_new_asker(self):
        officer = self._user("tinh.canbo")
        Dialogue = self.env["doithoai.dialogue"].with_user(officer)
        visible = Dialogue.search([])
        dialogue = visible.filtered(lambda d: d.state in ("preparation", "invited")).sorted("date_start")[:1]
        self.assertTrue(dialogue, "the demo has an open dialogue (preparation/invited) in the province")
        Partner = self.env["res.partner"].with_user(officer)
        # Companies the officer can read, whose name no asker shares: none may be offered.
        companies = [name for name in ("Azure", "Gemini", "Hội Liên hiệp Phụ nữ")
                     if Partner.search_count([("name", "ilike", name), ("is_company", "=", True)])
                     and not Partner.search_count([("name", "ilike", name), ("doithoai_asker", "=", True)])]
        self.assertTrue(companies, "some company the officer can read, to be sure it is not offered")
        params = {
            "dialogue": self._unique_fragment(dialogue, visible),
            "content": "Xin hỏi khi nào thôn 3 có nước sạch? Phiếu giấy số 12.",
            "asker": "Phạm Thị Tour Mới",
            "phone": "0905 123 456",
            "street": "Số 12, thôn 3",
            "street2": "Xã Hòa Phú",
            "city": "Đắk Lắk",
            "companies": companies,
        }
        self._tour("/odoo", "doithoai_job_officer_new_asker_tour", "tinh.canbo", **params)

        question = self.env["doithoai.question"].search([("content", "=", params["content"])])
        self.assertEqual(len(question), 1)
        self.assertEqual(question.dialogue_id, dialogue)
        self.assertEqual(question.create_uid, officer)
        partner = self.env["res.partner"].search([("name", "=", params["asker"])])
        self.assertEqual(len(partner), 1, "one new partner")
        self.assertEqual(question.asker_ids, partner)
        self.assertFalse(partner.is_company)
        self.assertTrue(partner.doithoai_asker)
        self.assertEqual(partner.create_uid, officer)
        self.assertEqual(partner.phone, params["phone"])
        self.assertEqual(partner.street, params["street"])
        self.assertEqual(partner.street2, params["street2"])
        self.assertEqual(partner.city, params["city"])

    # ------------------------------------------------------------------ job 6
    def _open_health_assignment(self, responder):
        mine = self.Assignment.with_user(responder).search([("state", "not in", OPEN)], order="id")
        with_mail = mine.filtered(lambda a: a.question_ids.asker_ids.filtered("email"))
        return (with_mail or mine)[:1]

    def test_responder_writes_result_and_resolves(self):
        responder = self._user("soyte.xuly")
        assignment = self._open_health_assignment(responder)
        self.assertTrue(assignment, "the demo gives the Department of Health an open assignment")
        assignment = self.Assignment.browse(assignment.id)  # checked afterwards as the test itself
        questions = assignment.question_ids
        askers = questions.asker_ids.filtered("email")
        self.assertTrue(askers, "some asker of the assignment has an e-mail, to hear back")
        result = "Sở Y tế đã tổ chức khám sàng lọc cho phụ nữ các buôn vùng sâu"
        self._tour(f"/odoo/action-doithoai_module.doithoai_assignment_action/{assignment.id}",
                   "doithoai_job_responder_resolves_tour", "soyte.xuly", result=result)

        self.assertEqual(assignment.state, "done")
        self.assertEqual(assignment.date_resolved, self.today)
        self.assertIn("<strong", assignment.result, "rich text kept")
        self.assertIn("khám sàng lọc", assignment.result)
        self.assertEqual(set(questions.mapped("state")), {"resolved"})
        self.assertIn(responder.partner_id, assignment.message_ids.author_id)
        mails = self.env["mail.mail"].search([("model", "=", "doithoai.assignment"), ("res_id", "=", assignment.id)])
        for asker in askers:
            self.assertIn(asker, mails.recipient_ids, f"a mail is queued for {asker.name}")

    # ------------------------------------------------------------------ job 8
    def _holiday_case(self):
        """An open assignment, a resolved one and a future working day inside both windows."""
        civil = self.env.ref("doithoai_module.calendar_vn_civil_service")
        Rule = self.env["doithoai.deadline.rule"]
        done = self.Assignment.search([("state", "=", "done"), ("deadline", ">", self.today)])
        for open_one in self.Assignment.search([("state", "not in", OPEN), ("deadline", ">", self.today)], order="id"):
            host = open_one.host_organization_id
            engine = Rule._deadline_engine(host, [open_one.notice_date])
            if engine.org_calendar[host.id] != civil:
                continue
            calendar = engine.workday_calendar(host)
            day = max(self.today, open_one.notice_date) + timedelta(days=1)
            while day < open_one.deadline:
                closed = done.filtered(lambda a: a.notice_date < day < a.deadline
                                       and (a.host_organization_id.calendar_id or civil) == civil)
                if calendar.is_workday(day) and closed:
                    return open_one, closed[0], day, calendar.shift(open_one.deadline, 1)
                day += timedelta(days=1)
        return None

    def test_module_administrator_adds_public_holiday(self):
        admin = self._user("tinh.quantri")
        self.assertFalse(admin.has_group("base.group_system"), "the module's administrator, not Odoo's")
        case = self._holiday_case()
        self.assertTrue(case, "the demo has an open and a resolved assignment with a working day ahead")
        open_one, closed, day, expected = case
        before_open, before_closed = open_one.deadline, closed.deadline
        name = "Nghỉ lễ thử nghiệm %s" % day.strftime("%d/%m/%Y")
        # The day in Vietnam, as instants: the tour types them in the browser's time zone.
        start = pytz.timezone(TZ).localize(datetime.combine(day, time.min))
        end = pytz.timezone(TZ).localize(datetime.combine(day, time(23, 59, 59)))
        self._tour("/odoo", "doithoai_job_admin_holiday_tour", "tinh.quantri", name=name,
                   date_from=int(start.timestamp() * 1000), date_to=int(end.timestamp() * 1000))

        holiday = self.env["resource.calendar.leaves"].search([("name", "=", name)])
        self.assertEqual(len(holiday), 1)
        self.assertEqual(holiday.create_uid, admin)
        self.assertFalse(holiday.resource_id)
        self.assertEqual(holiday.calendar_id, self.env.ref("doithoai_module.calendar_vn_civil_service"))
        self.assertEqual(holiday.date_from, start.astimezone(pytz.utc).replace(tzinfo=None))
        self.assertEqual(holiday.date_to, end.astimezone(pytz.utc).replace(tzinfo=None))
        self.assertEqual(open_one.deadline, expected, f"{before_open} moves one working day later")
        self.assertGreater(open_one.deadline, before_open)
        self.assertEqual(closed.deadline, before_closed, "a resolved assignment keeps its deadline")
