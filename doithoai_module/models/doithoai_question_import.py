"""Questions imported with Odoo's own import (unions collect them in spreadsheets).

The officer downloads the template from the questions list ("Import records"). Each row
names its asker (name, phone, address): an asker already known by that phone, or by that
name and address, is reused; otherwise one is created. A bad row gets a message saying
which row and what to correct (the import dialog lists them all before anything is saved).
"""
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

IMPORT_FIELDS = ("import_asker_name", "import_asker_phone", "import_asker_address")
PHONE = re.compile(r"^(\+84|0)\d{8,10}$")


class DoithoaiQuestion(models.Model):
    _inherit = "doithoai.question"

    # Columns of the import only: read back empty, consumed by create.
    import_asker_name = fields.Char(string="Asker's Name", compute="_compute_import_asker",
                                    inverse="_inverse_import_asker")
    import_asker_phone = fields.Char(string="Asker's Phone", compute="_compute_import_asker",
                                     inverse="_inverse_import_asker")
    import_asker_address = fields.Char(string="Asker's Address", compute="_compute_import_asker",
                                       inverse="_inverse_import_asker")

    def _compute_import_asker(self):
        for question in self:
            question.import_asker_name = question.import_asker_phone = question.import_asker_address = False

    def _inverse_import_asker(self):
        """Handled in create (the asker is found or made before the question exists)."""

    @api.model
    def get_import_templates(self):
        return [{
            "label": self.env._("Template for importing questions"),
            "template": "/doithoai_module/static/xls/doithoai_questions_import.xlsx",
        }]

    @api.model_create_multi
    def create(self, vals_list):
        # copies: the import retries a failed batch row by row with the same dictionaries
        vals_list = [dict(vals) for vals in vals_list]
        askers = [{key: (vals.pop(key, None) or "").strip() for key in IMPORT_FIELDS} for vals in vals_list]
        if any(any(row.values()) for row in askers):
            partners = self._doithoai_import_askers(askers)
            for vals, partner in zip(vals_list, partners):
                if partner:
                    vals.setdefault("asker_ids", []).append(fields.Command.link(partner.id))
        return super().create(vals_list)

    @api.model
    def _doithoai_import_askers(self, rows):
        """One asker (or none) per row: matched by phone, else by name and address, else created."""
        Partner = self.env["res.partner"]
        for row in rows:
            row["phone_key"] = re.sub(r"[\s.\-()]", "", row["import_asker_phone"])
            if (row["import_asker_phone"] or row["import_asker_address"]) and not row["import_asker_name"]:
                raise ValidationError(self.env._(
                    "The asker's phone or address “%s” has no name: write the asker's full name in "
                    "the column “Asker's Name”, or leave the three asker columns empty.",
                    row["import_asker_phone"] or row["import_asker_address"]))
            if row["phone_key"] and not PHONE.match(row["phone_key"]):
                raise ValidationError(self.env._(
                    "“%(phone)s” (asker %(name)s) is not a Vietnamese phone number: 10 digits starting "
                    "with 0 (e.g. 0912 345 678) or +84.", phone=row["import_asker_phone"],
                    name=row["import_asker_name"]))
        phones = {row["phone_key"] for row in rows if row["phone_key"]}
        names = {row["import_asker_name"] for row in rows if row["import_asker_name"]}
        known = Partner.search(["|", ("phone", "in", list(phones)), ("name", "in", list(names))]) \
            if phones or names else Partner
        by_phone = {re.sub(r"[\s.\-()]", "", p.phone or ""): p for p in known if p.phone}
        by_name = {(p.name, (p.street or "").strip().lower()): p for p in known}
        result = []
        for row in rows:
            if not row["import_asker_name"]:
                result.append(Partner)
                continue
            partner = by_phone.get(row["phone_key"]) if row["phone_key"] else None
            partner = partner or by_name.get((row["import_asker_name"], row["import_asker_address"].lower()))
            if not partner:
                partner = Partner.create({"name": row["import_asker_name"], "phone": row["import_asker_phone"] or False,
                                          "street": row["import_asker_address"] or False, "doithoai_asker": True})
                if row["phone_key"]:
                    by_phone[row["phone_key"]] = partner
                by_name[(partner.name, row["import_asker_address"].lower())] = partner
            result.append(partner)
        return result
