from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import vn_paper

PAPER_TYPE_SELECTION = [
    ("plan", "Plan"),
    ("invitation", "Invitation"),
    ("minutes", "Minutes"),
    ("notice", "Conclusion notice"),
    ("answer", "Written answer"),
    ("report", "Yearly report"),
]


class DoithoaiPaperNumber(models.Model):
    """The register of outgoing papers (sổ đăng ký văn bản đi).

    Numbers run per organisation, paper type and year, from 01 on the first paper of the
    year. A paper keeps the number and date it was given the first time it was printed,
    so a reprint is the same paper.
    """
    _name = "doithoai.paper.number"
    _description = "Paper Number"
    _order = "year desc, organization_id, paper_type, sequence desc"

    name = fields.Char(string="Number and Symbol", required=True, readonly=True)
    organization_id = fields.Many2one("doithoai.organization", required=True, index=True,
                                      ondelete="restrict", readonly=True)
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    paper_type = fields.Selection(PAPER_TYPE_SELECTION, required=True, readonly=True)
    year = fields.Integer(required=True, readonly=True)
    sequence = fields.Integer(required=True, readonly=True)
    date = fields.Date(string="Date Issued", required=True, readonly=True)
    res_model = fields.Char(string="Document Model", required=True, readonly=True)
    res_id = fields.Integer(string="Document ID", required=True, readonly=True)
    key = fields.Char(default="", readonly=True,
                      help="Tells apart several papers of one type on one record, e.g. the year of a report.")
    summary = fields.Char(readonly=True)

    _sequence_unique = models.Constraint(
        "UNIQUE(organization_id, paper_type, year, sequence)",
        "A number is given only once per organisation, paper type and year.")
    _document_unique = models.Constraint(
        "UNIQUE(res_model, res_id, paper_type, key)",
        "A paper is numbered only once.")

    @api.model
    def _issue(self, organization, paper_type, record, day, key="", summary=""):
        """The number of this paper, given now if it has none yet (sudo: printing is reading)."""
        Number = self.sudo()
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id),
                  ("paper_type", "=", paper_type), ("key", "=", key or "")]
        existing = Number.search(domain, limit=1)
        if existing:
            return existing
        year = day.year
        # One numbering at a time per organisation, type and year: no gaps, no duplicates.
        # The lock is taken late in the request, after its snapshot (REPEATABLE READ): what the
        # previous holder committed is read through a fresh transaction, and our own
        # uncommitted papers through ours.
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                                organization.id, f"{paper_type}/{year}"))
        existing_sql = SQL(
            "SELECT id FROM doithoai_paper_number WHERE res_model = %s AND res_id = %s "
            "AND paper_type = %s AND COALESCE(key, '') = %s", record._name, record.id, paper_type, key or "")
        max_sql = SQL(
            "SELECT COALESCE(MAX(sequence), 0) FROM doithoai_paper_number "
            "WHERE organization_id = %s AND paper_type = %s AND year = %s",
            organization.id, paper_type, year)
        with self.env.registry.cursor() as fresh:
            fresh.execute(existing_sql)
            numbered_meanwhile = fresh.fetchone()
            fresh.execute(max_sql)
            committed_max = fresh.fetchone()[0]
        if numbered_meanwhile:
            # Another user printed this very paper since our request began: it has its number;
            # this request cannot see it (its snapshot is older), a new one will.
            raise UserError(self.env._(
                "Another user is printing this paper at this very moment and has just given it "
                "its number: print it again to get the same paper."))
        self.env.cr.execute(max_sql)
        sequence = max(committed_max, self.env.cr.fetchone()[0]) + 1
        party = organization._paper_is_party()
        return Number.create({
            "name": vn_paper.number_symbol(sequence, paper_type, organization._paper_code(), party),
            "organization_id": organization.id,
            "paper_type": paper_type,
            "year": year,
            "sequence": sequence,
            "date": day,
            "res_model": record._name,
            "res_id": record.id,
            "key": key or "",
            "summary": (summary or "")[:250],
        })
