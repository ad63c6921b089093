"""The format of the official papers, checked on the PDF itself (pdftotext -bbox-layout), as
printed by the wkhtmltopdf of the machine (Debian's unpatched one here): page numbers centred
in the top margin from page 2, no text line outside the body area of its page (a line sliced
by a page break shows there), table headers repeated, headings (Decree 30 Appendix I; Party:
Hướng dẫn 36-HD/VPTW), signature blocks, place and date.

Every paper type is rendered for a state and a Party body, at province and commune level;
the conclusion notice has 300 questions and is rendered once (issued, then reprinted).
"""
import re
import subprocess
from datetime import date
from xml.etree import ElementTree

from odoo.tests import TransactionCase, tagged

from ..tools import paper_pdf, vn_paper
from .common import end_request
from .test_papers import ARTIFACTS, PaperCase, vn

MM = 72 / 25.4
# The paper format (report/doithoai_paper_reports.xml), in mm.
TOP, BOTTOM, LEFT, RIGHT = 20, 20, 30, 15
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM")


def pdf_pages(pdf):
    """[{width, height, lines: [(text, x0, y0, x1, y1, word height)]}] read by pdftotext -bbox-layout."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", "-", "-"], input=pdf, check=True,
                         capture_output=True).stdout.decode()
    root = ElementTree.fromstring(re.sub(r'\sxmlns="[^"]+"', "", xml, count=1))
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = list(line.iter("word"))
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            height = max(float(w.get("yMax")) - float(w.get("yMin")) for w in words)
            lines.append((" ".join(w.text for w in words), *box, height))
        words = [(w.text, *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))) for w in page.iter("word")]
        blocks = [(float(b.get("xMin")), [(" ".join(w.text for w in line.iter("word")), float(line.get("yMin")))
                                          for line in b.iter("line")]) for b in page.iter("block")]
        pages.append({"width": float(page.get("width")), "height": float(page.get("height")),
                      "lines": lines, "words": words, "blocks": blocks})
    return pages


def column_lines(page, x_from=0, x_to=10000, y_from=0, y_to=10000):
    """The lines of the words inside a rectangle, top to bottom (pdftotext joins the words of
    two columns at the same height into one line)."""
    rows = []
    for word in sorted(page["words"], key=lambda w: (w[2], w[1])):
        text, x0, y0, x1, y1 = word
        if not (x0 >= x_from - 0.5 and x1 <= x_to + 0.5 and y0 >= y_from - 0.5 and y1 <= y_to + 0.5):
            continue
        if rows and abs(rows[-1][0][0][2] - y0) < 3:
            rows[-1][0].append(word)
        else:
            rows.append([[word]])
    return [" ".join(w[0] for w in sorted(row[0], key=lambda w: w[1])) for row in rows]


class PaperFormatMixin:
    """Checks of a PDF's layout, shared by the tests of this file."""

    def assertLayout(self, pdf, name):  # noqa: N802
        """Page numbers, margins, lines: returns the pages (see pdf_pages)."""
        (ARTIFACTS / f"format_{name}.pdf").parent.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"format_{name}.pdf").write_bytes(pdf)
        pages = pdf_pages(pdf)
        self.assertTrue(pages, f"{name}: no page")
        number = 0
        for index, page in enumerate(pages, 1):
            width, height = page["width"], page["height"]
            top, bottom = TOP * MM, height - BOTTOM * MM
            left, right = LEFT * MM, width - RIGHT * MM
            in_margin = [line for line in page["lines"] if line[4] <= top + 0.5]
            body = [line for line in page["lines"] if line not in in_margin]
            first_page = any(n in " ".join(line[0] for line in body[:12]) for n in NATIONAL)
            number = 1 if first_page or not number else number + 1
            where = f"{name}, page {index}"
            if number == 1:
                self.assertFalse(in_margin, f"{where}: page one of a paper has no page number: {in_margin}")
            else:
                self.assertEqual([line[0] for line in in_margin], [str(number)],
                                 f"{where}: its page number, alone in the top margin")
                text, x0, y0, x1, _y1, size = in_margin[0]
                self.assertAlmostEqual((x0 + x1) / 2, (left + right) / 2, delta=2,
                                       msg=f"{where}: the page number is centred over the text")
                self.assertGreater(y0, 0, f"{where}: the page number is on the page")
                # PDF's Times: a box of 0.9 em
                self.assertTrue(11.7 <= size <= 12.6, f"{where}: page number of {size:.1f} pt box (13-14 pt)")
            for text, x0, y0, x1, y1, _size in body:
                self.assertTrue(y1 <= bottom + 0.5 and x0 >= left - 0.5 and x1 <= right + 0.5,
                                f"{where}: “{text}” out of the body area ({x0:.1f}, {y0:.1f}, {x1:.1f}, "
                                f"{y1:.1f}; body {left:.1f}-{right:.1f} x {top:.1f}-{bottom:.1f}): "
                                "a line sliced by a page break or outside the margins")
        return pages

    def _lines(self, page):
        return [line[0] for line in page["lines"]]

    def _text(self, pages):
        return " ".join(" ".join(self._lines(page)) for page in pages)

    def _split(self, page):
        """x between the two columns of the heading and of the signature block."""
        return LEFT * MM + 0.42 * (page["width"] - (LEFT + RIGHT) * MM)

    def assertHeading(self, page, superior, body, party=False):  # noqa: N802
        """The issuing column of page one reads exactly: [superior] body [*], then the number;
        the national (or Party) heading on the right."""
        number = [w for w in page["words"] if w[0] in ("Số", "Số:")]
        self.assertTrue(number, "a number line")
        issuer = " ".join(column_lines(page, x_to=self._split(page), y_to=number[0][2] - 1))
        issuer = issuer.replace("DỰ THẢO", "").strip()
        expected = " ".join(filter(None, [superior, body, "*" if party else ""]))
        self.assertEqual(issuer, expected, "the issuing column: the superior only when there is one, "
                                           "the body's full name")
        nation = " ".join(column_lines(page, x_from=self._split(page), y_to=number[0][2] + 20))
        if party:
            self.assertIn("ĐẢNG CỘNG SẢN VIỆT NAM", nation)
            self.assertNotIn("CỘNG HÒA", nation)
        else:
            self.assertIn("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc", nation)

    def assertSignature(self, pages, authority, position, name):  # noqa: N802
        """Right column of the last page with the name: the authority lines, the position alone,
        then the signer's full name."""
        for page in reversed(pages):
            # the blocks of the right column (pdftotext's blocks: a paragraph of the body is one)
            lines = [text for _y, text in sorted((y, text) for x0, block in page["blocks"]
                                                  if x0 >= self._split(page) for text, y in block)]
            if name in lines:
                break
        else:
            self.fail(f"the signer's full name {name!r} on a line of its own")
        at = len(lines) - 1 - lines[::-1].index(name)
        block = lines[max(0, at - 1 - len(authority)):at]
        self.assertEqual(block, [*authority, position],
                         "the authority, then the position alone (never with the organisation), then the name")

    def assertWordSize(self, page, text, low, high):  # noqa: N802
        """The height of the words of `text` on the page (about 1.15 x the font size in points)."""
        words, first = text.split(), None
        for i in range(len(page["words"]) - len(words) + 1):
            if [w[0] for w in page["words"][i:i + len(words)]] == words:
                first = page["words"][i:i + len(words)]
                break
        self.assertTrue(first, f"{text} on page one")
        size = max(w[4] - w[2] for w in first)
        self.assertTrue(low <= size <= high, f"{text}: box of {size:.1f} pt, expected {low}-{high}")


@tagged("post_install", "-at_install")
class TestPaperFormatHelpers(TransactionCase):
    def test_names_positions_places(self):
        self.assertEqual(vn_paper.full_name("UBND tỉnh Thái Nguyên"), "Ủy ban nhân dân tỉnh Thái Nguyên")
        self.assertEqual(vn_paper.full_name("Hội LHPN xã Ea Ktur"), "Hội Liên hiệp Phụ nữ xã Ea Ktur")
        self.assertEqual(vn_paper.position("Chủ tịch UBND tỉnh Thái Nguyên"), "Chủ tịch")
        self.assertEqual(vn_paper.position("Phó Chủ tịch UBND tỉnh Thái Nguyên"), "Phó Chủ tịch")
        self.assertEqual(vn_paper.position("Bí thư Huyện ủy Tân Yên"), "Bí thư")
        self.assertEqual(vn_paper.position("Trưởng Ban Tổ chức Tỉnh ủy"), "Trưởng ban")
        self.assertEqual(vn_paper.position("Kế toán trưởng Sở Y tế", ["Sở Y tế"]), "Kế toán trưởng")
        self.assertEqual(vn_paper.place_from_name("UBND xã Phúc Xuân"), "Phúc Xuân")
        self.assertEqual(vn_paper.place_from_name("Huyện ủy Tân Yên"), "Tân Yên")
        self.assertEqual(vn_paper.place_from_name("Ban Dân vận Huyện ủy"), "")
        self.assertEqual(vn_paper.party_organisation("Tỉnh ủy Bắc Giang"), "Đảng bộ tỉnh Bắc Giang")
        self.assertEqual(vn_paper.party_organisation("Đảng bộ tỉnh Bắc Giang"), "Đảng bộ tỉnh Bắc Giang")
        self.assertTrue(vn_paper.is_party_committee("Đảng ủy xã Phúc Xuân"))
        self.assertEqual(vn_paper.default_head_title("department", "Phòng Kinh tế và Hạ tầng"), "Trưởng phòng")
        self.assertEqual(vn_paper.default_head_title("department", "Văn phòng Huyện ủy", True), "Chánh Văn phòng")
        self.assertFalse(vn_paper.is_party_committee("Ban Dân vận Huyện ủy"))
        self.assertEqual(vn_paper.strip_superior("Sở Y tế tỉnh Thái Nguyên", "Ủy ban nhân dân tỉnh Thái Nguyên"),
                         "Sở Y tế")
        self.assertEqual(vn_paper.strip_superior("Ban Dân vận Huyện ủy", "Huyện ủy Tân Yên"), "Ban Dân vận")
        self.assertEqual(vn_paper.strip_superior("Báo Thái Nguyên", "Tỉnh ủy Thái Nguyên"), "Báo Thái Nguyên")
        self.assertEqual(vn_paper.place_from_name("Chi nhánh Ngân hàng Chính sách xã hội tỉnh Thái Nguyên"),
                         "Thái Nguyên")
        self.assertEqual(vn_paper.place_from_name("UBND thị xã La Gi"), "La Gi")

    def test_pipeline_helpers(self):
        self.assertEqual(paper_pdf.page_numbers([True, False, False, True, True, False]),
                         [None, 2, 3, None, None, 2])
        html = '<style>.a { font-size: 14pt; width: 50%; margin: -1px 0 }</style><p style="padding: 3pt">14pt</p>'
        self.assertEqual(paper_pdf.scale_css(html, 1.5),
                         '<style>.a { font-size: 21pt; width: 50%; margin: -1.5px 0 }</style>'
                         '<p style="padding: 4.5pt">14pt</p>', "lengths scaled, percentages and text kept")


@tagged("post_install", "-at_install")
class TestPaperFormat(PaperFormatMixin, PaperCase):
    """The bodies of PaperCase, plus: a grouping record above the province's bodies, the
    province's Party committee, a commune's People's Committee and Party committee (no place
    set), a Party board."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org, Partner = cls.env["doithoai.organization"], cls.env["res.partner"]
        commune_level = cls.env.ref("doithoai_module.level_commune").id
        cls.grouping = Org.create({"name": "Tỉnh Thái Nguyên", "kind": "other", "code": "TNG"})
        cls.province.parent_id = cls.grouping
        cls.tu_secretary = Partner.create({"name": "Hoàng Minh Khôi", "function": "Bí thư Tỉnh ủy Thái Nguyên"})
        cls.tinh_uy = Org.create({"name": "Tỉnh ủy Thái Nguyên", "kind": "party", "code": "TU",
                                  "parent_id": cls.grouping.id, "host_id": cls.tu_secretary.id})
        cls.board_head = Partner.create({"name": "Vũ Thị Hồng Vân", "function": "Trưởng Ban Dân vận Tỉnh ủy"})
        cls.board = Org.create({"name": "Ban Dân vận Tỉnh ủy Thái Nguyên", "kind": "department",
                                "code": "BDVTU", "parent_id": cls.tinh_uy.id, "host_id": cls.board_head.id})
        cls.xa_chairman = Partner.create({"name": "Lê Văn Thành", "function": "Chủ tịch UBND xã Phúc Xuân"})
        cls.commune = Org.create({"name": "UBND xã Phúc Xuân", "kind": "government", "code": "UBND",
                                  "parent_id": cls.province.id, "host_id": cls.xa_chairman.id,
                                  "level_id": commune_level})
        cls.xa_secretary = Partner.create({"name": "Ma Thị Quyên", "function": "Bí thư Đảng ủy xã Phúc Xuân"})
        cls.party_commune = Org.create({"name": "Đảng ủy xã Phúc Xuân", "kind": "party", "code": "ĐU",
                                        "parent_id": cls.tinh_uy.id, "host_id": cls.xa_secretary.id,
                                        "level_id": commune_level})
        for user in (cls.officer, cls.leader):
            user.doithoai_organization_ids = [(4, cls.grouping.id)]
        end_request(cls.env)
        cls.env.registry.clear_cache()  # record rules computed with the users' former organisations
        people = cls.env["doithoai.participant.group"].create({"name": "Nhân dân xã Phúc Xuân"})
        cls.commune_dialogue = cls._held_dialogue(
            cls.commune, "Cải tạo đường liên thôn", vn(2023, 9, 8), cls.xa_chairman, [], people)
        cls.party_commune_dialogue = cls._held_dialogue(
            cls.party_commune, "Phát triển chè Tân Cương", vn(2023, 9, 15), cls.xa_secretary, [cls.board], people)
        question = cls.officer_env["doithoai.question"].create({
            "dialogue_id": cls.party_commune_dialogue.id, "asker_ids": [(6, 0, cls.askers[0].ids)],
            "content": "Đề nghị hỗ trợ chứng nhận VietGAP cho hộ trồng chè.", "outcome": "deferred",
            "competent_organization_id": cls.board.id})
        end_request(cls.env)
        cls.party_commune_dialogue.with_env(cls.leader_env)._record_conclusion(date(2023, 9, 20))
        end_request(cls.env)
        cls.board_task = cls.leader_env["doithoai.assignment"].create({
            "name": "Hướng dẫn hộ trồng chè làm hồ sơ VietGAP", "dialogue_id": cls.party_commune_dialogue.id,
            "question_ids": [(6, 0, question.ids)], "organization_id": cls.board.id,
            "notice_date": date(2023, 9, 20)})
        end_request(cls.env)

    def _pdf(self, env, report, records, data=None):
        pdf, kind = env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report, records.ids, data=data)
        end_request(env)
        self.assertEqual(kind, "pdf")
        return pdf

    def test_state_province_papers(self):
        """Plan, invitation, minutes, yearly report of the province; the answer of its department."""
        self._issue(self.officer_env, self.plan, "plan")
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_plan", self.plan),
                                  "plan")
        self.assertHeading(pages[0], "", "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")  # no grouping record above
        self.assertIn("Thái Nguyên, ngày 05 tháng 10 năm 2023", self._text(pages))
        self.assertSignature(pages, ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Trịnh Việt Hùng")
        self.assertWordSize(pages[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.5, 15.5)  # 12-13 pt

        for report, name in (("doithoai_module.action_report_invitation", "invitation"),
                             ("doithoai_module.action_report_minutes", "minutes")):
            pages = self.assertLayout(self._pdf(self.officer_env, report, self.dialogue), name)
            self.assertHeading(pages[0], "", "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")
            self.assertIn("Thái Nguyên, ngày", self._text(pages))
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_yearly",
                                            self.province, data={"year": 2023}), "yearly_report")
        self.assertHeading(pages[0], "", "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")
        self.assertSignature(pages, ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Trịnh Việt Hùng")

        self._issue(self.env(user=self.labour_responder), self.a_labour, "answer")
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_answer",
                                            self.a_labour), "answer")
        self.assertHeading(pages[0], "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI")
        self.assertSignature(pages, [], "GIÁM ĐỐC", "Đặng Thị Lan")

    def test_commune_papers_and_long_place(self):
        """A commune's People's Committee without a place set: the place comes from its name; a
        long place wraps inside its column. A Party commune committee under the province's."""
        self.commune.paper_place = False
        self._issue(self.officer_env, self.commune_dialogue, "invitation", day=date(2023, 9, 1))
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_invitation",
                                            self.commune_dialogue), "commune_invitation")
        self.assertHeading(pages[0], "", "ỦY BAN NHÂN DÂN XÃ PHÚC XUÂN")
        self.assertIn("Phúc Xuân, ngày 01 tháng 9 năm 2023", self._text(pages))
        self.assertSignature(pages, ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Lê Văn Thành")

        self.party_commune.paper_place = "Xã Phúc Xuân, thành phố Thái Nguyên, tỉnh Thái Nguyên"
        end_request(self.env)
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_minutes",
                                            self.party_commune_dialogue), "party_commune_minutes")
        self.assertHeading(pages[0], "ĐẢNG BỘ TỈNH THÁI NGUYÊN", "ĐẢNG ỦY XÃ PHÚC XUÂN", party=True)
        self.assertIn("Xã Phúc Xuân, thành phố Thái Nguyên, tỉnh Thái Nguyên, ngày", self._text(pages),
                      "a long place printed whole (wrapped), never clipped")
        self.assertWordSize(pages[0], "ĐẢNG CỘNG SẢN VIỆT NAM", 16.3, 18.3)  # 15 pt
        self.assertWordSize(pages[0], "ĐẢNG ỦY XÃ PHÚC XUÂN", 15.2, 17.2)  # 14 pt
        self.assertWordSize(pages[0], "BIÊN BẢN", 17.5, 19.5)  # 16 pt

    def test_party_papers(self):
        """The province's Party committee (no superior: its parent is a grouping record), a
        district committee under its Party organisation, a Party board's letter in Party format."""
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_yearly",
                                            self.tinh_uy, data={"year": 2023}), "party_province_report")
        self.assertHeading(pages[0], "", "TỈNH ỦY THÁI NGUYÊN", party=True)
        self.assertIn("Thái Nguyên, ngày", self._text(pages))
        self.assertSignature(pages, ["T/M BAN THƯỜNG VỤ"], "BÍ THƯ", "Hoàng Minh Khôi")

        self._issue(self.officer_env, self.party_plan, "plan")
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_plan",
                                            self.party_plan), "party_district_plan")
        self.assertHeading(pages[0], "ĐẢNG BỘ TỈNH BẮC GIANG", "HUYỆN ỦY TÂN YÊN", party=True)
        self.assertIn("Tân Yên, ngày 02 tháng 3 năm 2023", self._text(pages))
        self.assertSignature(pages, ["T/M BAN THƯỜNG VỤ"], "BÍ THƯ", "Lâm Thị Hương Thành")

        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_answer",
                                            self.board_task), "party_board_letter")
        self.assertHeading(pages[0], "TỈNH ỦY THÁI NGUYÊN", "BAN DÂN VẬN", party=True)
        self.assertIn("-CV/BDVTU", self._text(pages[:1]))
        self.assertSignature(pages, [], "TRƯỞNG BAN", "Vũ Thị Hồng Vân")
        self.assertIn("Thái Nguyên, ngày", self._text(pages))
        # a board recorded as a Party body, without head nor place: under its committee, the place
        # of the committee, the default position
        pages = self.assertLayout(self._pdf(self.officer_env, "doithoai_module.action_report_answer",
                                            self.a_party), "party_board_letter_district")
        self.assertHeading(pages[0], "HUYỆN ỦY TÂN YÊN", "BAN DÂN VẬN", party=True)
        self.assertIn("Tân Yên, ngày", self._text(pages))

    def test_notice_300_questions_issued_and_reprinted(self):
        """300 questions: many pages, numbered; no line sliced; the table headers repeated; the
        issued PDF (numbers stamped before it is kept) is what a reprint returns, byte for byte."""
        dialogue = self._held_dialogue(self.province, "Hội nghị đối thoại lớn", vn(2023, 11, 3),
                                       self.chairman, [self.labour, self.health],
                                       self.env["doithoai.participant.group"])
        questions = self.officer_env["doithoai.question"].create([{
            "dialogue_id": dialogue.id, "asker_ids": [(6, 0, self.askers[i % 3].ids)],
            "content": f"Ý kiến số {i}: đề nghị xem xét hỗ trợ hộ nghèo, cận nghèo và nâng cấp đường "
                       f"giao thông nông thôn thôn {i}" + (", kèm theo nhiều nội dung chi tiết" * (i % 4)) + ".",
            "outcome": "answered" if i % 2 else "deferred",
            "answer": "Đã giải đáp tại hội nghị." if i % 2 else False,
            "answered_by_id": self.answerer.id if i % 2 else False,
        } for i in range(300)])
        end_request(self.env)
        dialogue.with_env(self.leader_env)._record_conclusion(date(2023, 11, 10))
        self.leader_env["doithoai.assignment"].create([{
            "name": f"Giải quyết ý kiến số {i}", "dialogue_id": dialogue.id,
            "question_ids": [(6, 0, q.ids)], "organization_id": self.labour.id, "notice_date": date(2023, 11, 10),
        } for i, q in enumerate(questions) if not i % 2])
        end_request(self.env)
        entry = self._issue(self.leader_env, dialogue, "notice")
        stored = entry.attachment_id.raw
        reprint = self._pdf(self.officer_env, "doithoai_module.action_report_conclusion_notice", dialogue)
        self.assertEqual(reprint, stored, "a reprint is the issued PDF, byte for byte")
        pages = self.assertLayout(stored, "notice_300")
        self.assertGreater(len(pages), 10)
        self.assertHeading(pages[0], "", "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")
        self.assertIn("Thái Nguyên, ngày 10 tháng 11 năm 2023", self._text(pages[:1]))
        self.assertSignature(pages, ["TM. ỦY BAN NHÂN DÂN"], "CHỦ TỊCH", "Trịnh Việt Hùng")
        text = self._text(pages)
        self.assertIn("Ý kiến số 299:", text)
        self.assertIn("Giải quyết ý kiến số 298", text)
        # Every page that carries rows of a table has its header row above them.
        row = re.compile(r"^(Giải quyết ý kiến số \d+|Ý kiến số \d+:)")
        headed = 0
        for index, page in enumerate(pages[1:], 2):
            rows = [line[2] for line in page["lines"] if row.match(line[0])]
            if not rows:
                continue
            headers = [w[2] for w in page["words"] if w[0] == "STT"]
            self.assertTrue(headers and min(headers) < min(rows),
                            f"page {index}: the table's header row repeated above its rows")
            headed += 1
        self.assertGreater(headed, 8)
