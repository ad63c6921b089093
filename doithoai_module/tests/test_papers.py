"""Official papers: rules of the heading, number and date line, and real PDFs.

Every paper is rendered with the real wkhtmltopdf (context force_report_rendering: in
test mode Odoo otherwise falls back to HTML), read back with pdftotext, and page one of
each is kept as a PNG under test-artifacts/papers/ for a human to look at.
"""
import os
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from ..tools import vn_paper
from .common import end_request

ROOT = Path(os.environ.get("DOITHOAI_ROOT") or Path(__file__).resolve().parents[2])
ARTIFACTS = ROOT / "test-artifacts" / "papers"
VN = timedelta(hours=7)


def vn(year, month, day, hour=8, minute=0):
    """Naive UTC datetime of this local time in Vietnam."""
    return datetime(year, month, day, hour, minute) - VN


@tagged("post_install", "-at_install")
class TestVnPaperHelpers(TransactionCase):
    def test_date_line_leading_zeros(self):
        self.assertEqual(vn_paper.date_line("Thái Nguyên", date(2023, 10, 5)),
                         "Thái Nguyên, ngày 05 tháng 10 năm 2023")
        # Leading zero for January and February only, and for days below 10.
        self.assertEqual(vn_paper.date_words(date(2018, 2, 9)), "ngày 09 tháng 02 năm 2018")
        self.assertEqual(vn_paper.date_words(date(2018, 1, 31)), "ngày 31 tháng 01 năm 2018")
        self.assertEqual(vn_paper.date_words(date(2018, 3, 10)), "ngày 10 tháng 3 năm 2018")
        self.assertEqual(vn_paper.date_words(date(2023, 9, 15)), "ngày 15 tháng 9 năm 2023")
        self.assertEqual(vn_paper.date_words(date(2023, 12, 1)), "ngày 01 tháng 12 năm 2023")
        self.assertEqual(vn_paper.date_line("", date(2023, 12, 1)), "Ngày 01 tháng 12 năm 2023")
        self.assertEqual(vn_paper.date_words(datetime(2023, 11, 2, 8, 0)), "ngày 02 tháng 11 năm 2023")

    def test_number_lines(self):
        self.assertEqual(vn_paper.number_line(12, "notice", "UBND"), "Số: 12/TB-UBND")
        self.assertEqual(vn_paper.number_line(3, "plan", "UBND"), "Số: 03/KH-UBND")
        self.assertEqual(vn_paper.number_line(12, "notice", "HU", party=True), "Số 12-TB/HU")
        self.assertEqual(vn_paper.number_line(7, "report", "HU", party=True), "Số 07-BC/HU")
        # A written answer is a letter: no type in a state symbol, "CV" in a Party one.
        self.assertEqual(vn_paper.number_line(45, "answer", "SYT"), "Số: 45/SYT")
        self.assertEqual(vn_paper.number_line(45, "answer", "HU", party=True), "Số 45-CV/HU")
        self.assertEqual(vn_paper.number_prefix("65/HD-BTV"), "Số: 65/HD-BTV")
        self.assertEqual(vn_paper.number_prefix("65-HD/TU", party=True), "Số 65-HD/TU")

    def test_authority_lines(self):
        lines = vn_paper.authority_lines
        self.assertEqual(lines(False, "tm", "Ủy ban nhân dân", "Chủ tịch", "Chủ tịch"),
                         ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"])
        self.assertEqual(lines(False, "tm", "Ủy ban nhân dân", "Chủ tịch", "Phó Chủ tịch", deputy=True),
                         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])
        self.assertEqual(lines(False, "head", "", "Giám đốc", "Phó Giám đốc", deputy=True),
                         ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
        self.assertEqual(lines(False, "tl", "", "Chủ tịch", "Chánh Văn phòng"),
                         ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"])
        self.assertEqual(lines(True, "tm", "Ban Thường vụ", "Bí thư", "Phó Bí thư", deputy=True),
                         ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"])
        self.assertEqual(lines(True, "head", "", "Trưởng ban", "Phó Trưởng ban", deputy=True),
                         ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"])
        self.assertEqual(lines(True, "tl", "Ban Thường vụ", "Bí thư", "Chánh Văn phòng"),
                         ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"])


class PaperCase(TransactionCase):
    """A state body (UBND tỉnh) and a Party body (Huyện ủy), each with a held dialogue,
    questions (one confidential), assignments (one late, one extended, one resolved).

    Organisations and users are set-up data; the dialogues go through their workflow as
    their officer, leader and responding agencies do, each step ended as a request ends."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Asia/Ho_Chi_Minh", lang="en_US"))
        Org = cls.env["doithoai.organization"]
        Partner = cls.env["res.partner"]
        groups = cls.env["doithoai.participant.group"]
        women = groups.create({"name": "Cán bộ, hội viên phụ nữ"})
        people = groups.create({"name": "Nhân dân"})
        cls.chairman = Partner.create({"name": "Trịnh Việt Hùng", "function": "Chủ tịch"})
        cls.secretary = Partner.create({"name": "Lâm Thị Hương Thành", "function": "Bí thư"})
        cls.director = Partner.create({"name": "Đặng Thị Lan", "function": "Giám đốc"})
        cls.province = Org.create({
            "name": "UBND tỉnh Thái Nguyên", "paper_name": "Ủy ban nhân dân tỉnh Thái Nguyên",
            "paper_place": "Thái Nguyên", "kind": "government", "code": "UBND",
            "host_id": cls.chairman.id,
            "level_id": cls.env.ref("doithoai_module.level_province").id,
        })
        cls.labour = Org.create({
            "name": "Sở Lao động - Thương binh và Xã hội", "kind": "department", "code": "SLĐTBXH",
            "parent_id": cls.province.id, "host_id": cls.director.id, "paper_place": "Thái Nguyên",
        })
        cls.health = Org.create({
            "name": "Sở Y tế", "kind": "department", "code": "SYT", "parent_id": cls.province.id,
            "paper_place": "Thái Nguyên",
        })
        cls.party_province = Org.create({"name": "Đảng bộ tỉnh Bắc Giang", "kind": "party", "code": "TU"})
        cls.party = Org.create({
            "name": "Huyện ủy Tân Yên", "kind": "party", "code": "HU", "paper_place": "Tân Yên",
            "parent_id": cls.party_province.id, "host_id": cls.secretary.id,
            "level_id": cls.env.ref("doithoai_module.level_district").id,
        })
        cls.mass = Org.create({"name": "Ban Dân vận Huyện ủy", "kind": "party", "code": "BDVHU",
                               "parent_id": cls.party.id})
        # An officer (not a leader, not a system administrator): prints without confidential questions.
        cls.officer = cls._user("Nguyễn Thu Hà", "papers_officer", "officer", cls.province | cls.party_province)
        cls.officer_env = cls.env(user=cls.officer)
        # The leader of both bodies (approves, concludes, extends; prints confidential questions)
        # and the responding agencies.
        cls.leader = cls._user("Trịnh Việt Hùng", "papers_leader", "manager", cls.province | cls.party_province)
        cls.leader_env = cls.env(user=cls.leader)
        cls.labour_responder = cls._user("Văn phòng Sở LĐTBXH", "papers_labour", "responder", cls.labour)
        cls.mass_responder = cls._user("Văn phòng Ban Dân vận", "papers_mass", "responder", cls.mass)
        end_request(cls.env)
        askers = Partner.create([{"name": n} for n in (
            "Nguyễn Thị Ánh Tuyết", "Trần Thị Bích Ngọc", "Lê Thị Hồng Nhung", "Phạm Văn Đức")])
        cls.askers = askers
        cls.answerer = Partner.create({"name": "Hoàng Văn Bảy", "function": "Phó Giám đốc Sở Y tế"})
        cls.dialogue = cls._held_dialogue(
            cls.province, "Bình đẳng giới và hỗ trợ phụ nữ khởi nghiệp", vn(2023, 10, 13, 8, 0),
            cls.chairman, [cls.labour, cls.health], women)
        cls.party_dialogue = cls._held_dialogue(
            cls.party, "Xây dựng nông thôn mới và vệ sinh môi trường", vn(2023, 7, 5, 14, 0),
            cls.secretary, [cls.mass], people)
        # the officer records the questions, the leader the confidential one
        Q = cls.officer_env["doithoai.question"]
        cls.q_answered = Q.create({
            "dialogue_id": cls.dialogue.id, "asker_ids": [(6, 0, askers[0].ids)],
            "content": "Đề nghị tỉnh hỗ trợ vốn vay ưu đãi cho phụ nữ khởi nghiệp ở vùng đồng bào dân tộc thiểu số.",
            "answer": "Ngân hàng Chính sách xã hội tỉnh đã bố trí nguồn vốn ưu tiên; Sở sẽ hướng dẫn thủ tục.",
            "answered_by_id": cls.answerer.id, "outcome": "answered", "speaking_order": 1,
        })
        cls.q_deferred = Q.create({
            "dialogue_id": cls.dialogue.id, "asker_ids": [(6, 0, askers[1].ids)],
            "content": "Việc chi trả trợ cấp cho lao động nữ mất việc còn chậm, đề nghị xem xét.",
            "outcome": "deferred", "competent_organization_id": cls.labour.id, "speaking_order": 2,
        })
        cls.q_health = Q.create({
            "dialogue_id": cls.dialogue.id, "asker_ids": [(6, 0, askers[2].ids)],
            "content": "Trạm y tế xã thiếu bác sĩ sản khoa, đề nghị bổ sung nhân lực.",
            "outcome": "deferred", "competent_organization_id": cls.health.id, "speaking_order": 3,
        })
        cls.q_secret = cls.leader_env["doithoai.question"].create({
            "dialogue_id": cls.dialogue.id, "asker_ids": [(6, 0, askers[3].ids)],
            "content": "Nội dung nội bộ tuyệt mật về nhân sự xã Phúc Xuân.",
            "confidential": True, "outcome": "deferred", "competent_organization_id": cls.labour.id,
            "speaking_order": 4,
        })
        cls.q_party = Q.create({
            "dialogue_id": cls.party_dialogue.id, "asker_ids": [(6, 0, askers[3].ids)],
            "content": "Đề nghị đầu tư bãi tập kết rác thải tại thôn Đồng Điều.",
            "outcome": "deferred", "competent_organization_id": cls.mass.id,
        })
        end_request(cls.env)
        notice = date(2023, 10, 20)
        cls.dialogue.with_env(cls.leader_env)._record_conclusion(
            notice, conclusions="<p>Các sở, ngành tập trung tháo gỡ khó khăn cho phụ nữ.</p>")
        end_request(cls.env)
        A = cls.leader_env["doithoai.assignment"]
        cls.a_labour = A.create({
            "name": "Rà soát, chi trả trợ cấp thất nghiệp cho lao động nữ", "dialogue_id": cls.dialogue.id,
            "question_ids": [(6, 0, cls.q_deferred.ids)], "organization_id": cls.labour.id, "notice_date": notice,
        })
        cls.a_health = A.create({
            "name": "Bổ sung bác sĩ sản khoa cho trạm y tế xã", "dialogue_id": cls.dialogue.id,
            "question_ids": [(6, 0, cls.q_health.ids)], "organization_id": cls.health.id, "notice_date": notice,
        })
        cls.a_secret = A.create({
            "name": "Xử lý nội dung nhân sự nội bộ mật", "dialogue_id": cls.dialogue.id,
            "question_ids": [(6, 0, cls.q_secret.ids)], "organization_id": cls.labour.id, "notice_date": notice,
        })
        cls.a_party = A.create({
            "name": "Khảo sát, bố trí bãi tập kết rác thải", "dialogue_id": cls.party_dialogue.id,
            "question_ids": [(6, 0, cls.q_party.ids)], "organization_id": cls.mass.id,
            "notice_date": date(2023, 7, 12),
        })
        end_request(cls.env)
        # Resolved late by the agency; extended with a reason by the leader.
        a_labour = cls.a_labour.with_user(cls.labour_responder)
        a_labour.write({"result": "<p>Đã chi trả đủ trợ cấp cho 125 lao động nữ.</p>",
                        "date_resolved": cls.a_labour.deadline + timedelta(days=9)})
        end_request(cls.env)
        a_labour.action_resolve()
        end_request(cls.env)
        cls.a_health.write({"extension_date": cls.a_health.deadline + timedelta(days=30),
                            "extension_reason": "cần chờ kết quả tuyển dụng viên chức năm 2024",
                            "extension_answer": "<p>Sở Y tế sẽ điều động bác sĩ tăng cường trong thời gian chờ.</p>"})
        end_request(cls.env)
        # the officer drafts the plans
        cls.plan = cls.officer_env["doithoai.plan"].create({
            "name": "Tổ chức Hội nghị đối thoại giữa Chủ tịch UBND tỉnh với cán bộ, hội viên phụ nữ năm 2023",
            "organization_id": cls.province.id, "year": 2023, "date": date(2023, 10, 5),
            "legal_basis": "<p>Căn cứ Quyết định số 1050-QĐ/TU ngày 24/5/2022 của Ban Thường vụ Tỉnh ủy.</p>",
        })
        cls.dialogue.with_env(cls.officer_env).plan_id = cls.plan
        cls.party_plan = cls.officer_env["doithoai.plan"].create({
            "name": "Tiếp xúc, đối thoại trực tiếp của đồng chí Bí thư Huyện ủy với Nhân dân năm 2023",
            "organization_id": cls.party.id, "year": 2023, "date": date(2023, 3, 2),
        })
        cls.party_dialogue.with_env(cls.officer_env).plan_id = cls.party_plan
        end_request(cls.env)

    @classmethod
    def _user(cls, name, login, group, organizations):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": name, "login": login, "tz": "Asia/Ho_Chi_Minh",
            "group_ids": [(6, 0, [cls.env.ref(f"doithoai_module.group_doithoai_{group}").id])],
            "doithoai_organization_ids": [(6, 0, organizations.ids)],
        })

    @classmethod
    def _held_dialogue(cls, org, name, start, host, invited, group):
        """Proposed, invited and held by the officer, approved by the leader."""
        dialogue = cls.officer_env["doithoai.dialogue"].create({
            "name": name, "organization_id": org.id, "date_start": start,
            "date_end": start + timedelta(hours=3, minutes=30), "host_id": host.id,
            "venue": f"Hội trường {org.name}", "invited_organization_ids": [(6, 0, [o.id for o in invited])],
            "participant_group_ids": [(6, 0, group.ids)], "expected_attendance": 300, "actual_attendance": 285,
            "secretary_id": cls.officer.id,
        })
        end_request(cls.env)
        dialogue.action_submit()
        end_request(cls.env)
        dialogue.with_env(cls.leader_env).action_approve()
        end_request(cls.env)
        dialogue.action_mark_invited()
        end_request(cls.env)
        dialogue.action_mark_held()
        end_request(cls.env)
        return dialogue

    # ------------------------------------------------------------------
    def _issue(self, env, record, paper_type, **kw):
        """Issue a paper as the user of env (register of issued papers): numbered, dated, frozen."""
        entry = env["doithoai.paper.number"]._issue_paper(record.with_env(env), paper_type, **kw)
        end_request(env)
        return entry

    def _render(self, report, records, name, data=None, env=None):
        """Real PDF through wkhtmltopdf -> (text with whitespace squeezed, pdf path)."""
        env = env or self.officer_env
        pdf, kind = env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids, data=data)
        end_request(env)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True).stdout.decode()
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                        str(path), str(ARTIFACTS / name)], check=True)
        return " ".join(text.split()), path

    def assertTextSize(self, path, word, low, high):  # noqa: N802
        """The height of `word`'s box on page one, in points: ~1.15 x the font size in Tinos.
        Catches wkhtmltopdf's shrinking of a whole page (unpatched Qt) or a lost CSS zoom."""
        bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                              capture_output=True, check=True).stdout.decode()
        match = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">' + re.escape(word) + "<", bbox)
        self.assertTrue(match, f"{word} not on page one")
        height = float(match.group(2)) - float(match.group(1))
        self.assertTrue(low <= height <= high, f"{word}: box of {height:.1f} pt, expected {low}-{high}")

    def assertIn(self, member, container, msg=None):  # noqa: N802 - short messages for long texts
        if member not in container:
            self.fail(msg or f"{member!r} not found in the paper:\n{container[:3000]}")


@tagged("post_install", "-at_install")
class TestPapers(PaperCase):
    def test_conclusion_notice_state(self):
        self._issue(self.leader_env, self.dialogue, "notice")
        text, path = self._render("doithoai_module.action_report_conclusion_notice", self.dialogue,
                                  "conclusion_notice")
        self.assertIn("ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", text)
        self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text)
        self.assertIn("Độc lập - Tự do - Hạnh phúc", text)
        self.assertIn("Số: 01/TB-UBND", text)
        self.assertIn("Thái Nguyên, ngày 20 tháng 10 năm 2023", text)
        self.assertIn("THÔNG BÁO", text)
        for assignment in (self.a_labour, self.a_health):
            self.assertIn(assignment.name, text)
            # the legal deadline: an extension granted later is not part of the issued notice
            self.assertIn(assignment.deadline.strftime("%d/%m/%Y"), text)
        self.assertNotIn(self.a_health.extension_date.strftime("%d/%m/%Y"), text)
        self.assertIn("Sở Lao động - Thương binh và Xã hội", text)
        for question in (self.q_answered, self.q_deferred, self.q_health):
            self.assertIn(question.content, text)
        self.assertNotIn("tuyệt mật", text)
        self.assertNotIn("nhân sự nội bộ mật", text)
        self.assertIn("Nơi nhận:", text)
        self.assertIn("Lưu: VT, VP.", text)
        self.assertIn("TM. ỦY BAN NHÂN DÂN", text)
        self.assertIn("CHỦ TỊCH", text)
        self.assertIn("Trịnh Việt Hùng", text)
        self.assertTextSize(path, "Vào", 15, 17.5)  # body text 14pt (13-14pt per the decree)
        # An issued paper prints as issued: a reprint is the same paper.
        text2, _path = self._render("doithoai_module.action_report_conclusion_notice", self.dialogue,
                                    "conclusion_notice_reprint")
        self.assertIn("Số: 01/TB-UBND", text2)
        if os.environ.get("DOITHOAI_SCREENSHOTS"):
            target = ROOT / "docs" / "screenshots" / "conclusion_notice.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ARTIFACTS / "conclusion_notice.png", target)

    def test_no_confidential_even_for_leaders(self):
        """The notice goes to every agency on its list: no confidential question, whoever prints it."""
        text, _path = self._render("doithoai_module.action_report_conclusion_notice", self.dialogue,
                                   "conclusion_notice_leader", env=self.leader_env)
        self.assertNotIn("tuyệt mật", text)
        self.assertNotIn("nhân sự nội bộ mật", text)

    def test_minutes(self):
        self._issue(self.officer_env, self.dialogue, "minutes")
        text, _path = self._render("doithoai_module.action_report_minutes", self.dialogue, "minutes")
        self.assertIn("BIÊN BẢN", text)
        self.assertIn("Số: 01/BB-UBND", text)
        self.assertIn("Thái Nguyên, ngày 13 tháng 10 năm 2023", text)
        self.assertIn("08 giờ 00 phút, Thứ Sáu, ngày 13 tháng 10 năm 2023", text)
        self.assertIn("285", text)
        for question in (self.q_answered, self.q_deferred, self.q_health):
            self.assertIn(question.content, text)
            self.assertIn(question.asker_ids.name, text)
        self.assertIn(self.q_answered.answer, text)
        self.assertIn("Hoàng Văn Bảy", text)
        self.assertNotIn("tuyệt mật", text)
        self.assertIn("THƯ KÝ", text)
        self.assertIn("CHỦ TRÌ", text)

    def test_invitations_batch(self):
        dialogues = self.dialogue | self.party_dialogue
        for dialogue in dialogues:
            self._issue(self.officer_env, dialogue, "invitation", day=date(2023, 6, 20))
        text, path = self._render("doithoai_module.action_report_invitation", dialogues, "invitations")
        self.assertIn("GIẤY MỜI", text)
        self.assertIn("Số: 01/GM-UBND", text)
        self.assertIn("Số 01-GM/HU", text)
        self.assertIn("Đại diện lãnh đạo Sở Lao động - Thương binh và Xã hội", text)
        self.assertIn("Đại diện lãnh đạo Sở Y tế", text)
        self.assertIn("Đại diện lãnh đạo Ban Dân vận Huyện ủy", text)
        pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
        self.assertEqual(int(re.search(r"Pages:\s+(\d+)", pages).group(1)), 3, "one page per invited agency")

    def test_plan(self):
        self._issue(self.officer_env, self.plan, "plan")
        text, _path = self._render("doithoai_module.action_report_plan", self.plan, "plan")
        self.assertIn("KẾ HOẠCH", text)
        self.assertIn("Số: 01/KH-UBND", text)
        self.assertIn("Thái Nguyên, ngày 05 tháng 10 năm 2023", text)
        self.assertIn("Bình đẳng giới và hỗ trợ phụ nữ khởi nghiệp", text)
        # a correction, numbered in a register kept elsewhere
        self._issue(self.officer_env, self.plan, "plan", number="88/KH-UBND")
        text, _path = self._render("doithoai_module.action_report_plan", self.plan, "plan_numbered")
        self.assertIn("Số: 88/KH-UBND", text)

    def test_party_papers(self):
        self._issue(self.officer_env, self.party_plan, "plan")
        # the notice is issued once its conclusions are recorded (the conclusion wizard's first step)
        self.party_dialogue.with_env(self.leader_env)._record_conclusion(date(2023, 7, 12))
        self._issue(self.leader_env, self.party_dialogue, "notice", day=date(2023, 7, 12))
        text, _path = self._render("doithoai_module.action_report_plan", self.party_plan, "party_plan")
        self.assertIn("ĐẢNG BỘ TỈNH BẮC GIANG", text)
        self.assertIn("HUYỆN ỦY TÂN YÊN", text)
        self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", text)
        self.assertNotIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", text)
        self.assertIn("Số 01-KH/HU", text)
        self.assertNotIn("Số: ", text)
        self.assertIn("Tân Yên, ngày 02 tháng 3 năm 2023", text)
        self.assertIn("T/M BAN THƯỜNG VỤ", text)
        self.assertIn("BÍ THƯ", text)
        text, _path = self._render("doithoai_module.action_report_conclusion_notice", self.party_dialogue,
                                   "party_conclusion_notice")
        self.assertIn("Số 01-TB/HU", text)
        self.assertIn(self.a_party.name, text)
        self.assertIn(self.q_party.content, text)

    def test_answer_and_extension_letter(self):
        self._issue(self.env(user=self.labour_responder), self.a_labour, "answer")
        text, _path = self._render("doithoai_module.action_report_answer", self.a_labour, "answer")
        self.assertIn("SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", text)
        self.assertIn("ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", text)
        self.assertIn("Số: 01/SLĐTBXH", text)
        self.assertIn("V/v trả lời ý kiến, kiến nghị", text)
        self.assertIn("Kính gửi: Trần Thị Bích Ngọc", text)
        self.assertIn("Đã chi trả đủ trợ cấp cho 125 lao động nữ.", text)
        self.assertIn("GIÁM ĐỐC", text)
        self.assertIn("Đặng Thị Lan", text)
        text, _path = self._render("doithoai_module.action_report_answer", self.a_health, "extension_letter")
        self.assertIn("V/v gia hạn giải quyết", text)
        self.assertIn("cần chờ kết quả tuyển dụng viên chức năm 2024", text)
        self.assertIn(self.a_health.extension_date.strftime("%d/%m/%Y"), text)
        self.assertIn(self.a_health.deadline.strftime("%d/%m/%Y"), text)

    def test_yearly_report(self):
        wizard = self.officer_env["doithoai.yearly.report.wizard"].create(
            {"organization_id": self.province.id, "year": 2023})
        action = wizard.action_print()
        self._issue(self.officer_env, self.province, "report", data={"year": 2023}, day=date(2024, 1, 10))
        self.assertEqual(action["report_name"], "doithoai_module.report_yearly")
        text, _path = self._render("doithoai_module.action_report_yearly", self.province, "yearly_report",
                                   data=action["data"])
        self.assertIn("BÁO CÁO", text)
        self.assertIn("Số: 01/BC-UBND", text)
        self.assertIn("năm 2023", text)
        stats = self.province.with_env(self.officer_env)._doithoai_statistics(
            date(2023, 1, 1), date(2023, 12, 31))[self.province.id]
        self.assertEqual(stats["held"], 1)
        self.assertEqual(stats["required"], 1)
        self.assertEqual(stats["questions"], 3, "the confidential question is left out")
        self.assertEqual(stats["answered"], 1)
        self.assertEqual(stats["late"], 1)
        self.assertIn("Tổng số ý kiến, kiến nghị tiếp nhận: 3", text)
        self.assertTextSize(_path, "BÁO", 15, 17.5)

    def test_numbers_per_organisation_type_and_year(self):
        Number = self.officer_env["doithoai.paper.number"]
        first = Number._register_number(self.health, "answer", self.a_health, date(2024, 1, 3))
        second = Number._register_number(self.health, "answer", self.a_labour, date(2024, 2, 3))
        other_year = Number._register_number(self.health, "answer", self.a_secret, date(2025, 1, 3))
        self.assertEqual((first.name, second.name, other_year.name), ("01/SYT", "02/SYT", "01/SYT"))


@tagged("post_install", "-at_install")
class TestPaperPerformance(PaperCase):
    def test_notice_with_300_questions(self):
        import time
        dialogue = self._held_dialogue(self.province, "Hội nghị đối thoại lớn", vn(2023, 11, 3),
                                       self.chairman, [self.labour, self.health],
                                       self.env["doithoai.participant.group"])
        questions = self.officer_env["doithoai.question"].create([{
            "dialogue_id": dialogue.id, "asker_ids": [(6, 0, self.askers[i % 3].ids)],
            "content": f"Ý kiến số {i}: đề nghị xem xét hỗ trợ hộ nghèo, cận nghèo và nâng cấp đường giao thông nông thôn thôn {i}.",
            "outcome": "answered" if i % 2 else "deferred", "answer": "Đã giải đáp tại hội nghị." if i % 2 else False,
            "answered_by_id": self.answerer.id if i % 2 else False,
        } for i in range(300)])
        end_request(self.env)
        dialogue.with_env(self.leader_env)._record_conclusion(date(2023, 11, 10))
        self.leader_env["doithoai.assignment"].create([{
            "name": f"Giải quyết ý kiến số {i}", "dialogue_id": dialogue.id,
            "question_ids": [(6, 0, q.ids)], "organization_id": self.labour.id, "notice_date": date(2023, 11, 10),
        } for i, q in enumerate(questions) if not i % 2])
        end_request(self.env)
        start = time.monotonic()
        text, path = self._render("doithoai_module.action_report_conclusion_notice", dialogue, "notice_300")
        elapsed = time.monotonic() - start
        print(f"\nconclusion notice with 300 questions: {elapsed:.1f} s")
        self.assertIn("Ý kiến số 299:", text)
        self.assertIn("Giải quyết ý kiến số 298", text)
        self.assertLess(elapsed, 15, "a 300-question conclusion notice renders in under 15 s")
