"""The citizen portal over HTTP as two portal users, and the three browser tours.

Portal users read published dialogues and their own questions only; ids guessed in
URLs answer 404; forms need the CSRF token; content is escaped; attachments are limited
in size and type; at most 5 questions an hour; confidential answers never shown.
"""
import base64
import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import demo_pki
from .common import end_request

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Asia/Ho_Chi_Minh"))
        # The tours read English labels and type US dates: the shipped database speaks Vietnamese only.
        cls.env["res.lang"]._activate_lang("en_US")
        Org = cls.env["doithoai.organization"]
        cls.province = Org.create({"name": "Tour Province", "kind": "government", "code": "UBND"})
        cls.commune = Org.create({"name": "Tour Commune", "kind": "government", "parent_id": cls.province.id})
        cls.bank = Org.create({"name": "Tour Bank", "kind": "department", "parent_id": cls.province.id})
        group = "base.group_user,base.group_partner_manager,doithoai_module.group_doithoai_"
        cls.leader = new_test_user(cls.env, login="tour_leader", name="Tour Leader", lang="en_US",
                                   tz="Asia/Ho_Chi_Minh", groups=group + "manager",
                                   doithoai_organization_ids=[cls.province.id])
        cls.officer = new_test_user(cls.env, login="tour_officer", name="Tour Officer", lang="en_US",
                                    tz="Asia/Ho_Chi_Minh", groups=group + "officer",
                                    doithoai_organization_ids=[cls.province.id])
        cls.bank_responder = new_test_user(cls.env, login="tour_bank", name="Tour Bank Officer", lang="en_US",
                                           tz="Asia/Ho_Chi_Minh", groups="doithoai_module.group_doithoai_responder",
                                           doithoai_organization_ids=[cls.bank.id])
        cls.citizen = new_test_user(cls.env, login="citizen_a", name="Nguyễn Thị Công Dân", lang="en_US",
                                    groups="base.group_portal")
        cls.citizen_b = new_test_user(cls.env, login="citizen_b", name="Trần Văn Bình", lang="en_US",
                                      groups="base.group_portal")
        now = fields.Datetime.now()
        cls.open_dialogue = cls._dialogue("Tour: portal dialogue", now + timedelta(days=40), portal_published=True)
        cls.closed_dialogue = cls._dialogue("Tour: deadline passed", now + timedelta(days=3), portal_published=True)
        cls.hidden_dialogue = cls._dialogue("Tour: not published", now + timedelta(days=40))
        # only approved dialogues reach the portal: the officer submits, the leader approves
        for dialogue in cls.open_dialogue | cls.closed_dialogue:
            dialogue.action_submit()
            end_request(cls.env)
            dialogue.with_user(cls.leader).action_approve()
            end_request(cls.env)
        Question = cls.env["doithoai.question"]
        cls.question_a = Question.create({"dialogue_id": cls.open_dialogue.id, "content": "Câu hỏi của A",
                                          "asker_ids": [(6, 0, cls.citizen.partner_id.ids)]})
        cls.question_b = Question.create({"dialogue_id": cls.open_dialogue.id, "content": "Câu hỏi của B",
                                          "asker_ids": [(6, 0, cls.citizen_b.partner_id.ids)]})
        end_request(cls.env)

    @classmethod
    def _dialogue(cls, name, start, **vals):
        """The officer proposes a dialogue (and publishes it on the portal when told)."""
        dialogue = cls.env["doithoai.dialogue"].with_user(cls.officer).create(dict(
            name=name, organization_id=cls.commune.id, date_start=start, venue="Hội trường", **vals))
        end_request(cls.env)
        return dialogue

    def end_request(self):
        end_request(self.env)

    # ------------------------------------------------------------------
    def _csrf(self, url):
        res = self.url_open(url)
        self.assertEqual(res.status_code, 200, url)
        return re.search(r'name="csrf_token" value="([^"]+)"', res.text).group(1)

    def _post_question(self, dialogue, content="Xin hỏi về chế độ thai sản?", files=None, **data):
        token = self._csrf(f"/my/dialogues/{self.open_dialogue.id}")
        return self.url_open(f"/my/dialogues/{dialogue.id}/question",
                             data=dict({"csrf_token": token, "content": content}, **data), files=files)

    def _my_questions(self, user):
        return self.env["doithoai.question"].search([("asker_ids", "in", user.partner_id.ids)])

    # ------------------------------------------------------------------
    def test_lists_published_dialogues_only(self):
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open("/my/dialogues").text
        self.assertIn("Tour: portal dialogue", page)
        self.assertIn("Tour: deadline passed", page)
        self.assertNotIn("Tour: not published", page)
        self.assertEqual(self.url_open(f"/my/dialogues/{self.hidden_dialogue.id}").status_code, 404)
        self.assertEqual(self.url_open("/my/dialogues/999999").status_code, 404)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["doithoai_dialogue_count",
                                                                           "doithoai_question_count"]})
        # what the portal shows (published and approved), demo data included
        published = self.env["doithoai.dialogue"].search_count([
            ("portal_published", "=", True),
            ("state", "in", ["preparation", "invited", "held", "concluded", "followup", "done"])])
        self.assertEqual(counters, {"doithoai_dialogue_count": published, "doithoai_question_count": 1})

    def test_send_question(self):
        self.authenticate("citizen_a", "citizen_a")
        field = self.env.ref("doithoai_module.field_social")
        res = self._post_question(self.open_dialogue, content="<script>alert('x')</script> Xin hỏi",
                                  field_id=str(field.id), register_to_speak="1",
                                  files={"attachment": ("giay to.pdf", PDF, "application/pdf")})
        self.assertEqual(res.status_code, 200)
        question = self._my_questions(self.citizen) - self.question_a
        self.assertEqual(len(question), 1)
        self.assertEqual(question.channel, "online")
        self.assertTrue(question.register_to_speak)
        self.assertEqual(question.field_id, field)
        self.assertEqual(question.asker_ids, self.citizen.partner_id)
        self.assertEqual(question.state, "received")
        attachment = self.env["ir.attachment"].search([("res_model", "=", "doithoai.question"),
                                                       ("res_id", "=", question.id)])
        self.assertEqual(attachment.mimetype, "application/pdf")
        # the officer finds the file on the question's form
        self.assertEqual(question.with_user(self.officer).attachment_ids, attachment)
        self.assertEqual(question.with_user(self.officer).attachment_ids.name, "giay to.pdf")
        self.assertIn(f"/my/questions/{question.id}", res.url)
        self.assertNotIn("<script>alert", res.text)
        self.assertIn("&lt;script&gt;alert", res.text)
        page = self.url_open("/my/questions").text
        self.assertNotIn("<script>alert", page)
        # The other citizen sees neither the question nor its page.
        self.authenticate("citizen_b", "citizen_b")
        self.assertEqual(self.url_open(f"/my/questions/{question.id}").status_code, 404)
        self.assertNotIn("Xin hỏi", self.url_open("/my/questions").text.replace("Câu hỏi của B", ""))

    def test_csrf_required(self):
        self.authenticate("citizen_a", "citizen_a")
        res = self.url_open(f"/my/dialogues/{self.open_dialogue.id}/question", data={"content": "no token"})
        self.assertIn(res.status_code, (400, 403))
        self.assertEqual(self._my_questions(self.citizen), self.question_a)

    def test_refused_after_deadline_and_unpublished(self):
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open(f"/my/dialogues/{self.closed_dialogue.id}").text
        self.assertIn("no longer takes questions", page)
        res = self._post_question(self.closed_dialogue)
        self.assertEqual(res.status_code, 400)
        self.assertIn("the deadline has passed", res.text)
        self.assertEqual(self._post_question(self.hidden_dialogue).status_code, 404)
        self.assertEqual(self._my_questions(self.citizen), self.question_a)

    def test_attachment_limits(self):
        self.authenticate("citizen_a", "citizen_a")
        res = self._post_question(self.open_dialogue, files={"attachment": ("virus.exe", b"MZ\x90\x00", "application/pdf")})
        self.assertEqual(res.status_code, 400)
        self.assertIn("not accepted", res.text)
        res = self._post_question(self.open_dialogue, files={"attachment": ("fake.pdf", b"<html>x</html>", "application/pdf")})
        self.assertEqual(res.status_code, 400)
        big = PDF + b"0" * (10 * 1024 * 1024)
        res = self._post_question(self.open_dialogue, files={"attachment": ("big.pdf", big, "application/pdf")})
        self.assertEqual(res.status_code, 400)
        self.assertIn("larger than 10 MB", res.text)
        self.assertEqual(self._my_questions(self.citizen), self.question_a)

    def test_rate_limit(self):
        self.authenticate("citizen_a", "citizen_a")
        for i in range(5):
            self.assertEqual(self._post_question(self.open_dialogue, content=f"Câu hỏi {i}").status_code, 200)
        res = self._post_question(self.open_dialogue, content="Câu hỏi thứ sáu")
        self.assertEqual(res.status_code, 429)
        self.assertIn("in the last hour", res.text)
        self.assertEqual(len(self._my_questions(self.citizen)), 6)

    def test_guessed_ids(self):
        self.authenticate("citizen_b", "citizen_b")
        for url in (f"/my/questions/{self.question_a.id}", f"/my/questions/{self.question_a.id}/answer/1",
                    f"/my/dialogues/{self.hidden_dialogue.id}", "/my/questions/999999"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        self.assertEqual(self.url_open(f"/my/questions/{self.question_b.id}").status_code, 200)
        # Citizens have no direct access to internal models: over JSON-RPC they read nothing,
        # not even their own question (its answer, agency or confidential mark).
        for model, record in (("doithoai.question", self.question_b), ("doithoai.dialogue", self.open_dialogue)):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.citizen_b).search([])
            with self.assertRaises(AccessError):
                record.with_user(self.citizen_b).read(["name"])

    def test_status_answer_and_confidential(self):
        question = self.question_a.with_user(self.officer)
        question.write({"competent_organization_id": self.bank.id})
        self.end_request()
        question.action_forward()
        self.end_request()
        self.authenticate("citizen_a", "citizen_a")
        self.assertIn("Forwarded to Tour Bank", self.url_open(f"/my/questions/{question.id}").text)
        question.write({"outcome": "answered", "answer": "Đã có câu trả lời bí mật"})
        self.end_request()
        page = self.url_open(f"/my/questions/{question.id}").text
        self.assertIn("Answered in the session", page)
        self.assertIn("Đã có câu trả lời bí mật", page)
        question.with_user(self.leader).confidential = True
        self.end_request()
        page = self.url_open(f"/my/questions/{question.id}").text
        self.assertNotIn("Đã có câu trả lời bí mật", page)

    def test_assignment_status_and_written_answer(self):
        dialogue = self.open_dialogue
        question = self.question_a
        # the bank's director signs its papers, with his and the bank's (throw-away) certificates
        director = self.env["res.partner"].create({"name": "Tour Bank Director", "function": "Giám đốc"})
        self.bank.host_id = director
        ca = demo_pki.make_ca("Portal Test CA")
        for kind, owner, name in (("signer", director, director.name), ("organization", False, self.bank.name)):
            self.env["doithoai.certificate"].create({
                "kind": kind, "organization_id": self.bank.id, "partner_id": owner and owner.id,
                "image": base64.b64encode(demo_pki.signature_png() if owner else demo_pki.seal_png()),
                "pkcs12_file": base64.b64encode(demo_pki.make_pkcs12(ca, name, self.bank.name)),
                "pkcs12_password": "demo"})
        past = fields.Datetime.now() - timedelta(days=2)
        dialogue.with_user(self.officer).write({"date_start": past})
        self.end_request()
        assignment = self.env["doithoai.assignment"].with_user(self.leader).create({
            "name": "Hỗ trợ vốn vay", "dialogue_id": dialogue.id, "organization_id": self.bank.id,
            "notice_date": fields.Date.context_today(dialogue), "question_ids": [(6, 0, question.ids)]})
        self.end_request()
        self.authenticate("citizen_a", "citizen_a")
        page = self.url_open(f"/my/questions/{question.id}").text
        self.assertIn("Assigned to Tour Bank, to be resolved by %s" % assignment.date_due.strftime("%d/%m/%Y"), page)
        self.assertNotIn("Written answer (PDF)", page)
        url = f"/my/questions/{question.id}/answer/{assignment.id}"
        self.assertEqual(self.url_open(url).status_code, 404)
        extension = assignment.deadline + timedelta(days=30)
        assignment.write({"extension_date": extension, "extension_reason": "cần khảo sát thực địa"})
        self.end_request()
        page = self.url_open(f"/my/questions/{question.id}").text
        self.assertIn("Extended to %s by Tour Bank: cần khảo sát thực địa" % extension.strftime("%d/%m/%Y"), page)
        assignment.with_user(self.bank_responder).write({
            "result": "<p>Đã giải ngân 50 triệu đồng</p>",
            "stage_id": self.env.ref("doithoai_module.assignment_stage_done").id})
        self.end_request()
        # A print of the agency does not issue the written answer: it is still not offered online.
        self.env["ir.actions.report"].with_user(self.bank_responder)._render_qweb_html(
            "doithoai_module.action_report_answer", assignment.ids)
        self.end_request()
        self.assertNotIn("Written answer (PDF)", self.url_open(f"/my/questions/{question.id}").text)
        # The agency issues it: numbered, its PDF kept, and then offered online.
        entry = self.env["doithoai.paper.number"].with_user(self.bank_responder)._issue_paper(
            assignment.with_user(self.bank_responder), "answer")
        self.end_request()
        page = self.url_open(f"/my/questions/{question.id}").text
        self.assertIn("Resolved by Tour Bank", page)
        self.assertIn("Đã giải ngân 50 triệu đồng", page)
        self.assertIn("Written answer (PDF)", page)
        res = self.url_open(url)
        self.assertEqual(res.status_code, 200, res.text[-3000:])
        self.assertEqual(res.content, entry.attachment_id.raw, "the citizen gets the issued paper")
        self.assertNotIn("Digitally signed", page)
        # The bank's director signs it: the citizen's page says who signed, for which
        # organisation, when, and that it is intact; the download is the signed paper.
        entry.sudo()._sign()
        self.end_request()
        page = self.url_open(f"/my/questions/{question.id}").text
        self.assertIn("Digitally signed, unchanged since signing:", page)
        self.assertIn("Tour Bank Director (Tour Bank)", page)
        self.assertIn("+07:00", page)
        self.assertEqual(self.url_open(url).content, entry.signed_attachment_id.raw)
        # anyone checks it on the public page by the number and date printed on it
        page = self.url_open("/doithoai/verify", data={"number": entry.name, "date": entry.date.isoformat()}).text
        self.assertIn("Tour Bank Director", page)
        self.assertIn("Toàn vẹn, không bị sửa đổi", page)
        self.authenticate("citizen_b", "citizen_b")
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_public_share_link(self):
        dialogue = self.open_dialogue
        token = dialogue.with_user(self.officer)._portal_ensure_token()  # the officer shares it
        self.end_request()
        self.authenticate(None, None)
        self.assertEqual(self.url_open(f"/doithoai/dialogue/{dialogue.id}").status_code, 404)
        self.assertEqual(self.url_open(f"/doithoai/dialogue/{dialogue.id}?access_token=wrong").status_code, 404)
        res = self.url_open(f"/doithoai/dialogue/{dialogue.id}?access_token={token}")
        self.assertEqual(res.status_code, 200)
        self.assertIn("Tour: portal dialogue", res.text)
        hidden = self.hidden_dialogue
        hidden_token = hidden.with_user(self.officer)._portal_ensure_token()
        self.end_request()
        self.assertEqual(self.url_open(f"/doithoai/dialogue/{hidden.id}?access_token={hidden_token}").status_code, 404)

    def test_invite_askers_to_portal(self):
        asker = self.env["res.partner"].create({"name": "Lê Thị Mời", "email": "moi@example.com"})
        question = self.question_b.with_user(self.officer)
        question.asker_ids = [(4, asker.id)]
        self.end_request()
        action = question.action_invite_askers_to_portal()
        wizard = self.env["portal.wizard"].with_user(self.officer).browse(action["res_id"])
        self.assertIn(asker, wizard.partner_ids)
        line = wizard.user_ids.filtered(lambda u: u.partner_id == asker)
        line.action_grant_access()
        self.end_request()
        self.assertTrue(asker.user_ids and asker.user_ids[0]._is_portal())

    # ------------------------------------------------------------------ tours
    def test_tour_board(self):
        self.start_tour("/odoo", "doithoai_board_tour", login="tour_leader", timeout=180)
        dialogue = self.env["doithoai.dialogue"].search([("name", "=", "Tour: dialogue with women")])
        self.assertEqual(dialogue.state, "invited")
        self.assertEqual(dialogue.approved_by_id, self.leader)
        self.assertTrue(dialogue.invitation_deadline and dialogue.questions_deadline)

    def test_tour_answers(self):
        dialogue = self._dialogue("Tour: session with answers", fields.Datetime.now() - timedelta(hours=2))
        dialogue.action_submit()
        self.end_request()
        dialogue.with_user(self.leader).action_approve()
        self.end_request()
        dialogue.action_mark_invited()
        self.end_request()
        dialogue.action_mark_held()
        self.end_request()
        self.start_tour("/odoo", "doithoai_answers_tour", login="tour_officer", timeout=180)
        questions = dialogue.question_ids.sorted("id")
        self.assertEqual(len(questions), 3)
        self.assertEqual(questions.mapped("outcome"), ["answered", "deferred", "deferred"])
        self.assertEqual(questions[0].state, "answered")
        self.assertEqual(questions[2].competent_organization_id, self.bank)
        self.assertEqual(set(questions.mapped("channel")), {"session"})

    def test_tour_portal_desk_and_phone(self):
        for size in ("1440x900", "390x844"):
            with self.subTest(size=size):
                self.browser_size = size
                self.start_tour("/my/dialogues", "doithoai_portal_phone_tour", login="citizen_a", timeout=120)

    def test_tour_dashboard_desk_and_phone(self):
        for size in ("1440x900", "390x844"):
            with self.subTest(size=size):
                self.browser_size = size
                self.start_tour("/odoo/action-doithoai_module.doithoai_dashboard_action",
                                "doithoai_dashboard_tour", login="tour_leader", timeout=180)

    def test_tour_portal(self):
        self.start_tour("/my/dialogues", "doithoai_portal_question_tour", login="citizen_a", timeout=120)
        question = self._my_questions(self.citizen) - self.question_a
        self.assertEqual(len(question), 1)
        self.assertIn("<b>xin cảm ơn</b>", question.content)
        self.assertTrue(question.register_to_speak)
        # The officer answers it in the session.
        question.with_user(self.officer).write({
            "outcome": "answered", "answer": "Lớp dạy nghề khai giảng ngày 15 tháng 1."})
        self.end_request()
        self.start_tour("/my/home", "doithoai_portal_answer_tour", login="citizen_a", timeout=120)
