"""The published results over HTTP, without an account: published dialogues only, never a
confidential question or an asker."""
from odoo.tests import HttpCase, tagged

from .common import DoithoaiCase, vn

SECRET = "Tố cáo trưởng thôn nhận tiền hỗ trợ sai quy định"


@tagged("post_install", "-at_install")
class TestPublicResults(DoithoaiCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.published = cls._dialogue(vn(2026, 11, 10, 8), name="Đối thoại về đường giao thông nông thôn")
        cls.question = cls._question(cls.published, "Khi nào sửa đường liên thôn Hòa Bình?")
        cls.secret = cls._question(cls.published, SECRET)
        cls.secret.with_user(cls.leader).write({"confidential": True})
        cls._hold(cls.published)
        cls.question.with_user(cls.officer).write({"outcome": "answered", "answer": "Quý I năm 2027 sẽ sửa."})
        cls.assignment = cls._assignment(cls.published, vn(2026, 11, 20).date(), name="Sửa đường liên thôn")
        cls.published.with_user(cls.leader).action_publish_results()
        cls.hidden = cls._dialogue(vn(2026, 11, 12, 8), name="Đối thoại chưa công bố")
        cls._hold(cls.hidden)
        cls.end_request()

    def test_anonymous_reads_published_only(self):
        listing = self.url_open("/doithoai")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Đối thoại về đường giao thông nông thôn", listing.text)
        self.assertNotIn("Đối thoại chưa công bố", listing.text)

        page = self.url_open(f"/doithoai/{self.published.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Khi nào sửa đường liên thôn Hòa Bình?", page.text)
        self.assertIn("Quý I năm 2027 sẽ sửa.", page.text)
        self.assertIn("Sửa đường liên thôn", page.text)
        self.assertNotIn(SECRET, page.text)
        self.assertNotIn(self.asker_a.name, page.text)
        self.assertNotIn("noindex", page.headers.get("X-Robots-Tag", ""))

        self.assertEqual(self.url_open(f"/doithoai/{self.hidden.id}").status_code, 404)
        self.assertEqual(self.url_open("/doithoai/999999").status_code, 404)

        org = self.url_open(f"/doithoai/org/{self.commune.id}")
        self.assertEqual(org.status_code, 200)
        self.assertIn("2026", org.text)
        self.assertNotIn(SECRET, org.text)

    def test_unpublished_org_is_404(self):
        self.assertEqual(self.url_open(f"/doithoai/org/{self.agency.id}").status_code, 404)
