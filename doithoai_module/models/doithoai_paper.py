"""What every official paper needs: heading, number, date line, signature, recipients.

The QWeb templates only lay out the dictionaries built here, so the rules of Decree
30/2020/NĐ-CP and of the Party's guidance live in Python (tools/vn_paper.py) and are tested.
"""
from odoo import api, fields, models

from ..tools import localtime, vn_paper


class DoithoaiPaper(models.AbstractModel):
    """Builds the heading, number, date, signature and recipients of one paper."""
    _name = "doithoai.paper"
    _description = "Official Paper Helper"

    @api.model
    def _local_date(self, dt, organization=None):
        """The local time of `dt` where the organisation sits (aware datetime), whoever prints."""
        org = organization or self.env["doithoai.organization"]
        return localtime.local_datetime(dt, org._doithoai_tz())

    @api.model
    def _build(self, organization, paper_type, record, *, key="", title=None, summary="",
               recipients=(), signer=None, deputy=False, mode=None):
        """The dictionary a paper template lays out.

        Number, date and signer come from the register of issued papers
        (doithoai.paper.number): a paper not issued yet is a draft, printed "DỰ THẢO" without
        number nor date. Printing never numbers a paper.
        """
        org = organization
        party = org._paper_is_party()
        entry = self.env["doithoai.paper.number"]._current(record, paper_type, key)
        draft = not entry
        if entry:
            number, day = entry.name, entry.date
            signer = entry.signer_id or signer
        else:
            number = vn_paper.number_symbol("\u00a0" * 6, paper_type, org._paper_code(), party)
            day = False
        if not signer:
            # the head signs; without one recorded, the first deputy signs for the head
            signer = org.host_id
            if not signer and org.deputy_ids:
                signer, deputy = org.deputy_ids[:1], True
        head_title = org._paper_head_title()
        signer_function = vn_paper.position(signer.function, org._paper_names()) if signer else ""
        if signer and signer != org.host_id and (
                signer in org.deputy_ids or signer_function.lower().startswith("phó ")):
            deputy = True
        signer_title = signer_function or (
            ("Phó " + head_title.lower()) if deputy and head_title else head_title)
        collective = org._paper_collective()
        mode = mode or ("tm" if collective else "head")
        paper_name, _code = vn_paper.PAPER_TYPES.get(paper_type, ("", ""))
        superior = org._paper_superior()
        full_name = org._paper_full_name()
        if superior and not org.paper_name:
            full_name = vn_paper.strip_superior(full_name, vn_paper.full_name(superior))
        place = org._paper_place()
        return {
            "party": party,
            "parent_name": vn_paper.upper(superior),
            "org_name": vn_paper.upper(full_name),
            "org_text": org._paper_name(),
            "number": vn_paper.number_prefix(number, party),
            "number_symbol": number,
            "date": day,
            "date_line": vn_paper.date_line(place, day) if day else vn_paper.draft_date_line(place),
            "draft": draft,
            "title": title if title is not None else paper_name,
            "summary": summary,
            "vv": summary if paper_type == "answer" else "",
            "signature": {
                "lines": vn_paper.authority_lines(party, mode, collective, head_title, signer_title, deputy),
                "name": signer.name if signer else "",
            },
            "recipients": [r for r in recipients if r],
            "entry": entry,
        }

    # Small formatting helpers the templates call
    @api.model
    def _d(self, day):
        return vn_paper.short_date(day)

    @api.model
    def _date_words(self, day):
        return vn_paper.date_words(day)

    @api.model
    def _time_words(self, dt):
        local = self._local_date(dt)
        return vn_paper.time_words(local.replace(tzinfo=None)) if local else ""

    @api.model
    def _today(self):
        return self.env["doithoai.organization"]._doithoai_today()

    @api.model
    def _names(self, partners):
        return ", ".join(p.name for p in partners if p.name)
