"""Digital certificates of organisations (the seal) and signers, for signing issued papers.

The PKCS#12 file and its password are uploaded once and never read back by anyone: they are
not an ORM field (a column written and read by SQL only, in `_signing_material`, called by
the signing method), and they are encrypted with a server key kept outside the database
(`doithoai_certificate_key` in the server config, else a key file in the data directory), so
neither the interface, RPC, an export nor a database dump gives the key.
"""
import base64
import json
import os
import unicodedata
from datetime import datetime, timezone

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, config

from ..tools import pades


def _plain(text):
    return " ".join(unicodedata.normalize("NFC", text or "").casefold().split())


def _attr(name, oid):
    values = name.get_attributes_for_oid(oid)
    return values[0].value if values else ""


class DoithoaiCertificate(models.Model):
    _name = "doithoai.certificate"
    _description = "Digital Certificate"
    _order = "kind, organization_id, partner_id, not_after desc"

    kind = fields.Selection([("organization", "Organisation (seal)"), ("signer", "Signer")],
                            required=True, default="signer")
    organization_id = fields.Many2one("doithoai.organization", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Signer", index=True, ondelete="cascade",
                                 help="The person the certificate belongs to (signer certificates).")
    active = fields.Boolean(default=True)
    image = fields.Binary(string="Signature or Seal Image", attachment=True,
                          help="PNG with a transparent background: the blue handwritten signature, "
                               "or the red seal at its real size.")
    pkcs12_file = fields.Binary(string="PKCS#12 File", compute="_compute_upload", inverse="_inverse_upload",
                                help="Uploaded once; it is kept encrypted and never shown again.")
    pkcs12_password = fields.Char(string="PKCS#12 Password", compute="_compute_upload", inverse="_inverse_upload")
    has_key = fields.Boolean(string="Key Stored", readonly=True)
    subject = fields.Char(readonly=True)
    subject_common_name = fields.Char(string="Common Name", readonly=True)
    subject_organization = fields.Char(string="Subject Organisation", readonly=True)
    issuer = fields.Char(readonly=True)
    serial = fields.Char(string="Serial Number", readonly=True)
    not_before = fields.Datetime(string="Valid From", readonly=True)
    not_after = fields.Datetime(string="Valid Until", readonly=True)
    chain_pem = fields.Text(string="Certificate Chain", readonly=True,
                            help="The certificate and its issuers (public parts only): the trust roots of "
                                 "the verification page.")

    @api.depends("kind")
    def _compute_display_name(self):
        for cert in self:
            cert.display_name = cert.subject_common_name or cert.partner_id.name or cert.organization_id.name or ""

    def _compute_upload(self):
        for cert in self:
            cert.pkcs12_file = False
            cert.pkcs12_password = False

    def _inverse_upload(self):
        for cert in self:
            if cert.pkcs12_file:
                cert._store_pkcs12(base64.b64decode(cert.pkcs12_file), cert.pkcs12_password or "")

    def _auto_init(self):
        res = super()._auto_init()
        # Not an ORM field on purpose: no group, not even an administrator, reads it over RPC.
        if not tools.sql.column_exists(self.env.cr, self._table, "secret"):
            tools.sql.create_column(self.env.cr, self._table, "secret", "bytea")
        return res

    # ------------------------------------------------------------------
    @api.model
    def _server_fernet(self):
        key = config.get("doithoai_certificate_key")
        if not key:
            path = os.path.join(config["data_dir"], "doithoai_certificate.key")
            if not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                try:  # the first worker to need it writes it; the others read that one
                    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
                        handle.write(Fernet.generate_key())
                except FileExistsError:
                    pass
            with open(path, "rb") as handle:
                key = handle.read().strip()
        return Fernet(key)

    def _store_pkcs12(self, data, password):
        self.ensure_one()
        try:
            _key, cert, extra = pades.load_pkcs12(data, password)
        except ValueError:
            raise UserError(self.env._("This file cannot be opened with this password: upload a PKCS#12 "
                                       "(.p12/.pfx) file with its password.")) from None
        self._check_validity(cert.not_valid_before_utc, cert.not_valid_after_utc)
        common_name = _attr(cert.subject, NameOID.COMMON_NAME)
        organization = _attr(cert.subject, NameOID.ORGANIZATION_NAME)
        self._check_owner(common_name, organization)
        secret = self._server_fernet().encrypt(json.dumps({
            "p12": base64.b64encode(data).decode(), "password": password}).encode())
        self.env.cr.execute(SQL("UPDATE doithoai_certificate SET secret = %s WHERE id = %s", secret, self.id))
        pem = serialization.Encoding.PEM
        self.sudo().write({
            "has_key": True,
            "subject": cert.subject.rfc4514_string(),
            "subject_common_name": common_name,
            "subject_organization": organization,
            "issuer": cert.issuer.rfc4514_string(),
            "serial": format(cert.serial_number, "X"),
            "not_before": cert.not_valid_before_utc.replace(tzinfo=None),
            "not_after": cert.not_valid_after_utc.replace(tzinfo=None),
            "chain_pem": "".join(c.public_bytes(pem).decode() for c in [cert] + list(extra)),
        })

    def _check_validity(self, not_before, not_after):
        now = datetime.now(timezone.utc)
        if not_after <= now:
            raise UserError(self.env._("This certificate expired on %s: it cannot sign any more.",
                                       pades.local_iso(not_after)))
        if not_before > now:
            raise UserError(self.env._("This certificate is not valid yet (from %s).", pades.local_iso(not_before)))

    def _check_owner(self, common_name, organization):
        """The subject must name who signs: the signer's full name, or the organisation."""
        if self.kind == "signer":
            if not self.partner_id:
                raise UserError(self.env._("Choose the signer this certificate belongs to."))
            if _plain(common_name) != _plain(self.partner_id.name):
                raise UserError(self.env._(
                    "This certificate belongs to “%(owner)s”, not to %(signer)s: upload the signer's own "
                    "certificate.", owner=common_name, signer=self.partner_id.name))
        else:
            names = {_plain(self.organization_id.name), _plain(self.organization_id.paper_name)} - {""}
            if not names & {_plain(common_name), _plain(organization)}:
                raise UserError(self.env._(
                    "This certificate belongs to “%(owner)s”, not to the organisation %(org)s.",
                    owner=organization or common_name, org=self.organization_id.name))

    def _signing_material(self):
        """(PKCS#12 bytes, password), for the signing method only (never over RPC: private)."""
        self.ensure_one()
        if self.not_after and fields.Datetime.now() >= self.not_after:
            raise UserError(self.env._("The certificate of %(owner)s expired on %(day)s: upload a new one.",
                                       owner=self.display_name, day=self.not_after))
        self.env.cr.execute(SQL("SELECT secret FROM doithoai_certificate WHERE id = %s", self.id))
        row = self.env.cr.fetchone()
        if not row or not row[0]:
            raise UserError(self.env._("The certificate of %s has no key stored.", self.display_name))
        try:
            stored = json.loads(self._server_fernet().decrypt(bytes(row[0])))
        except InvalidToken:
            raise UserError(self.env._("The key of %s was stored with another server key: upload the "
                                       "certificate again.", self.display_name)) from None
        return base64.b64decode(stored["p12"]), stored["password"]

    def _check_image(self):
        for cert in self:
            if not cert.image:
                raise UserError(self.env._("The certificate of %s has no signature or seal image.",
                                           cert.display_name))
        return self

    def _image_bytes(self):
        self.ensure_one()
        return base64.b64decode(self.image)

    @api.model
    def _trust_roots(self):
        """The public certificates of every stored chain (the verification page trusts those)."""
        from cryptography import x509
        roots = []
        for chain in self.sudo().with_context(active_test=False).search([]).mapped("chain_pem"):
            for cert in x509.load_pem_x509_certificates((chain or "").encode()) if chain else []:
                if cert.issuer == cert.subject:
                    roots.append(cert.public_bytes(serialization.Encoding.DER))
        return list(dict.fromkeys(roots))

    @api.model
    def _demo_sign_notice(self, dialogue_xmlid):
        """Demo: a demo authority, certificates saying plainly they are NOT REAL for the host and
        the organisation of the dialogue, its conclusion notice issued and signed."""
        from ..tools import demo_pki
        dialogue = self.env.ref(dialogue_xmlid)
        Number = self.env["doithoai.paper.number"].sudo()
        entry = Number._current(dialogue, "notice") or Number._issue_paper(dialogue, "notice")
        if entry.signed_attachment_id:
            return
        organization = entry.organization_id
        ca = demo_pki.make_ca()
        for kind, partner, name, image in (
                ("signer", entry.signer_id, entry.signer_id.name, demo_pki.signature_png()),
                ("organization", False, organization.name, demo_pki.seal_png())):
            cert = self.sudo().create({"kind": kind, "organization_id": organization.id,
                                       "partner_id": partner and partner.id, "image": base64.b64encode(image)})
            cert._store_pkcs12(demo_pki.make_pkcs12(ca, name, organization.name), "demo")
        # signed by the signer's own login (a leader signs only as themselves)
        user = self.env["res.users"].sudo().search([("partner_id", "=", entry.signer_id.id)], limit=1)
        entry.with_user(user or self.env.user)._sign()
