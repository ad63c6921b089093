"""The citizen portal: published dialogues, sending a question, "My questions".

Citizens have no access to the internal models (JSON-RPC shows them nothing): this
controller is their only door. It reads in sudo, but only what `_doithoai_domain` allows
(published and approved dialogues, the user's own questions), and shows only what concerns
the asker: confidential answers never leave the back office.
A question is validated here and created in sudo: portal users have no write access.
"""
import base64
import os
import re
from datetime import timedelta

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import content_disposition, request
from odoo.tools import SQL, consteq
from odoo.tools.mimetypes import guess_mimetype

from odoo.addons.portal.controllers.portal import CustomerPortal, pager as portal_pager

from ..models.doithoai_dialogue_stage import APPROVED_STATES
from ..tools import pades

MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_CONTENT_LENGTH = 5000
QUESTIONS_PER_HOUR = 5
ALLOWED_ATTACHMENTS = {
    ".pdf": {"application/pdf"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".gif": {"image/gif"},
    ".webp": {"image/webp"},
    ".doc": {"application/msword", "application/octet-stream"},
    ".xls": {"application/vnd.ms-excel", "application/octet-stream"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    ".ods": {"application/vnd.oasis.opendocument.spreadsheet", "application/zip"},
}
# Questions are taken only once the leader approved the dialogue, until the session.
OPEN_STATES = ("preparation", "invited")
VISIBLE_DIALOGUE_STATES = APPROVED_STATES


class DoithoaiPortal(CustomerPortal):

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _doithoai_today(self, dialogue=None):
        """Today where the dialogue's organisation sits (the one local-time rule)."""
        org = dialogue.sudo().organization_id if dialogue else request.env["doithoai.organization"]
        return org._doithoai_today()

    def _doithoai_dialogue_domain(self):
        return [("portal_published", "=", True), ("state", "in", VISIBLE_DIALOGUE_STATES)]

    def _doithoai_question_domain(self):
        return [("asker_ids", "in", request.env.user.partner_id.ids)]

    def _doithoai_is_open(self, dialogue):
        """Whether a published dialogue still takes questions today."""
        deadline = dialogue.questions_deadline
        return bool(dialogue.portal_published and dialogue.state in OPEN_STATES
                    and deadline and self._doithoai_today(dialogue) <= deadline)

    def _doithoai_domain(self, model):
        """What the citizen may see of a model: the only access rule of the portal."""
        if model == "doithoai.dialogue":
            return self._doithoai_dialogue_domain()
        return self._doithoai_question_domain()

    def _doithoai_page(self, model, domain, url, page, order):
        """One page of the records the user may see, and its pager (read in sudo: citizens
        have no direct access to internal models, so JSON-RPC shows them nothing)."""
        Model = request.env[model].sudo()
        pager = portal_pager(url=url, total=Model.search_count(domain), page=page, step=self._items_per_page)
        return Model.search(domain, order=order, limit=self._items_per_page, offset=pager["offset"]), pager

    def _doithoai_check(self, model, record_id):
        """The record if the portal shows it to this user (else 404), in sudo."""
        record = request.env[model].sudo().browse(record_id).exists()
        if not record or not record.filtered_domain(self._doithoai_domain(model)):
            raise NotFound()
        return record

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        for key, model in (("doithoai_dialogue_count", "doithoai.dialogue"),
                           ("doithoai_question_count", "doithoai.question")):
            if key in counters:
                values[key] = request.env[model].sudo().search_count(self._doithoai_domain(model))
        return values

    # ------------------------------------------------------------------
    # dialogues open for questions
    # ------------------------------------------------------------------
    @http.route(["/my/dialogues", "/my/dialogues/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_dialogues(self, page=1, **kw):
        dialogues, pager = self._doithoai_page("doithoai.dialogue", self._doithoai_dialogue_domain(),
                                               "/my/dialogues", page, "date_start desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "doithoai_dialogues",
            "dialogues": dialogues,
            "open_ids": {d.id for d in dialogues if self._doithoai_is_open(d)},
            "pager": pager,
            "default_url": "/my/dialogues",
        })
        return request.render("doithoai_module.portal_my_dialogues", values)

    @http.route("/my/dialogues/<int:dialogue_id>", type="http", auth="user", website=True)
    def portal_my_dialogue(self, dialogue_id, **kw):
        dialogue = self._doithoai_check("doithoai.dialogue", dialogue_id)
        return self._doithoai_render_dialogue(dialogue, kw)

    def _doithoai_render_dialogue(self, dialogue, kw, error=None, status=200):
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "doithoai_dialogue",
            "dialogue": dialogue,
            "is_open": self._doithoai_is_open(dialogue),
            "fields_list": request.env["doithoai.field"].sudo().search([]),
            "error": error,
            "form": kw,
            "max_size_mb": MAX_ATTACHMENT_SIZE // (1024 * 1024),
            "accept": ",".join(sorted(ALLOWED_ATTACHMENTS)),
        })
        return request.render("doithoai_module.portal_my_dialogue", values, status=status)

    @http.route("/my/dialogues/<int:dialogue_id>/question", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_send_question(self, dialogue_id, **kw):
        dialogue = self._doithoai_check("doithoai.dialogue", dialogue_id)
        env = request.env
        if not self._doithoai_is_open(dialogue):
            return self._doithoai_render_dialogue(dialogue, kw, error=env._(
                "Questions for this dialogue were due by %s: the deadline has passed, "
                "your question was not sent.", dialogue.questions_deadline.strftime("%d/%m/%Y")
                if dialogue.questions_deadline else "-"), status=400)
        content = "".join(c for c in (kw.get("content") or "") if c in "\n\t" or c.isprintable()).strip()
        if not content:
            return self._doithoai_render_dialogue(dialogue, kw, error=env._("Write your question."), status=400)
        if len(content) > MAX_CONTENT_LENGTH:
            return self._doithoai_render_dialogue(dialogue, kw, error=env._(
                "Your question is too long: at most %s characters.", MAX_CONTENT_LENGTH), status=400)
        field = env["doithoai.field"].sudo()
        if kw.get("field_id"):
            try:
                field = field.browse(int(kw["field_id"])).exists()
            except ValueError:
                field = field.browse()
            if not field:
                return self._doithoai_render_dialogue(dialogue, kw, error=env._("Choose a field from the list."),
                                                      status=400)
        Question = env["doithoai.question"].sudo().with_context(active_test=False)
        recent = self._doithoai_recent_questions()
        if recent >= QUESTIONS_PER_HOUR:
            return self._doithoai_render_dialogue(dialogue, kw, error=env._(
                "You already sent %s questions in the last hour: please wait a little before sending "
                "another one.", recent), status=429)
        upload = request.httprequest.files.get("attachment")
        attachment_vals = None
        if upload and upload.filename:
            attachment_vals, error = self._doithoai_check_upload(upload)
            if error:
                return self._doithoai_render_dialogue(dialogue, kw, error=error, status=400)
        question = Question.with_context(mail_create_nosubscribe=True, tracking_disable=False).create({
            "dialogue_id": dialogue.id,
            "content": content,
            "field_id": field.id,
            "register_to_speak": bool(kw.get("register_to_speak")),
            "channel": "online",
            "asker_ids": [fields.Command.set(env.user.partner_id.ids)],
        })
        if attachment_vals:
            env["ir.attachment"].sudo().create(dict(attachment_vals, res_model=question._name, res_id=question.id))
        return request.redirect(f"/my/questions/{question.id}?sent=1")

    def _doithoai_recent_questions(self):
        """How many questions this user sent in the last hour, counted under a lock per user
        (held until the request ends) so that parallel posts cannot all pass the limit. The
        request's snapshot predates the lock: what other posts committed meanwhile is counted
        through a fresh transaction, and the larger count wins."""
        env = request.env
        env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext('doithoai_portal'), %s)", env.uid))
        count_sql = SQL(
            "SELECT COUNT(*) FROM doithoai_question WHERE create_uid = %s AND channel = 'online' "
            "AND create_date >= %s", env.uid, fields.Datetime.now() - timedelta(hours=1))
        with env.registry.cursor() as fresh:
            fresh.execute(count_sql)
            committed = fresh.fetchone()[0]
        env.cr.execute(count_sql)
        return max(committed, env.cr.fetchone()[0])

    def _doithoai_check_upload(self, upload):
        env = request.env
        name = os.path.basename(upload.filename or "")[:200]
        ext = os.path.splitext(name)[1].lower()
        data = upload.read(MAX_ATTACHMENT_SIZE + 1)
        if len(data) > MAX_ATTACHMENT_SIZE:
            return None, env._("The attached file is larger than %s MB.", MAX_ATTACHMENT_SIZE // (1024 * 1024))
        if not data:
            return None, env._("The attached file is empty.")
        mimetype = guess_mimetype(data, default="application/octet-stream")
        if ext not in ALLOWED_ATTACHMENTS or mimetype not in ALLOWED_ATTACHMENTS[ext]:
            return None, env._("This kind of file is not accepted: attach a PDF, an image (JPG, PNG) "
                               "or an office document (Word, Excel, OpenDocument).")
        return {"name": name, "datas": base64.b64encode(data), "mimetype": mimetype}, None

    # ------------------------------------------------------------------
    # my questions
    # ------------------------------------------------------------------
    @http.route(["/my/questions", "/my/questions/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_questions(self, page=1, **kw):
        questions, pager = self._doithoai_page("doithoai.question", self._doithoai_question_domain(),
                                               "/my/questions", page, "date_received desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "doithoai_questions",
            "questions": questions,
            "status": {q.id: self._doithoai_status(q) for q in questions},
            "pager": pager,
            "default_url": "/my/questions",
        })
        return request.render("doithoai_module.portal_my_questions", values)

    @http.route("/my/questions/<int:question_id>", type="http", auth="user", website=True)
    def portal_my_question(self, question_id, sent=None, **kw):
        question = self._doithoai_check("doithoai.question", question_id)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "doithoai_question",
            "question": question,
            "status": self._doithoai_status(question),
            "answers": self._doithoai_answers(question),
            "attachments": request.env["ir.attachment"].sudo().search([
                ("res_model", "=", question._name), ("res_id", "=", question.id),
                ("create_uid", "=", request.env.uid)]),
            "sent": bool(sent),
        })
        return request.render("doithoai_module.portal_my_question", values)

    def _doithoai_assignments(self, question):
        return question.assignment_ids.filtered(lambda a: a.active and a.state != "cancel")

    def _doithoai_status(self, question):
        """The question's step in plain words, one line per assignment once it is assigned."""
        env = request.env
        d = lambda day: day.strftime("%d/%m/%Y") if day else ""  # noqa: E731
        state = question.state
        if state == "received":
            return [env._("Received on %s", d(question.date_received and question.date_received.date()))]
        if state == "forwarded":
            return [env._("Forwarded to %s", question.competent_organization_id.name or env._("the competent agency"))]
        if state == "answered":
            return [env._("Answered in the session")]
        if state == "declined":
            return [env._("Not answered in the session")]
        if state == "closed":
            return [env._("Closed")]
        lines = []
        for assignment in self._doithoai_assignments(question):
            agency = assignment.organization_id.name or ""
            if assignment.state == "done":
                lines.append(env._("Resolved by %(agency)s on %(date)s", agency=agency, date=d(assignment.date_resolved)))
            elif assignment.extension_date:
                reason = "" if assignment.confidential else (assignment.extension_reason or "")
                lines.append(env._("Extended to %(date)s by %(agency)s: %(reason)s",
                                   date=d(assignment.extension_date), agency=agency, reason=reason).rstrip(": "))
            else:
                lines.append(env._("Assigned to %(agency)s, to be resolved by %(date)s",
                                   agency=agency, date=d(assignment.date_due)))
        if state == "resolved" and not lines:
            lines.append(env._("Resolved"))
        return lines or [env._("Assigned")]

    def _doithoai_answers(self, question):
        """What may be shown to the asker: the answer, results and issued written answers; never confidential."""
        if question.confidential:
            return {"text": "", "decline_reason": "", "assignments": []}
        Number = request.env["doithoai.paper.number"].sudo()
        assignments = []
        for assignment in self._doithoai_assignments(question).filtered(lambda a: not a.confidential):
            kind = "extension" if assignment.extension_date and not assignment.date_resolved else "answer"
            issued = Number.search([("res_model", "=", assignment._name), ("res_id", "=", assignment.id),
                                    ("paper_type", "=", "answer"), ("key", "=", kind),
                                    ("state", "=", "issued")], limit=1)
            # a signed answer says who signed it, for which organisation, when, and whether intact
            signatures = pades.validate(issued.signed_attachment_id.raw,
                                        request.env["doithoai.certificate"].sudo()._trust_roots()) \
                if issued.signed_attachment_id else []
            assignments.append({"assignment": assignment, "issued": bool(issued), "signatures": signatures,
                                "result": assignment.result if assignment.state == "done" else False})
        return {"text": question.answer if question.outcome == "answered" or question.state == "answered" else "",
                "decline_reason": question.decline_reason if question.outcome == "declined" else "",
                "assignments": assignments}

    @http.route("/my/questions/<int:question_id>/answer/<int:assignment_id>", type="http", auth="user",
                website=True)
    def portal_written_answer(self, question_id, assignment_id, download=False, **kw):
        question = self._doithoai_check("doithoai.question", question_id)
        item = next((a for a in self._doithoai_answers(question)["assignments"]
                     if a["assignment"].id == assignment_id and a["issued"]), None)
        if not item:
            raise NotFound()
        assignment = item["assignment"]
        report = request.env["ir.actions.report"].sudo().with_company(assignment.company_id)
        pdf = report._render_qweb_pdf("doithoai_module.action_report_answer", assignment.ids)[0]
        filename = "Van ban tra loi - %s.pdf" % re.sub(r"[^\w -]+", "_", assignment.name or "")
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Length", str(len(pdf))),
            ("Content-Disposition", content_disposition(filename, "attachment" if download else "inline")),
        ])

    # ------------------------------------------------------------------
    # public page of a dialogue (share link)
    # ------------------------------------------------------------------
    @http.route("/doithoai/dialogue/<int:dialogue_id>", type="http", auth="public", website=True)
    def public_dialogue(self, dialogue_id, access_token=None, **kw):
        dialogue_sudo = request.env["doithoai.dialogue"].sudo().browse(dialogue_id).exists()
        if not dialogue_sudo or not dialogue_sudo.filtered_domain(self._doithoai_dialogue_domain()):
            raise NotFound()
        # Signed-in citizens see every published dialogue on /my/dialogues; others need the link.
        if request.env.user._is_public():
            token = dialogue_sudo.access_token
            if not (access_token and token and consteq(token, access_token)):
                raise NotFound()
        return request.render("doithoai_module.public_dialogue", {
            "dialogue": dialogue_sudo,
            "is_open": self._doithoai_is_open(dialogue_sudo),
            "page_name": "doithoai_public_dialogue",
            "no_breadcrumbs": True,
        })
