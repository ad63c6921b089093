"""Signing an issued paper (Decree 30/2020, Appendix I, electronic documents).

A leader signs an issued paper in one action: pyHanko signs the frozen PDF twice, with the
signer's certificate (signature image) and the organisation's (seal) — tools/pades.py. The
signed bytes become the paper: every download and print returns them (the register's
`_paper_attachment`); a signed paper is never re-rendered, a correction is a new issue.
"""
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import pades


class DoithoaiPaperNumber(models.Model):
    _inherit = "doithoai.paper.number"

    signed_attachment_id = fields.Many2one("ir.attachment", string="Signed PDF", readonly=True,
                                           ondelete="restrict", copy=False)
    signed_by_id = fields.Many2one("res.users", string="Signed By", readonly=True, ondelete="set null", copy=False)
    signed_on = fields.Datetime(string="Signed On", readonly=True, copy=False)
    is_signed = fields.Boolean(compute="_compute_is_signed")

    def _compute_is_signed(self):
        for entry in self:
            entry.is_signed = bool(entry.signed_attachment_id)

    def _paper_attachment(self):
        """The paper's PDF as it stands: signed when signed, else as issued."""
        self.ensure_one()
        return self.signed_attachment_id or self.attachment_id

    def _check_may_sign(self):
        self.ensure_one()
        if not self.env.user.has_group("doithoai_module.group_doithoai_manager"):
            raise AccessError(self.env._("Only a leader may sign issued papers."))
        self.check_access("read")
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("write" if self.paper_type != "report" else "read")
        self._check_confidential_reader(record, self.paper_type)
        if self.state != "issued":
            raise UserError(self.env._("%s was replaced by a correction: sign the new issue.", self.name))
        if self.signed_attachment_id:
            raise UserError(self.env._("%s is already signed: a correction is a new issue.", self.name))
        if not self.attachment_id:
            raise UserError(self.env._("%s has no stored PDF to sign.", self.name))
        return record

    def _signing_certificates(self):
        Certificate = self.env["doithoai.certificate"].sudo()
        if not self.signer_id:
            raise UserError(self.env._("%s has no signer: issue it again with its signer.", self.name))
        signer = Certificate.search([("kind", "=", "signer"), ("partner_id", "=", self.signer_id.id),
                                     ("has_key", "=", True)], order="not_after desc", limit=1)
        if not signer:
            raise UserError(self.env._("%s has no digital certificate: the administrator uploads it first "
                                       "(Configuration → Digital Certificates).", self.signer_id.name))
        seal = Certificate.search([("kind", "=", "organization"), ("organization_id", "=", self.organization_id.id),
                                   ("has_key", "=", True)], order="not_after desc", limit=1)
        if not seal:
            raise UserError(self.env._("%s has no digital certificate (seal): the administrator uploads it "
                                       "first.", self.organization_id.name))
        for cert in signer | seal:
            if not cert.image:
                raise UserError(self.env._("The certificate of %s has no signature or seal image.",
                                           cert.display_name))
        return signer, seal

    def action_sign(self):
        """Sign the issued PDF (PAdES, signer + organisation) and keep the signed bytes."""
        self.ensure_one()
        self._check_may_sign()
        self._sign()
        return True

    def _sign(self):
        """Sign with the stored certificates (the rules were checked by the caller)."""
        signer, seal = self._signing_certificates()
        signer_p12, signer_password = signer._signing_material()
        seal_p12, seal_password = seal._signing_material()
        tsa_url = self.env["ir.config_parameter"].sudo().get_param("doithoai_module.tsa_url") or None
        now = fields.Datetime.now()
        try:
            signed, _page, _sign_box, _seal_box = pades.sign_paper(
                self.attachment_id.sudo().raw, signer_name=self.signer_id.name,
                organization_name=self.organization_id._paper_name(),
                signer_p12=signer_p12, signer_password=signer_password,
                seal_p12=seal_p12, seal_password=seal_password,
                signature_png=signer.sudo()._image_bytes(), seal_png=seal.sudo()._image_bytes(),
                tsa_url=tsa_url, moment=fields.Datetime.context_timestamp(self, now))
        except pades.SignatureError:
            raise UserError(self.env._("The signer's full name (%s) is not on the paper: the signature "
                                       "has no place.", self.signer_id.name)) from None
        name = (self.attachment_id.name or f"{self.name}.pdf").removesuffix(".pdf") + " (signed).pdf"
        attachment = self.env["ir.attachment"].sudo().create({
            "name": name, "raw": signed, "mimetype": "application/pdf",
            "res_model": self._name, "res_id": self.id,
        })
        self.sudo().write({"signed_attachment_id": attachment.id, "signed_by_id": self.env.user.id,
                           "signed_on": now})

    def action_send_signed(self):
        """The mail composer on the paper's record, the signed PDF attached, to the agencies."""
        self.ensure_one()
        if not self.signed_attachment_id:
            raise UserError(self.env._("Sign %s first: agencies receive the signed paper.", self.name))
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("read")
        partners = record._doithoai_paper_recipients() if hasattr(record, "_doithoai_paper_recipients") \
            else self.env["res.partner"]
        return {
            "type": "ir.actions.act_window", "res_model": "mail.compose.message", "view_mode": "form",
            "target": "new", "views": [(False, "form")],
            "context": {
                "default_model": self.res_model, "default_res_ids": [self.res_id],
                "default_composition_mode": "comment", "default_subject": f"{self.name} - {self.summary or ''}",
                "default_attachment_ids": [(6, 0, self.signed_attachment_id.ids)],
                "default_partner_ids": [(6, 0, partners.ids)],
            },
        }



class DoithoaiDialogue(models.Model):
    _inherit = "doithoai.dialogue"

    def action_sign_conclusion_notice(self):
        """The leader signs the issued conclusion notice from the dialogue, in one action."""
        self.ensure_one()
        entry = self.env["doithoai.paper.number"]._current(self, "notice")
        if not entry:
            raise UserError(self.env._("Issue the conclusion notice of “%s” first: only an issued paper is "
                                       "signed.", self.name))
        entry.with_env(self.env).action_sign()
        return {"type": "ir.actions.act_window", "res_model": "doithoai.paper.number", "res_id": entry.id,
                "views": [(False, "form")], "target": "current"}
