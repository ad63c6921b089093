"""Values of the official papers (QWeb templates in report/doithoai_paper_templates.xml)."""
from odoo import api, fields, models

from ..tools import vn_paper
from ..tools.vn_paper import year_bounds


def lcfirst(text):
    return text[:1].lower() + text[1:]


def clause(text):
    """A free text put inside a sentence ("Do <reason>, việc…"): no final stop, and no capital
    on its first word unless it starts a name ("Chờ hướng dẫn" -> "chờ hướng dẫn", but
    "Sở Y tế", "UBND" and "Trung Ương" stay)."""
    text = " ".join((text or "").split()).rstrip(" .;,:")
    words = text.split(" ", 2)
    if len(words[0]) > 1 and words[0][0].isupper() and words[0][1:].islower() \
            and not (len(words) > 1 and words[1][:1].isupper()):
        text = lcfirst(text)
    return text


def without_type(name, type_word):
    """A title that repeats the paper's type ("Kế hoạch tổ chức…" under KẾ HOẠCH, or after
    "Kế hoạch" in a sentence) without it: "tổ chức…"."""
    name = (name or "").strip()
    if name.lower().startswith(type_word.lower() + " "):
        name = name[len(type_word) + 1:].strip()
    return name


def _norm(text):
    """Lower case, common abbreviations of body names expanded the one way, for comparisons."""
    text = " ".join((text or "").lower().replace("uỷ", "ủy").split())
    for long, short in (("ủy ban nhân dân", "ubnd"), ("hội đồng nhân dân", "hđnd"),
                        ("hội liên hiệp phụ nữ", "hội lhpn"), ("mặt trận tổ quốc", "mttq")):
        text = text.replace(long, short)
    return text


def names_organization(title, org):
    """Whether a person's job title already names the organisation ("Chủ tịch UBND tỉnh Thái
    Nguyên" for UBND / Ủy ban nhân dân tỉnh Thái Nguyên): then it is not named twice."""
    title = _norm(title)
    return any(_norm(name) and _norm(name) in title for name in (org.name, org.paper_name))


def is_grouping(org):
    """A record that only groups bodies (“Tỉnh Thái Nguyên”): no body of its own, never a
    recipient nor a superior body on paper."""
    return bool(org) and org.kind == "other" and bool(org.child_ids)


def superior(org):
    """The body above, skipping grouping records; empty when there is none."""
    parent = org.parent_id
    while parent and is_grouping(parent):
        parent = parent.parent_id
    return parent


def _recipient(org, suffix=""):
    return f"{org._paper_name()}{suffix}" if org and not is_grouping(org) else ""


def archive_line(org):
    """The last line of "Nơi nhận": the issuing body's clerk and the drafting unit (Decree 30:
    "Lưu: VT, KGVX."; Party guidance: "Lưu Văn phòng Tỉnh ủy.")."""
    unit = (org.paper_drafting_unit or "").strip()
    if org._paper_is_party():
        return f"Lưu {unit}." if unit else f"Lưu Văn phòng {org._paper_name()}."
    return f"Lưu: VT, {unit or 'VP'}."


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
        """'Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên' as the text names the host: the job title,
        with the organisation unless the title already names it."""
        org = dialogue.organization_id
        title = (dialogue.host_id.function or org._paper_head_title() or "").strip()
        if not title:
            return org._paper_name()
        return title if names_organization(title, org) else f"{title} {org._paper_name()}"

    def _finish(self, paper, org):
        """What every paper of this file adds to the dictionary of doithoai.paper._build: the
        archive line of "Nơi nhận" (read by the signature template)."""
        paper["archive"] = archive_line(org)
        return paper

    def _dialogue_recipients(self, dialogue, agencies=None):
        """Nơi nhận of a dialogue's paper: the body above (for its information), the co-host
        union, then the agencies; never a grouping record, never the issuing body itself."""
        above, others = self._recipient_organizations(dialogue, agencies)
        return [_recipient(above, " (b/c)"), *(agency._paper_name() for agency in others)]

    def _recipient_organizations(self, dialogue, agencies=None):
        """(the body above, the other recipients in the order of Nơi nhận) of a dialogue's paper."""
        org = dialogue.organization_id
        above = superior(org)
        seen = org | above
        others = self.env["doithoai.organization"]
        for agency in (dialogue.cohost_organization_id | (agencies or self.env["doithoai.organization"])):
            if agency in seen or is_grouping(agency):
                continue
            seen |= agency
            others |= agency
        return above, others

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
            agencies = (dialogues.cohost_organization_id | dialogues.invited_organization_ids) - org
            agencies = agencies.filtered(lambda a: not is_grouping(a))
            recipients = [_recipient(superior(org), " (b/c)"), *(a._paper_name() for a in agencies)]
            # The title under KẾ HOẠCH, and "Trên đây là Kế hoạch …", without "Kế hoạch" twice.
            topic = without_type(plan.name, "Kế hoạch")
            paper = self._finish(P._build(org, "plan", plan, summary=topic[:1].upper() + topic[1:],
                                          recipients=recipients), org)
            result.append({"paper": paper, "doc": plan, "dialogues": dialogues, "agencies": agencies,
                           "topic": lcfirst(topic)})
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
            paper = self._finish(P._build(org, "invitation", dialogue,
                                          summary="Dự " + lcfirst(self._dialogue_summary(dialogue)),
                                          recipients=["Như trên"], signer=dialogue.host_id,
                                          deputy=self._deputy(dialogue)), org)
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
            paper = self._finish(P._build(org, "minutes", dialogue,
                                          summary=self._dialogue_summary(dialogue), signer=dialogue.host_id,
                                          deputy=self._deputy(dialogue)), org)
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
            assignments = self._notice_assignments(dialogue)
            agencies = self._notice_agencies(dialogue)
            paper = self._finish(P._build(
                org, "notice", dialogue,
                summary=f"Kết luận của đồng chí {self._host_words(dialogue)} tại "
                        + self._dialogue_summary(dialogue, with_host=False),
                recipients=self._dialogue_recipients(dialogue, agencies), signer=dialogue.host_id,
                deputy=self._deputy(dialogue)), org)
            result.append({"paper": paper, "doc": dialogue, "questions": questions,
                           "tasks": task_rows(assignments, questions),
                           "host_words": self._host_words(dialogue)})
        return result

    def _notice_assignments(self, dialogue):
        """The tasks the notice gives: never a confidential one (those go in the appendix)."""
        return dialogue.sudo().assignment_ids.filtered(
            lambda a: a.state != "cancel" and not a.confidential).with_env(self.env)

    def _notice_agencies(self, dialogue):
        return (self._notice_assignments(dialogue).organization_id
                | dialogue.invited_organization_ids).sorted("complete_name")

    def _notice_recipient_partners(self, dialogue):
        """Who receives the notice by e-mail: the organisations of its Nơi nhận that have an address."""
        above, others = self._recipient_organizations(dialogue, self._notice_agencies(dialogue))
        return (above | others).sudo().partner_id.filtered("email").with_env(self.env)


def task_rows(assignments, questions):
    """The rows of the tasks table: the whole task, the numbers of the questions it answers in
    the paper's list of questions, the legal deadline, and an extension said apart."""
    number = {q.id: index + 1 for index, q in enumerate(questions)}
    rows = []
    for a in assignments.sorted(lambda a: (a.deadline or a.date_due or fields.Date.today(), a.id)):
        task = " ".join((a.name or "").split())
        # A task left as the summary of its question ("…" at 80 characters) prints the question whole.
        for q in a.question_ids:
            if task.endswith("…") and task == q.name:
                task = q._task_text()
        rows.append({"assignment": a, "task": task,
                     "numbers": sorted(number[q.id] for q in a.question_ids if q.id in number),
                     "deadline": a.deadline, "extension": a.extension_date})
    return rows


class ReportDoithoaiConfidentialAppendix(models.AbstractModel):
    """The confidential questions and tasks of a conclusion notice, in a paper of their own marked
    MẬT, sent only to the competent agencies and the host; the notice never lists them."""
    _name = "report.doithoai_module.report_confidential_appendix"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Confidential Appendix Paper"
    _paper_model = "doithoai.dialogue"

    @api.model
    def _confidential_items(self, dialogue):
        """(confidential questions, their tasks) of the dialogue, read past the record rules:
        callers check first that the user may see them (register._check_confidential_reader)."""
        sudo = dialogue.sudo()
        questions = sudo.with_context(active_test=False).question_ids.filtered(
            lambda q: q.confidential and not q.merged_into_id and q.active)
        assignments = sudo.assignment_ids.filtered(lambda a: a.confidential and a.state != "cancel")
        return questions, assignments

    def _papers(self, dialogues, data):
        P = self.env["doithoai.paper"]
        Register = self.env["doithoai.paper.number"]
        result = []
        for dialogue in dialogues:
            Register._check_confidential_reader(dialogue, "appendix")
            org = dialogue.organization_id
            questions, assignments = self._confidential_items(dialogue)
            agencies = (assignments.organization_id | questions.competent_organization_id) - org
            host = dialogue.host_id
            recipients = [f"Đồng chí {host.name} - {self._host_words(dialogue)}" if host
                          else self._host_words(dialogue),
                          *(a._paper_name() for a in agencies.sorted("complete_name") if not is_grouping(a))]
            notice = Register._current(dialogue, "notice")
            paper = self._finish(P._build(
                org, "appendix", dialogue, title="PHỤ LỤC",
                summary="Ý kiến, kiến nghị và nhiệm vụ thuộc nội dung mật",
                recipients=recipients, signer=dialogue.host_id, deputy=self._deputy(dialogue)), org)
            result.append({"paper": paper, "doc": dialogue, "questions": questions.with_env(self.env),
                           "tasks": task_rows(assignments, questions),
                           "notice": notice, "host_words": self._host_words(dialogue)})
        return result


class ReportDoithoaiAnswer(models.AbstractModel):
    _name = "report.doithoai_module.report_answer"
    _inherit = "report.doithoai_module.paper_mixin"
    _description = "Written Answer Paper"
    _paper_model = "doithoai.assignment"

    def _papers(self, assignments, data):
        P = self.env["doithoai.paper"]
        Register = self.env["doithoai.paper.number"]
        result = []
        for assignment in assignments:
            dialogue = assignment.dialogue_id
            agency = assignment.organization_id
            # A letter to the askers of this assignment only: its questions, the same for whoever
            # prints it; a confidential one is printed only by who may see it.
            Register._check_confidential_reader(assignment, "answer")
            questions = assignment.sudo().question_ids.with_env(self.env)
            extension = bool(assignment.extension_date) and not assignment.date_resolved
            kind = "extension" if extension else "answer"
            session = P._local_date(dialogue.date_start, dialogue.organization_id)
            notice = Register._current(dialogue, "notice")
            notice_number = notice.name or dialogue.conclusion_number
            summary = ("V/v gia hạn giải quyết ý kiến, kiến nghị" if extension
                       else "V/v trả lời ý kiến, kiến nghị") + \
                (f" tại Hội nghị đối thoại ngày {vn_paper.short_date(session.date())}" if session else "")
            host_org = assignment.host_organization_id
            recipients = ["Như trên", _recipient(host_org, " (b/c)") if host_org != agency else ""]
            paper = self._finish(P._build(agency, "answer", assignment, key=kind, title="", summary=summary,
                                          recipients=recipients), agency)
            askers = questions.asker_ids or assignment.asker_ids
            result.append({"paper": paper, "doc": assignment, "dialogue": dialogue, "questions": questions,
                           "askers": askers, "extension": extension, "notice_number": notice_number,
                           "notice_date": notice.date or assignment.notice_date,
                           "reason": clause(assignment.extension_reason),
                           "host_words": self._host_words(dialogue), "session": session})
        return result


QUESTION_OUTCOMES = ("answered", "declined", "referred", "resolved", "pending", "overdue", "unassigned", "waiting")


def question_outcomes(questions, today):
    """Where each question stands, exactly one place each, so that the figures add up:
    answered in the session, declined with a reason, referred to the higher level, deferred then resolved / being resolved
    within its deadline / overdue / not assigned yet, or waiting for its session."""
    counts = dict.fromkeys(QUESTION_OUTCOMES, 0)
    for question in questions:
        if question.outcome in ("answered", "declined", "referred"):
            key = question.outcome
        elif question.outcome == "deferred":
            tasks = question.assignment_ids.filtered(lambda a: a.state != "cancel")
            if not tasks:
                key = "unassigned"
            elif all(tasks.mapped("date_resolved")):
                key = "resolved"
            elif any(not a.date_resolved and a.date_due and a.date_due < today for a in tasks):
                key = "overdue"
            else:
                key = "pending"
        else:
            key = "waiting"
        counts[key] += 1
    counts["total"] = len(questions)
    return counts


def percent(part, whole):
    return f"{round(100 * part / whole)}%" if whole else "0%"


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
            # Read past the record rules, inside the organisation's tree only: the paper is the
            # same whoever prints it (the organisation itself was checked readable).
            Org = self.env["doithoai.organization"].sudo()
            tree = Org.search([("id", "child_of", org.id)], order="complete_name")
            today = org._doithoai_today()
            stats = tree._doithoai_statistics(date_from, date_to, today=today)
            total = dict.fromkeys(stats[org.id], 0)
            for row in stats.values():
                for key, value in row.items():
                    total[key] += value
            start, stop = vn_paper.utc_bounds(self.env, date_from, date_to)
            dialogues = self.env["doithoai.dialogue"].sudo().search([
                ("organization_id", "in", tree.ids), ("state", "!=", "cancel"),
                ("date_start", ">=", start), ("date_start", "<", stop)], order="date_start")
            questions = dialogues.question_ids.filtered(lambda q: not q.confidential and not q.merged_into_id)
            outcomes = question_outcomes(questions, today)
            own = dialogues.filtered(lambda d: d.organization_id == org)
            # The subordinates' obligation: the bodies below that must hold a dialogue each year
            # (heads of Party committees and People's Committees existing at the end of the
            # year: a unit abolished during it is not obliged), or that held one anyway.
            held_by = {}
            for dialogue in dialogues.filtered("is_held"):
                held_by.setdefault(dialogue.organization_id.id, self.env["doithoai.dialogue"].sudo())
                held_by[dialogue.organization_id.id] |= dialogue
            below = (tree - org).filtered(
                lambda o: stats[o.id]["required"] or o.id in held_by
                or any(stats[o.id][k] for k in ("questions", "assignments", "planned")))
            obliged = below.filtered(lambda o: stats[o.id]["required"])
            missing = obliged.filtered(lambda o: o.id not in held_by)
            recipients = [_recipient(superior(org), " (b/c)"),
                          "Ủy ban MTTQ và các đoàn thể chính trị - xã hội cùng cấp"]
            paper = self._finish(P._build(
                org, "report", org, key=str(year),
                summary=f"Kết quả tổ chức đối thoại giữa người đứng đầu cấp ủy, "
                        f"chính quyền với Nhân dân năm {year}",
                recipients=recipients), org)
            result.append({
                "paper": paper, "doc": org, "year": str(year), "stats": stats[org.id], "total": total,
                "dialogues": dialogues, "own": own, "below": below, "child_stats": stats,
                "held_by": held_by, "obliged": obliged, "missing": missing, "outcomes": outcomes,
                "question_counts": {d.id: len(d.question_ids.filtered(
                    lambda q: not q.confidential and not q.merged_into_id)) for d in dialogues},
                "evaluation": self._evaluation(org, total, outcomes, obliged, missing, dialogues, today),
            })
        return result

    def _evaluation(self, org, total, outcomes, obliged, missing, dialogues, today):
        """The evaluation section, written from the figures: (results, shortcomings, proposals)."""
        good, weak, proposals = [], [], []
        received = outcomes["total"]
        if total["held"]:
            good.append(f"Đã tổ chức {total['held']} hội nghị đối thoại"
                        + (f"; {len(obliged) - len(missing)}/{len(obliged)} cơ quan, đơn vị cấp dưới "
                           f"thực hiện đối thoại theo quy định" if obliged else "") + ".")
        if received:
            good.append(f"Tiếp nhận {received} ý kiến, kiến nghị; trả lời trực tiếp tại hội nghị "
                        f"{outcomes['answered']} ý kiến ({percent(outcomes['answered'], received)}); "
                        f"đã giải quyết sau hội nghị {outcomes['resolved']} ý kiến.")
        done = total["on_time"] + total["late"]
        if done:
            good.append(f"Tỷ lệ nhiệm vụ giải quyết đúng hạn: {total['on_time']}/{done} "
                        f"({percent(total['on_time'], done)}).")
        if total["required"] and total["held"] < total["required"] and not missing:
            weak.append(f"Số hội nghị đã tổ chức ({total['held']}) chưa đạt số phải tổ chức theo "
                        f"quy định ({total['required']}).")
        if missing:
            weak.append(f"{len(missing)} cơ quan, đơn vị chưa tổ chức đối thoại trong năm: "
                        + ", ".join(o._paper_name() for o in missing) + ".")
            proposals.append("Đề nghị người đứng đầu cấp ủy, chính quyền các cơ quan, đơn vị chưa tổ chức "
                             "đối thoại khẩn trương tổ chức theo quy định.")
        if total["late"]:
            weak.append(f"{total['late']} nhiệm vụ giải quyết trễ hạn.")
        overdue = dialogues.assignment_ids.filtered(
            lambda a: not a.confidential and a.state != "cancel" and not a.date_resolved
            and a.date_due and a.date_due < today)
        if overdue:
            agencies = ", ".join(f"{o._paper_name()} ({len(overdue.filtered(lambda a: a.organization_id == o))})"
                                 for o in overdue.organization_id.sorted("complete_name"))
            weak.append(f"{len(overdue)} nhiệm vụ quá hạn chưa giải quyết, tại: {agencies}.")
            proposals.append("Đề nghị các cơ quan, đơn vị có nhiệm vụ quá hạn khẩn trương giải quyết, trả lời "
                             "bằng văn bản cho người có ý kiến, kiến nghị và báo cáo kết quả.")
        if outcomes["unassigned"]:
            weak.append(f"{outcomes['unassigned']} ý kiến chuyển trả lời sau chưa được giao cơ quan giải quyết.")
            proposals.append("Ban hành thông báo kết luận, giao cơ quan có thẩm quyền giải quyết các ý kiến "
                             "chuyển trả lời sau hội nghị.")
        if not dialogues:
            weak.append("Trong năm chưa tổ chức hội nghị đối thoại nào.")
        if not weak:
            weak.append("Không có hạn chế đáng kể: các nhiệm vụ được giải quyết trong thời hạn.")
        if not proposals:
            proposals.append("Tiếp tục duy trì việc tổ chức đối thoại định kỳ, theo dõi, đôn đốc việc giải "
                             "quyết các kiến nghị sau đối thoại.")
        return {"good": good, "weak": weak, "proposals": proposals}
