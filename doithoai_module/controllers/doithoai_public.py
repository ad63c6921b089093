"""The published results of dialogues, for anyone (no login): /doithoai.

Only dialogues a leader published (`results_published`) are shown. Records are read in sudo
through the domains below and only the whitelisted fields leave the server: never a
confidential question or assignment, never an asker. A page not published is a 404.
"""
from collections import defaultdict

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .doithoai_portal import DoithoaiPortal

DIALOGUE_FIELDS = ["name", "date_start", "organization_id", "venue", "conclusion_number", "conclusion_date"]
QUESTION_FIELDS = ["content", "field_id", "answer", "outcome"]
ASSIGNMENT_FIELDS = ["name", "organization_id", "date_due", "date_resolved", "is_on_time", "state"]
# How the answers were made known: when, how, to whom (a category) and how many; never the
# items, the notes or the free-text audience.
PROPAGATION_FIELDS = ["date", "channel", "audience", "people_reached"]
PER_PAGE = 30


class DoithoaiPublicResults(DoithoaiPortal):

    def _doithoai_published_domain(self):
        return [("results_published", "=", True), ("is_held", "=", True), ("active", "=", True)]

    def _doithoai_public_question_domain(self, dialogue_ids):
        return [("dialogue_id", "in", dialogue_ids), ("confidential", "=", False),
                ("merged_into_id", "=", False), ("active", "=", True)]

    def _doithoai_public_assignment_domain(self, dialogue_ids):
        return [("dialogue_id", "in", dialogue_ids), ("confidential", "=", False), ("active", "=", True),
                ("state", "!=", "cancel")]

    def _doithoai_public_dialogues(self, dialogues):
        """The whitelisted fields of these dialogues, with their local day."""
        rows = dialogues.read(DIALOGUE_FIELDS)
        for row, dialogue in zip(rows, dialogues):
            row["day"] = dialogue.organization_id._doithoai_local_date(dialogue.date_start)
            row["organization"] = dialogue.organization_id.complete_name or dialogue.organization_id.name
        return rows

    def _doithoai_render_public(self, template, values, status=200):
        response = request.render(template, dict(values, no_breadcrumbs=True), status=status)
        return response

    @http.route(["/doithoai", "/doithoai/page/<int:page>"], type="http", auth="public", website=True,
                sitemap=True)
    def public_results(self, page=1, **kw):
        Dialogue = request.env["doithoai.dialogue"].sudo()
        domain = self._doithoai_published_domain()
        pager = portal_pager(url="/doithoai", total=Dialogue.search_count(domain), page=page, step=PER_PAGE)
        dialogues = Dialogue.search(domain, order="date_start desc, id desc", limit=PER_PAGE,
                                    offset=pager["offset"])
        return self._doithoai_render_public("doithoai_module.public_results", {
            "dialogues": self._doithoai_public_dialogues(dialogues),
            "pager": pager,
        })

    @http.route("/doithoai/<int:dialogue_id>", type="http", auth="public", website=True, sitemap=False)
    def public_result(self, dialogue_id, **kw):
        dialogue = request.env["doithoai.dialogue"].sudo().browse(dialogue_id).exists()
        if not dialogue or not dialogue.filtered_domain(self._doithoai_published_domain()):
            raise NotFound()
        questions = request.env["doithoai.question"].sudo().search(
            self._doithoai_public_question_domain(dialogue.ids), order="speaking_order, sequence, id")
        assignments = request.env["doithoai.assignment"].sudo().search(
            self._doithoai_public_assignment_domain(dialogue.ids), order="date_due, id")
        outcomes = dict(questions._fields["outcome"]._description_selection(request.env))
        return self._doithoai_render_public("doithoai_module.public_result", {
            "dialogue": self._doithoai_public_dialogues(dialogue)[0],
            "questions": questions.read(QUESTION_FIELDS),
            "outcomes": outcomes,
            "assignments": self._doithoai_public_assignments(assignments, dialogue),
            **self._doithoai_public_propagation(dialogue, questions),
        })

    def _doithoai_public_propagation(self, dialogue, questions):
        """After the session: the propagation lines (whitelisted fields, labels), and how many of
        the public (non-confidential) unresolved items were pushed again."""
        lines = request.env["doithoai.propagation"].sudo().search(
            [("dialogue_id", "=", dialogue.id), ("kind", "=", "propagation")], order="date, id")
        labels = {name: dict(lines._fields[name]._description_selection(request.env))
                  for name in ("channel", "audience")}
        rows = lines.read(PROPAGATION_FIELDS)
        for row in rows:
            row["channel_label"] = labels["channel"].get(row["channel"], "")
            row["audience_label"] = labels["audience"].get(row["audience"], "")
        states = questions.mapped("push_state")
        return {"propagations": rows, "pushed_count": states.count("pushed"),
                "unresolved_count": states.count("pushed") + states.count("todo")}

    def _doithoai_public_assignments(self, assignments, dialogue):
        today = dialogue.organization_id._doithoai_today()
        env = request.env
        rows = assignments.read(ASSIGNMENT_FIELDS)
        for row in rows:
            if row["state"] == "done":
                row["status"] = env._("Resolved on time") if row["is_on_time"] else env._("Resolved late")
                row["status_class"] = "success" if row["is_on_time"] else "warning"
            elif row["date_due"] and row["date_due"] < today:
                row["status"], row["status_class"] = env._("Overdue"), "danger"
            else:
                row["status"], row["status_class"] = env._("In progress"), "info"
        return rows

    @http.route("/doithoai/org/<int:organization_id>", type="http", auth="public", website=True, sitemap=False)
    def public_organization(self, organization_id, **kw):
        org = request.env["doithoai.organization"].sudo().browse(organization_id).exists()
        if not org:
            raise NotFound()
        Dialogue = request.env["doithoai.dialogue"].sudo()
        dialogues = Dialogue.search(self._doithoai_published_domain() + [("organization_id", "child_of", org.id)],
                                    order="date_start desc, id desc")
        if not dialogues:
            raise NotFound()
        year_of = {d.id: org._doithoai_local_date(d.date_start).year for d in dialogues}
        figures = defaultdict(lambda: {"dialogues": 0, "questions": 0, "answered": 0,
                                       "assignments": 0, "on_time": 0})
        for dialogue_id, year in year_of.items():
            figures[year]["dialogues"] += 1
        Question = request.env["doithoai.question"].sudo()
        for dialogue, outcome, count in Question._read_group(
                self._doithoai_public_question_domain(dialogues.ids), ["dialogue_id", "outcome"], ["__count"]):
            figures[year_of[dialogue.id]]["questions"] += count
            if outcome in ("answered", "deferred"):
                figures[year_of[dialogue.id]]["answered"] += count
        Assignment = request.env["doithoai.assignment"].sudo()
        for dialogue, state, on_time, count in Assignment._read_group(
                self._doithoai_public_assignment_domain(dialogues.ids), ["dialogue_id", "state", "is_on_time"],
                ["__count"]):
            figures[year_of[dialogue.id]]["assignments"] += count
            if state == "done" and on_time:
                figures[year_of[dialogue.id]]["on_time"] += count
        return self._doithoai_render_public("doithoai_module.public_organization", {
            "organization": org.complete_name or org.name,
            "years": sorted(figures.items(), reverse=True),
            "dialogues": self._doithoai_public_dialogues(dialogues[:PER_PAGE]),
        })

    # The share link of a dialogue open for questions is not a published result: no index.
    @http.route()
    def public_dialogue(self, dialogue_id, access_token=None, **kw):
        response = super().public_dialogue(dialogue_id, access_token=access_token, **kw)
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
