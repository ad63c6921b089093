"""Signed papers (PAdES): a leader signs the issued notice with the signer's and the
organisation's certificates; pyHanko's own validator checks it; downloads return it."""
import base64
import re
import subprocess
from datetime import datetime, timedelta, timezone

from cryptography.hazmat.primitives import serialization

from odoo.exceptions import AccessError, UserError
from odoo.service.model import get_public_method
from odoo.tests import tagged

from ..tools import demo_pki, pades
from .common import end_request
from . import test_paper_register as register
from .test_papers import PaperCase

NOTICE = "doithoai_module.action_report_conclusion_notice"


@tagged("post_install", "-at_install")
class TestPaperSignature(PaperCase):
    _print = register.TestPaperRegister._print
    _issue = register.TestPaperRegister._issue

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.viewer = cls._user("Người xem", "papers_viewer", "viewer", cls.province | cls.party_province)
        cls.admin_user = cls._user("Quản trị Chữ ký", "papers_sign_admin", "admin", cls.province)
        # the chairman's own login: a leader signs only as themselves (the leader of PaperCase
        # bears the same name but is another person)
        cls.chairman_user = cls.env["res.users"].with_context(no_reset_password=True).create({
            "partner_id": cls.chairman.id, "login": "papers_chairman", "tz": "Asia/Ho_Chi_Minh",
            "group_ids": [(6, 0, [cls.env.ref("doithoai_module.group_doithoai_manager").id])],
            "doithoai_organization_ids": [(6, 0, (cls.province | cls.party_province).ids)],
        })
        cls.ca = demo_pki.make_ca("Test CA")
        cls.root = cls.ca[1].public_bytes(serialization.Encoding.DER)

    def _upload(self, kind, p12, partner=None, password="demo"):
        vals = {"kind": kind, "organization_id": self.province.id,
                "image": base64.b64encode(demo_pki.signature_png() if kind == "signer" else demo_pki.seal_png()),
                "pkcs12_file": base64.b64encode(p12), "pkcs12_password": password}
        if partner:
            vals["partner_id"] = partner.id
        cert = self.env["doithoai.certificate"].with_user(self.admin_user).create(vals)
        end_request(self.env)
        return cert

    def _certificates(self):
        self._upload("signer", demo_pki.make_pkcs12(self.ca, self.chairman.name, self.province.name),
                     self.chairman)
        self._upload("organization", demo_pki.make_pkcs12(self.ca, self.province.name, self.province.name))

    def test_sign_validate_tamper_download(self):
        self._certificates()
        entry = self._issue(self.leader, self.dialogue, "notice")
        issued = entry.attachment_id.raw
        with self.assertRaises(AccessError):
            entry.with_user(self.officer).action_sign()
        # another leader may not sign with the signer's certificate: one signs only as oneself
        with self.assertRaisesRegex(AccessError, "only as yourself"):
            self.dialogue.with_user(self.leader).action_sign_conclusion_notice()
        end_request(self.env)
        self.assertFalse(entry.signed_attachment_id)
        # the signer, logged in, signs from the dialogue, in one action
        self.dialogue.with_user(self.chairman_user).action_sign_conclusion_notice()
        end_request(self.env)
        self.assertEqual(entry.signed_by_id, self.chairman_user)
        self.assertTrue(entry.signed_on)
        self.assertEqual(entry.attachment_id.raw, issued, "the issued PDF stays")
        signed = entry.signed_attachment_id.raw
        self.assertNotEqual(signed, issued)
        results = pades.validate(signed, [self.root])
        self.assertEqual([r["field"] for r in results], [pades.SIGNER_FIELD, pades.SEAL_FIELD])
        for result in results:
            self.assertTrue(result["intact"] and result["valid"] and result["trusted"], result)
        self.assertEqual(results[0]["signer"], self.chairman.name)
        self.assertEqual(results[1]["signer"], self.province.name)
        self.assertEqual(results[1]["coverage"], "ENTIRE_FILE", "unchanged since the last signature")
        self.assertTrue(results[0]["time"].endswith("+07:00"))
        # both appearances on the page of the signer's name, the seal over the left third
        page, x0, y0, x1, y1 = pades.find_name(issued, self.chairman.name)
        sign, seal = results[0]["rect"], results[1]["rect"]
        self.assertEqual((results[0]["page"], results[1]["page"]), (page, page))
        self.assertGreater(sign[1], y1 - 1, "the signature stands above the name")
        self.assertLess(sign[0], x0 + 1)
        self.assertGreater(sign[2], x1 - 1)
        self.assertAlmostEqual(seal[2] - sign[0], (sign[2] - sign[0]) / 3, delta=1)
        # every download returns the signed bytes, never a new rendering
        self.assertEqual(self._print(self.viewer, NOTICE, self.dialogue), signed)
        self.assertIn(str(entry.signed_attachment_id.id), entry.with_user(self.leader).action_download()["url"])
        with self.assertRaises(UserError):
            entry.with_user(self.chairman_user).action_sign()
        action = entry.with_user(self.leader).action_send_signed()
        self.assertEqual(action["context"]["default_attachment_ids"], [(6, 0, entry.signed_attachment_id.ids)])
        # one byte changed inside the signed range: the validator says so
        tampered = bytearray(signed)
        at = len(issued) // 2
        tampered[at] = tampered[at] ^ 0x01
        try:
            broken = pades.validate(bytes(tampered), [self.root])
        except ValueError:
            broken = []
        self.assertFalse(broken and all(r["intact"] and r["valid"] for r in broken))

    def test_appendix_sealed_at_top_right_with_the_notice_number(self):
        self._certificates()
        notice = self._issue(self.leader, self.dialogue, "notice")
        appendix = self._issue(self.leader, self.dialogue, "appendix")
        issued = appendix.attachment_id.raw
        self.dialogue.with_user(self.chairman_user).action_sign_conclusion_notice()
        end_request(self.env)
        self.assertTrue(notice.signed_attachment_id)
        self.assertTrue(appendix.signed_attachment_id, "the appendix is signed with its notice")
        self.assertEqual(appendix.signed_by_id, self.chairman_user)
        signed = appendix.signed_attachment_id.raw
        results = pades.validate(signed, [self.root])
        self.assertEqual(len(results), 1, "the organisation's signature alone")
        seal = results[0]
        self.assertEqual(seal["field"], pades.APPENDIX_FIELD)
        self.assertTrue(seal["intact"] and seal["valid"] and seal["trusted"], seal)
        self.assertEqual((seal["signer"], seal["coverage"]), (self.province.name, "ENTIRE_FILE"))
        self.assertTrue(seal["time"].endswith("+07:00"))
        # at the top right of page 1, in the top margin (above the first line of the paper)
        self.assertEqual(seal["page"], 0)
        x0, y0, x1, y1 = seal["rect"]
        self.assertAlmostEqual(x1, 595 - pades.APPENDIX_RIGHT, delta=1)
        self.assertAlmostEqual(y1, 842 - pades.APPENDIX_TOP, delta=1)
        self.assertGreater(x0, 595 / 2 - 60)
        words = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=issued,
                               capture_output=True, check=True).stdout.decode()
        first_line_top = min(float(top) for top in re.findall(r'yMin="([^"]*)"', words))
        self.assertGreater(y0, 842 - first_line_top, "in the top margin, over no text of the paper")
        # with the number and date of the main paper
        reference = f"Kèm theo Thông báo số {notice.name} ngày {notice.date.strftime('%d/%m/%Y')}"
        self.assertEqual(seal["reason"], reference)
        # the appendix stays with who may see it: not its row, not its PDFs, not by e-mail
        for user in (self.officer, self.viewer):
            with self.assertRaises(AccessError):
                appendix.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                appendix.signed_attachment_id.with_user(user).read(["datas"])
        self.assertEqual(appendix.with_user(self.leader).read(["name"])[0]["name"], appendix.name)
        with self.assertRaisesRegex(UserError, "confidential"):
            appendix.with_user(self.leader).action_send_signed()
        action = notice.with_user(self.leader).action_send_signed()
        self.assertEqual(action["context"]["default_attachment_ids"], [(6, 0, notice.signed_attachment_id.ids)])

    def test_appendix_signed_alone_by_a_leader(self):
        """An appendix carries the organisation's signature only: any leader of the organisation
        who may see it signs it, not an officer."""
        self._certificates()
        self._issue(self.leader, self.dialogue, "notice")
        appendix = self._issue(self.leader, self.dialogue, "appendix")
        with self.assertRaises(AccessError):
            appendix.with_user(self.officer).action_sign()
        appendix.with_user(self.leader).action_sign()
        end_request(self.env)
        self.assertEqual(appendix.signed_by_id, self.leader)
        self.assertEqual([r["field"] for r in pades.validate(appendix.signed_attachment_id.raw, [self.root])],
                         [pades.APPENDIX_FIELD])

    def test_expired_and_foreign_certificates_refused(self):
        now = datetime.now(timezone.utc)
        expired = demo_pki.make_pkcs12(self.ca, self.chairman.name, self.province.name,
                                       not_before=now - timedelta(days=400), not_after=now - timedelta(days=1))
        with self.assertRaisesRegex(UserError, "expired"):
            self._upload("signer", expired, self.chairman)
        future = demo_pki.make_pkcs12(self.ca, self.chairman.name, self.province.name,
                                      not_before=now + timedelta(days=3), not_after=now + timedelta(days=30))
        with self.assertRaisesRegex(UserError, "not valid yet"):
            self._upload("signer", future, self.chairman)
        other = demo_pki.make_pkcs12(self.ca, "Nguyễn Văn Khác", self.province.name)
        with self.assertRaisesRegex(UserError, "belongs to"):
            self._upload("signer", other, self.chairman)
        with self.assertRaisesRegex(UserError, "password"):
            self._upload("signer", demo_pki.make_pkcs12(self.ca, self.chairman.name, "x"), self.chairman,
                         password="wrong")

    def test_key_never_read_back(self):
        uploaded = self._upload("signer", demo_pki.make_pkcs12(self.ca, self.chairman.name, self.province.name),
                                self.chairman)
        cert = self.env["doithoai.certificate"].with_user(self.admin_user).browse(uploaded.id)
        self.assertTrue(cert.has_key)
        self.env.invalidate_all()  # a later request: nothing of the upload is left in memory
        values = cert.read()[0]
        self.assertNotIn("secret", values)
        self.assertFalse(values["pkcs12_file"])
        self.assertFalse(values["pkcs12_password"])
        self.assertNotIn("secret", cert._fields, "no field: no RPC, export or view reads it")
        with self.assertRaises(AccessError):  # a private method: RPC refuses to call it
            get_public_method(cert.with_user(self.admin_user), "_signing_material")
        self.env.cr.execute("SELECT secret FROM doithoai_certificate WHERE id = %s", [cert.id])
        self.assertNotIn(b"demo", bytes(self.env.cr.fetchone()[0]), "stored encrypted")
