from datetime import date

from odoo import fields, models

from ..tools import vn_paper


class DoithoaiOrganization(models.Model):
    """This year's figures of an organisation, read by the leaders' dashboard."""
    _inherit = "doithoai.organization"

    year_required = fields.Integer(string="Dialogues Required", compute="_compute_year_figures")
    year_held = fields.Integer(string="Dialogues Held", compute="_compute_year_figures")
    year_planned = fields.Integer(string="Dialogues Planned", compute="_compute_year_figures")
    year_obligation = fields.Selection(
        [("met", "Held"), ("planned", "Planned, not held yet"), ("missing", "Not planned"),
         ("none", "Not required")],
        string="Obligation This Year", compute="_compute_year_figures")
    year_questions = fields.Integer(string="Questions", compute="_compute_year_figures")
    year_on_time = fields.Integer(string="Resolved on Time", compute="_compute_year_figures")
    year_late = fields.Integer(string="Resolved Late", compute="_compute_year_figures")
    year_overdue = fields.Integer(string="Open and Overdue", compute="_compute_year_figures")
    year_pending = fields.Integer(string="Open within Deadline", compute="_compute_year_figures")
    year_rate = fields.Float(
        string="On-time Rate (%)", digits=(5, 1), compute="_compute_year_figures",
        help="Resolved on time ÷ (resolved + open and overdue): what is still open past its "
             "deadline counts as late; assignments still within their deadline are not counted.")

    def _compute_year_figures(self):
        today = self._doithoai_today()
        stats = self._doithoai_statistics(date(today.year, 1, 1), date(today.year, 12, 31), today)
        for org in self:
            s = stats[org.id]
            org.year_required = s["required"]
            org.year_held = s["held"]
            org.year_planned = s["planned"]
            org.year_obligation = ("met" if s["held"] else "planned" if s["planned"]
                                   else "missing" if s["required"] else "none")
            org.year_questions = s["questions"]
            org.year_on_time = s["on_time"]
            org.year_late = s["late"]
            org.year_overdue = s["overdue"]
            org.year_pending = s["pending"]
            org.year_rate = self._doithoai_on_time_rate(s) or 0.0

    def _year_domain(self, field):
        year = self._doithoai_today().year
        start, stop = vn_paper.utc_bounds(self.env, date(year, 1, 1), date(year, 12, 31))
        return [(field, ">=", start), (field, "<", stop)]

    def action_dashboard_dialogues(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_dialogue_action")
        action["domain"] = [("organization_id", "=", self.id)] + self._year_domain("date_start")
        action["context"] = {}
        return action

    def action_dashboard_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("doithoai_module.doithoai_assignment_action")
        action["domain"] = [("host_organization_id", "=", self.id), ("state", "!=", "cancel")] \
            + self._year_domain("dialogue_id.date_start")
        action["view_mode"] = "list,form,kanban"
        action["views"] = [(False, "list"), (False, "form"), (False, "kanban")]
        action["context"] = {"search_default_groupby_deadline_status": 1}
        return action
