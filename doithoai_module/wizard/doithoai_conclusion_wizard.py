from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.doithoai_dialogue_stage import HELD_STATES


class DoithoaiConclusionWizard(models.TransientModel):
    _name = "doithoai.conclusion.wizard"
    _inherit = ["doithoai.input.mixin"]
    _description = "Issue the Conclusion Notice"

    dialogue_id = fields.Many2one("doithoai.dialogue", required=True, readonly=True)
    date = fields.Date(string="Notice Date", required=True,
                       default=lambda self: self.env["doithoai.organization"]._doithoai_today())
    number = fields.Char(string="Number and Symbol",
                         help="Leave empty to take the next number of the organisation's register for the "
                              "year of the date; type it when the register is kept elsewhere.")
    conclusions = fields.Html()
    conclusion_deadline = fields.Date(related="dialogue_id.conclusion_deadline")
    line_ids = fields.One2many("doithoai.conclusion.wizard.line", "wizard_id", string="Assignments")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        dialogue = self.env["doithoai.dialogue"].browse(res.get("dialogue_id"))
        if not dialogue:
            return res
        res.setdefault("conclusions", dialogue.conclusions)
        if "line_ids" in fields_list:
            todo = dialogue.question_ids.filtered(lambda q: q.outcome == "deferred" and not q.assignment_ids)
            res["line_ids"] = [fields.Command.create({
                "question_id": q.id,
                "name": q._task_text(),
                "organization_id": q.competent_organization_id.id,
            }) for q in todo]
        return res

    def action_issue(self):
        self.ensure_one()
        dialogue = self.dialogue_id
        if not dialogue._is_leader():
            raise UserError(self.env._("Only a leader issues the conclusion notice of “%s”.", dialogue.name))
        if dialogue.state not in HELD_STATES:
            raise UserError(self.env._(
                "The conclusion notice of “%s” can only be issued after the session is held.", dialogue.name))
        if dialogue.conclusion_date:
            raise UserError(self.env._("The conclusion notice of “%s” was already issued.", dialogue.name))
        dialogue.sudo().organization_id.with_env(self.env)._check_in_user_tree(dialogue.name)
        strays = self.line_ids.sudo().question_id.filtered(lambda q: q.dialogue_id != dialogue)
        if strays:
            raise UserError(self.env._(
                "“%(question)s” belongs to another dialogue: it cannot be assigned in the conclusion "
                "notice of “%(dialogue)s”.", question=strays[0].name, dialogue=dialogue.name))
        missing = self.line_ids.filtered(lambda line: not line.organization_id)
        if missing:
            raise UserError(self.env._("Choose the agency that must resolve “%s”.", missing[0].name))
        dialogue._record_conclusion(self.date, self.number, self.conclusions)
        self.env["doithoai.assignment"].create([{
            "name": line.name,
            "dialogue_id": dialogue.id,
            "question_ids": [fields.Command.set(line.question_id.ids)],
            "organization_id": line.organization_id.id,
            "user_id": line.user_id.id,
            "notice_date": self.date,
        } for line in self.line_ids])
        if dialogue.state == "held":
            dialogue._move_to_state("concluded")
        notice = self._issue_papers(dialogue)
        dialogue.message_post(
            body=self.env._("Conclusion notice %(number)s issued on %(date)s.", number=notice.name,
                            date=notice.date.strftime("%d/%m/%Y")),
            attachments=[(notice.attachment_id.name, notice.attachment_id.sudo().raw)],
            subtype_xmlid="mail.mt_note")
        return dialogue.action_view_assignments() if self.line_ids else {"type": "ir.actions.act_window_close"}

    def _issue_papers(self, dialogue):
        """The notice sent to the agencies is the issued one: numbered (the typed number, else the
        register's next), dated, signed and frozen in the register; its confidential questions and
        tasks go in the confidential appendix, issued with it (see ISSUE_RULES)."""
        Register = self.env["doithoai.paper.number"]
        notice = Register._issue_paper(dialogue, "notice", day=self.date, number=self.number)
        dialogue._record_conclusion(self.date, notice.name)
        Appendix = self.env["report.doithoai_module.report_confidential_appendix"]
        if Appendix._confidential_items(dialogue)[0]:
            Register._issue_paper(dialogue, "appendix", day=self.date)
        return notice
