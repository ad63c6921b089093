"""Signing an issued paper (Decree 30/2020, Appendix I, electronic documents).

A leader signs an issued paper in one action: pyHanko signs the frozen PDF twice, with the
signer's certificate (signature image) and the organisation's (seal) — tools/pades.py. The
signed bytes become the paper: every download and print returns them (the register's
`_paper_attachment`); a signed paper is never re-rendered, a correction is a new issue.
"""
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import pades, vn_paper


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
        """A leader signs as themselves: the paper's signer is the user's own person, whose own
        certificate signs it. The organisation's seal is used by any leader of the organisation:
        alone on an appendix, which carries only the organisation's signature."""
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
        if self.paper_type != "appendix":
            if not self.signer_id:
                raise UserError(self.env._("%s has no signer: issue it again with its signer.", self.name))
            if self.signer_id != self.env.user.partner_id:
                raise AccessError(self.env._(
                    "You sign only as yourself: %(paper)s is signed by %(signer)s, with their own "
                    "certificate; log in as %(signer)s to sign it.", paper=self.name, signer=self.signer_id.name))
        return record

    def _signer_certificate(self):
        """The certificate of the signer, who is the user signing (checked by _check_may_sign)."""
        signer = self.env["doithoai.certificate"].sudo().search([
            ("kind", "=", "signer"), ("partner_id", "=", self.signer_id.id), ("has_key", "=", True)],
            order="not_after desc", limit=1)
        if not signer:
            raise UserError(self.env._("%s has no digital certificate: the administrator uploads it first "
                                       "(Configuration → Digital Certificates).", self.signer_id.name))
        return signer._check_image()

    def _seal_certificate(self):
        seal = self.env["doithoai.certificate"].sudo().search([
            ("kind", "=", "organization"), ("organization_id", "=", self.organization_id.id),
            ("has_key", "=", True)], order="not_after desc", limit=1)
        if not seal:
            raise UserError(self.env._("%s has no digital certificate (seal): the administrator uploads it "
                                       "first.", self.organization_id.name))
        return seal

    def action_sign(self):
        """Sign the issued PDF (PAdES, signer + organisation) and keep the signed bytes; an appendix
        gets the organisation's signature alone."""
        self.ensure_one()
        self._check_may_sign()
        self._sign()
        return True

    def _tsa_url(self):
        return self.env["ir.config_parameter"].sudo().get_param("doithoai_module.tsa_url") or None

    def _sign(self):
        """Sign with the stored certificates (the rules were checked by the caller). Signing a
        notice also signs its confidential appendix, when the user may see it."""
        if self.paper_type == "appendix":
            return self._seal_appendix()
        signer = self._signer_certificate()
        seal = self._seal_certificate()._check_image()
        signer_p12, signer_password = signer._signing_material()
        seal_p12, seal_password = seal._signing_material()
        now = fields.Datetime.now()
        try:
            signed, _page, _sign_box, _seal_box = pades.sign_paper(
                self.attachment_id.sudo().raw, signer_name=self.signer_id.name,
                organization_name=self.organization_id._paper_name(),
                signer_p12=signer_p12, signer_password=signer_password,
                seal_p12=seal_p12, seal_password=seal_password,
                signature_png=signer.sudo()._image_bytes(), seal_png=seal.sudo()._image_bytes(),
                tsa_url=self._tsa_url(), moment=fields.Datetime.context_timestamp(self, now))
        except pades.SignatureError:
            raise UserError(self.env._("The signer's full name (%s) is not on the paper: the signature "
                                       "has no place.", self.signer_id.name)) from None
        self._keep_signed(signed, now)
        if self.paper_type == "notice":
            record = self.env[self.res_model].browse(self.res_id)
            appendix = self._current(record, "appendix")
            if appendix.attachment_id and not appendix.signed_attachment_id \
                    and self.env["doithoai.question"]._can_print_confidential():
                appendix.with_env(self.env)._seal_appendix()

    def _seal_appendix(self):
        """The appendix: the organisation's signature at the top right of its first page, with
        the number and date of its notice (Decree 30, Appendix I)."""
        record = self.env[self.res_model].browse(self.res_id)
        notice = self._current(record, "notice")
        if not notice:
            raise UserError(self.env._("Issue the conclusion notice of “%s” first: its confidential "
                                       "appendix cites the notice's number and date.", record.name))
        seal_p12, seal_password = self._seal_certificate()._signing_material()
        now = fields.Datetime.now()
        signed, _box = pades.seal_appendix(
            self.attachment_id.sudo().raw, organization_name=self.organization_id._paper_name(),
            main_reference=f"Kèm theo Thông báo số {notice.name} ngày {vn_paper.short_date(notice.date)}",
            seal_p12=seal_p12, seal_password=seal_password, tsa_url=self._tsa_url(),
            moment=fields.Datetime.context_timestamp(self, now))
        self._keep_signed(signed, now)

    def _keep_signed(self, signed, now):
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
        if self.paper_type == "appendix":
            # A confidential paper never leaves by ordinary e-mail (nor on the record's chatter,
            # whose followers and readers include who may not see it).
            raise UserError(self.env._("%s is a confidential appendix: it is not sent by e-mail; hand it to "
                                       "the competent agencies and the host through the confidential channel.",
                                       self.name))
        record = self.env[self.res_model].browse(self.res_id)
        record.check_access("read")
        partners = self.env["report.doithoai_module.report_conclusion_notice"]._notice_recipient_partners(record) \
            if self.paper_type == "notice" else self.env["res.partner"]
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
