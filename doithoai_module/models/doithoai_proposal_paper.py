"""The proposal (tờ trình xin chủ trương) by which the proposing organisation — usually the
Women's Union — asks the host to hold the dialogue (seed 000, step 2). Issued through the one
register (paper type "proposal"), in the proposing organisation's register, by its staff."""
from odoo import models

from .doithoai_paper_report import lcfirst


class ReportDoithoaiProposal(models.AbstractModel):
    _name = "report.doithoai_module.report_proposal"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Proposal Paper"
    _paper_model = "doithoai.dialogue"

    def _papers(self, dialogues, data):
        P = self.env["doithoai.paper"]
        Register = self.env["doithoai.paper.number"]
        result = []
        for dialogue in dialogues:
            org = Register._paper_organization(dialogue, "proposal")
            host = dialogue.sudo().organization_id
            paper = self._finish(P._build(
                org, "proposal", dialogue,
                summary="Về việc tổ chức " + lcfirst(self._dialogue_summary(dialogue)),
                recipients=[host._paper_name()]), org)
            result.append({"paper": paper, "doc": dialogue, "host": host,
                           "host_words": self._host_words(dialogue),
                           "fields": ", ".join(dialogue.field_ids.mapped("name")),
                           "groups": ", ".join(dialogue.participant_group_ids.mapped("name")).lower()})
        return result
