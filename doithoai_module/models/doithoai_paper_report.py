"""Values of the official papers (QWeb templates in report/doithoai_paper_templates.xml)."""
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import vn_paper
from ..tools.vn_paper import year_bounds


def lcfirst(text):
    return text[:1].lower() + text[1:]


def _recipient(org, suffix=""):
    return f"{org._paper_name()}{suffix}" if org else ""


class DoithoaiPaperReportMixin(models.AbstractModel):
    _name = "report.doithoai_module.paper_mixin"
    _description = "Official Paper Report Values"

    _paper_model = None

    def _papers(self, records, data):
        raise NotImplementedError

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        # Printed from a wizard, the web client sends the ids in the data or the context, not the URL.
        context = data.get("context") or self.env.context
        if not docids and context.get("active_model") in (None, self._paper_model):
            docids = data.get("doc_ids") or context.get("active_ids")
        docids = docids or data.get("doc_ids") or []
        records = self.env[self._paper_model].browse(docids)
        records.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": self._paper_model,
            "docs": records,
            "papers": self._papers(records, data or {}),
            "P": self.env["doithoai.paper"],
        }

    def _host_words(self, dialogue):
        """'đồng chí Chủ tịch UBND tỉnh' as the text names the host."""
        org = dialogue.organization_id
        title = (dialogue.host_id.function or org._paper_head_title() or "").strip()
        return f"{title} {org._paper_name()}".strip() if title else org._paper_name()

    def _paper_questions(self, dialogue):
        """The questions a paper sent to many recipients lists: merged duplicates folded, never a
        confidential one, whoever prints it (the paper must not depend on who prints it)."""
        return dialogue.sudo().question_ids.filtered(
            lambda q: not q.merged_into_id and not q.confidential).with_env(self.env)

    def _deputy(self, dialogue):
        org = dialogue.organization_id
        return bool(dialogue.host_id) and dialogue.host_id != org.host_id and (
            dialogue.delegated or dialogue.host_id in org.deputy_ids)

    def _dialogue_summary(self, dialogue, with_host=True):
        groups = ", ".join(g.name for g in dialogue.participant_group_ids)
        text = f"Hội nghị đối thoại giữa {self._host_words(dialogue)}" if with_host else "Hội nghị đối thoại"
        if groups:
            text += f" với {groups.lower()}"
        return f"{text} năm {dialogue.date_start.year}" if dialogue.date_start else text


class ReportDoithoaiPlan(models.AbstractModel):
    _name = "report.doithoai_module.report_plan"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Plan Paper"
    _paper_model = "doithoai.plan"

    def _papers(self, plans, data):
        P = self.env["doithoai.paper"]
        result = []
        for plan in plans:
            org = plan.organization_id
            dialogues = plan.dialogue_ids.filtered(lambda d: d.state != "cancel").sorted("date_start")
            agencies = (dialogues.invited_organization_ids | dialogues.cohost_organization_id) - org
            recipients = [_recipient(org.parent_id, " (b/c)"), *(a._paper_name() for a in agencies)]
            paper = P._build(org, "plan", plan, summary=plan.name,
                             recipients=recipients)
            result.append({"paper": paper, "doc": plan, "dialogues": dialogues, "agencies": agencies})
        return result


class ReportDoithoaiInvitation(models.AbstractModel):
    _name = "report.doithoai_module.report_invitation"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Invitation Paper"
    _paper_model = "doithoai.dialogue"

    def _papers(self, dialogues, data):
        P = self.env["doithoai.paper"]
        result = []
        for dialogue in dialogues:
            org = dialogue.organization_id
            guests = dialogue.invited_organization_ids or self.env["doithoai.organization"]
            paper = P._build(org, "invitation", dialogue,
                             summary="Dự " + lcfirst(self._dialogue_summary(dialogue)),
                             recipients=["Như trên"], signer=dialogue.host_id,
                             deputy=self._deputy(dialogue))
            # One paper per invited agency, same number: the copies of one invitation.
            for guest in guests or [False]:
                result.append({"paper": paper, "doc": dialogue, "guest": guest,
                               "host_words": self._host_words(dialogue)})
        return result


class ReportDoithoaiMinutes(models.AbstractModel):
    _name = "report.doithoai_module.report_minutes"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Minutes Paper"
    _paper_model = "doithoai.dialogue"

    def _papers(self, dialogues, data):
        P = self.env["doithoai.paper"]
        result = []
        for dialogue in dialogues:
            org = dialogue.organization_id
            paper = P._build(org, "minutes", dialogue,
                             summary=self._dialogue_summary(dialogue), signer=dialogue.host_id,
                             deputy=self._deputy(dialogue))
            questions = self._paper_questions(dialogue)
            result.append({"paper": paper, "doc": dialogue, "questions": questions,
                           "host_words": self._host_words(dialogue),
                           "end": P._local_date(dialogue.date_end, org)})
        return result


class ReportDoithoaiConclusionNotice(models.AbstractModel):
    _name = "report.doithoai_module.report_conclusion_notice"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Conclusion Notice Paper"
    _paper_model = "doithoai.dialogue"

    def _papers(self, dialogues, data):
        P = self.env["doithoai.paper"]
        result = []
        for dialogue in dialogues:
            org = dialogue.organization_id
            questions = self._paper_questions(dialogue)
            assignments = dialogue.sudo().assignment_ids.filtered(
                lambda a: a.state != "cancel" and not a.confidential).with_env(self.env)
            agencies = assignments.organization_id | dialogue.invited_organization_ids
            recipients = [_recipient(org.parent_id, " (b/c)"),
                          *(a._paper_name() for a in agencies.sorted("complete_name") if a != org)]
            paper = P._build(org, "notice", dialogue,
                             summary=f"Kết luận của đồng chí {self._host_words(dialogue)} tại "
                                     + self._dialogue_summary(dialogue, with_host=False),
                             recipients=recipients, signer=dialogue.host_id, deputy=self._deputy(dialogue))
            result.append({"paper": paper, "doc": dialogue, "questions": questions,
                           "assignments": assignments.sorted(lambda a: (a.date_due or fields.Date.today(), a.id)),
                           "host_words": self._host_words(dialogue)})
        return result


class ReportDoithoaiAnswer(models.AbstractModel):
    _name = "report.doithoai_module.report_answer"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Written Answer Paper"
    _paper_model = "doithoai.assignment"

    def _papers(self, assignments, data):
        P = self.env["doithoai.paper"]
        Number = self.env["doithoai.paper.number"].sudo()
        result = []
        for assignment in assignments:
            dialogue = assignment.dialogue_id
            agency = assignment.organization_id
            # A letter to the askers of this assignment only: its questions, the same for whoever
            # prints it; a confidential one is printed only by who may see it.
            if assignment.confidential and not self.env["doithoai.question"]._can_print_confidential():
                raise UserError(self.env._("“%s” concerns confidential questions only: "
                                           "it cannot be printed by you.", assignment.name))
            questions = assignment.sudo().question_ids.with_env(self.env)
            extension = bool(assignment.extension_date) and not assignment.date_resolved
            kind = "extension" if extension else "answer"
            session = P._local_date(dialogue.date_start, dialogue.organization_id)
            notice_number = dialogue.conclusion_number or Number.search([
                ("res_model", "=", "doithoai.dialogue"), ("res_id", "=", dialogue.id),
                ("paper_type", "=", "notice"), ("state", "=", "issued")], limit=1).name
            summary = ("V/v gia hạn giải quyết ý kiến, kiến nghị" if extension
                       else "V/v trả lời ý kiến, kiến nghị") + \
                (f" tại Hội nghị đối thoại ngày {vn_paper.short_date(session.date())}" if session else "")
            host_org = assignment.host_organization_id
            recipients = ["Như trên", _recipient(host_org, " (b/c)") if host_org != agency else ""]
            paper = P._build(agency, "answer", assignment, key=kind, title="", summary=summary,
                             recipients=recipients)
            askers = questions.asker_ids or assignment.asker_ids
            result.append({"paper": paper, "doc": assignment, "dialogue": dialogue, "questions": questions,
                           "askers": askers, "extension": extension, "notice_number": notice_number,
                           "host_words": self._host_words(dialogue), "session": session})
        return result


class ReportDoithoaiYearly(models.AbstractModel):
    _name = "report.doithoai_module.report_yearly"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Yearly Report Paper"
    _paper_model = "doithoai.organization"

    def _papers(self, organizations, data):
        P = self.env["doithoai.paper"]
        year = int(data.get("year") or fields.Date.context_today(self).year)
        date_from, date_to = year_bounds(year)
        result = []
        for org in organizations:
            children = self.env["doithoai.organization"].search(
                [("id", "child_of", org.id), ("id", "!=", org.id)], order="complete_name")
            stats = (org | children)._doithoai_statistics(date_from, date_to)
            total = dict.fromkeys(stats[org.id], 0)
            for row in stats.values():
                for key, value in row.items():
                    total[key] += value
            dialogues = self.env["doithoai.dialogue"].search([
                ("organization_id", "child_of", org.id), ("state", "!=", "cancel"),
                ("date_start", ">=", fields.Datetime.to_datetime(date_from)),
                ("date_start", "<=", fields.Datetime.to_datetime(date_to).replace(hour=23, minute=59))],
                order="date_start")
            recipients = [_recipient(org.parent_id, " (b/c)"),
                          "Ủy ban MTTQ và các đoàn thể chính trị - xã hội cùng cấp"]
            paper = P._build(org, "report", org, key=str(year),
                             summary=f"Kết quả tổ chức đối thoại giữa người đứng đầu cấp ủy, "
                                     f"chính quyền với Nhân dân năm {year}",
                             recipients=recipients)
            result.append({"paper": paper, "doc": org, "year": year, "stats": stats[org.id],
                           "total": total, "children": children, "child_stats": stats,
                           "dialogues": dialogues})
        return result
