"""The "Issue Paper" action of the records that have official papers (register: doithoai_paper_number.py)."""
from odoo import api, models


class DoithoaiPaperIssueMixin(models.AbstractModel):
    _name = "doithoai.paper.issue.mixin"
    _description = "Records with Official Papers"

    def _paper_issue_default_type(self):
        return False

    def action_open_paper_issue_wizard(self):
        self.ensure_one()
        context = {"active_model": self._name, "active_id": self.id, "active_ids": self.ids,
                   "default_res_model": self._name, "default_res_id": self.id}
        paper_type = self.env.context.get("paper_type") or self._paper_issue_default_type()
        if paper_type:
            context["default_paper_type"] = paper_type
        if self.env.context.get("paper_year"):
            context["default_year"] = self.env.context["paper_year"]
        return {"type": "ir.actions.act_window", "name": self.env._("Issue a Paper"),
                "res_model": "doithoai.paper.issue.wizard", "view_mode": "form",
                "views": [(False, "form")], "target": "new", "context": context}


class DoithoaiDialogue(models.Model):
    _name = "doithoai.dialogue"
    _inherit = ["doithoai.dialogue", "doithoai.paper.issue.mixin"]

    @api.model
    def _issue_recorded_notices(self):
        """Concluded dialogues whose notice was recorded with its number and date (a register
        kept elsewhere, e.g. the demo's past dialogues) enter the register as issued then: their
        historical number and date, never today's; the confidential appendix with it."""
        Register = self.env["doithoai.paper.number"]
        Appendix = self.env["report.doithoai_module.report_confidential_appendix"]
        for dialogue in self.search([("conclusion_date", "!=", False), ("is_held", "=", True)],
                                    order="conclusion_date, id"):
            if Register._current(dialogue, "notice"):
                continue
            Register._issue_paper(dialogue, "notice", day=dialogue.conclusion_date,
                                  number=dialogue.conclusion_number)
            if Appendix._confidential_items(dialogue)[0]:
                Register._issue_paper(dialogue, "appendix", day=dialogue.conclusion_date)

    def _paper_issue_default_type(self):
        if self.is_held:
            return "notice" if self.env.user.has_group("doithoai_module.group_doithoai_manager") else "minutes"
        return "invitation"


class DoithoaiPlan(models.Model):
    _name = "doithoai.plan"
    _inherit = ["doithoai.plan", "doithoai.paper.issue.mixin"]

    def _paper_issue_default_type(self):
        return "plan"


class DoithoaiAssignment(models.Model):
    _name = "doithoai.assignment"
    _inherit = ["doithoai.assignment", "doithoai.paper.issue.mixin"]

    def _paper_issue_default_type(self):
        return "answer"


class DoithoaiOrganization(models.Model):
    _name = "doithoai.organization"
    _inherit = ["doithoai.organization", "doithoai.paper.issue.mixin"]

    def _paper_issue_default_type(self):
        return "report"
