"""The union's periodic report on supervision and social criticism (Khánh Hòa programme,
seed 004: every six months by 15/6, yearly by 15/12, and ad hoc on request).

The record fixes the union and the period; the paper is issued through the one register
(doithoai.paper.number, paper type "union_report"), its figures computed here once."""
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools import union_report_xlsx

PERIODS = [
    ("half", "Six months (15/6)"),
    ("year", "Year (15/12)"),
    ("adhoc", "On request"),
]


class DoithoaiUnionReport(models.Model):
    _name = "doithoai.union.report"
    _description = "Union Report on Supervision"
    _inherit = ["doithoai.input.mixin", "mail.thread", "doithoai.paper.issue.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    organization_id = fields.Many2one("doithoai.organization", string="Union Organization", required=True,
                                      index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    period = fields.Selection(PERIODS, required=True, default="half", tracking=True)
    year = fields.Integer(required=True, default=lambda self: fields.Date.context_today(self).year)
    date_from = fields.Date(string="From", compute="_compute_dates", store=True, readonly=False, required=True,
                            precompute=True)
    date_to = fields.Date(string="To", compute="_compute_dates", store=True, readonly=False, required=True,
                            precompute=True)
    active = fields.Boolean(default=True)

    _year_valid = models.Constraint("CHECK(year BETWEEN 2000 AND 2100)", "The year of a report is not valid.")

    @api.depends("period", "year")
    def _compute_dates(self):
        # The period a report of 15/6 or 15/12 covers: from the previous report's date to its own.
        for report in self:
            if report.period == "half" and report.year:
                report.date_from, report.date_to = date(report.year - 1, 12, 16), date(report.year, 6, 15)
            elif report.period == "year" and report.year:
                report.date_from, report.date_to = date(report.year - 1, 12, 16), date(report.year, 12, 15)
            else:
                report.date_from = report.date_from or date(report.year or 2000, 1, 1)
                report.date_to = report.date_to or report.organization_id._doithoai_today()

    @api.depends("period", "year", "organization_id")
    def _compute_name(self):
        labels = dict(self._fields["period"]._description_selection(self.env))
        for report in self:
            report.name = f"{labels.get(report.period, '')} {report.year} - {report.organization_id.name or ''}"

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(self.env._("A report cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        reports = super().create(vals_list)
        reports._check_org_tree()
        return reports

    def write(self, vals):
        res = super().write(vals)
        if "organization_id" in vals:
            self._check_org_tree()
        return res

    def _check_org_tree(self):
        for report in self.sudo():
            report.organization_id.with_env(self.env)._check_in_user_tree(report.name)

    def _paper_issue_default_type(self):
        return "union_report"

    def _figures(self, today=None):
        """The figures of the report, for the union and everything below it. Every total is the
        sum of its parts (recommendations: on time + late + overdue + pending)."""
        self.ensure_one()
        today = today or self.organization_id._doithoai_today()
        as_of = min(today, self.date_to)
        tree = Domain("organization_id", "child_of", self.organization_id.id)
        period = lambda field: Domain(field, ">=", self.date_from) & Domain(field, "<=", self.date_to)  # noqa: E731
        Plan, Petition = self.env["doithoai.supervision"].sudo(), self.env["doithoai.petition"].sudo()
        plans = Plan.search(tree & Domain("state", "in", ("approved", "done"))
                            & Domain("year", "in", list({self.date_from.year, self.date_to.year})))
        figures = {
            "plans": len(plans), "subjects": len(plans.subject_ids),
            "plans_done": len(plans.filtered(lambda p: p.state == "done")),
        }
        petitions = Petition.search(tree & period("date_received"))
        figures["petitions"] = len(petitions)
        for kind in ("report", "proposal", "complaint", "denunciation"):
            figures[f"petitions_{kind}"] = len(petitions.filtered(lambda p, k=kind: p.kind == k))
        forwarded = petitions.filtered("date_forwarded")
        answered = forwarded.filtered(lambda p: p.date_answered and p.date_answered <= as_of)
        figures.update({
            "petitions_kept": len(petitions - forwarded),
            "petitions_forwarded": len(forwarded),
            "petitions_answered_on_time": len(answered.filtered(lambda p: p.date_answered <= p.deadline)),
            "petitions_answered_late": len(answered.filtered(lambda p: p.date_answered > p.deadline)),
            "petitions_overdue": len((forwarded - answered).filtered(lambda p: p.deadline < as_of)),
            "petitions_pending": len((forwarded - answered).filtered(lambda p: p.deadline >= as_of)),
        })
        recs = self.env["doithoai.assignment"].sudo().search(
            Domain("host_organization_id", "child_of", self.organization_id.id)
            & Domain("origin", "!=", "dialogue") & Domain("state", "!=", "cancel") & period("notice_date"))
        done = recs.filtered(lambda r: r.date_resolved and r.date_resolved <= as_of)
        figures.update({
            "recommendations": len(recs),
            "rec_supervision": len(recs.filtered(lambda r: r.origin == "supervision")),
            "rec_criticism": len(recs.filtered(lambda r: r.origin == "criticism")),
            "rec_on_time": len(done.filtered("is_on_time")),
            "rec_late": len(done.filtered(lambda r: not r.is_on_time)),
            "rec_overdue": len((recs - done).filtered(lambda r: r.date_due < as_of)),
            "rec_pending": len((recs - done).filtered(lambda r: r.date_due >= as_of)),
            "rec_accepted": len(done.filtered(lambda r: r.response == "accepted")),
            "rec_partly": len(done.filtered(lambda r: r.response == "partly")),
            "rec_rejected": len(done.filtered(lambda r: r.response == "rejected")),
        })
        drafts = self.env["doithoai.criticism"].sudo().search(tree & period("date_received"))
        figures.update({
            "drafts": len(drafts),
            "drafts_sent_on_time": len(drafts.filtered(lambda d: d.date_sent and d.date_sent <= d.date_due)),
            "drafts_sent_late": len(drafts.filtered(lambda d: d.date_sent and d.date_sent > d.date_due)),
            "drafts_not_sent": len(drafts.filtered(lambda d: not d.date_sent)),
        })
        # listed by name on a paper sent to others: never a confidential one (counted above only)
        overdue = recs.filtered(lambda r: r not in done and r.date_due < as_of and not r.confidential)
        return figures, plans, overdue

    def _annex_rows(self, today=None):
        """The recommendations of the period, as the annex lists them (never a confidential one)."""
        self.ensure_one()
        as_of = min(today or self.organization_id._doithoai_today(), self.date_to)
        recs = self.env["doithoai.assignment"].sudo().search([
            ("host_organization_id", "child_of", self.organization_id.id), ("origin", "!=", "dialogue"),
            ("state", "!=", "cancel"), ("confidential", "=", False),
            ("notice_date", ">=", self.date_from), ("notice_date", "<=", self.date_to)], order="notice_date, id")
        responses = dict(recs._fields["response"]._description_selection(self.env))
        rows = []
        for rec in recs:
            answered = rec.date_resolved if rec.date_resolved and rec.date_resolved <= as_of else False
            on_time = rec.is_on_time if answered else (False if rec.date_due < as_of else None)
            rows.append((rec.name, rec.organization_id.name, rec.notice_date, rec.date_due, answered, on_time,
                         responses.get(rec.response, "") if answered else "", rec.explanation or ""))
        return rows

    def action_excel_annex(self):
        """The Excel annex of the report, kept on the report and downloaded."""
        self.ensure_one()
        self.check_access("read")
        figures, _plans, _overdue = self._figures()
        data = union_report_xlsx.build_annex(self.name, figures, self._annex_rows())
        attachment = self.env["ir.attachment"].create({
            "name": f"Phu luc - {self.name}.xlsx".replace("/", "-"), "raw": data, "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true",
                "target": "self"}
