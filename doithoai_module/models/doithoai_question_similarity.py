"""Likely duplicates and repeated issues, found by PostgreSQL (pg_trgm + unaccent).

The module creates both extensions when the database role may (they are "trusted" since
PostgreSQL 13: the database owner may create them), an immutable `doithoai_norm(text)`
(lower case, without Vietnamese diacritics) and a GIN trigram index on
`doithoai_norm(content)`. Grouping is one self-join query with the `%` operator on that
indexed expression; Python only joins the matched pairs into groups.

When the extensions cannot be created, a warning tells the administrator what to run and
the officer's screens say so; only questions with the same text are then grouped.
"""
import logging

import psycopg2

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# pg_trgm similarity above which two questions are shown as likely the same.
SIMILARITY_THRESHOLD = 0.45
RESOLVED_STATES = ("answered", "resolved")
MAX_PREVIOUS = 5


def _union_groups(pairs):
    """Connected components of the matched pairs {(a, b, score), ...}: {id: root}."""
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, *_rest in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


class DoithoaiQuestion(models.Model):
    _inherit = "doithoai.question"

    carried_from_id = fields.Many2one("doithoai.question", string="Carried from", readonly=True,
                                      index="btree_not_null", copy=False,
                                      help="The unresolved question of an earlier dialogue this one takes up again.")
    previous_ids = fields.Many2many(
        "doithoai.question", "doithoai_question_repeat_rel", "question_id", "previous_id",
        string="Raised Before", readonly=True, copy=False,
        help="Earlier questions of the same organisation tree (other dialogues) that look the same.")
    repeat_count = fields.Integer(string="Times Raised", compute="_compute_repeat", store=True)
    ever_resolved = fields.Boolean(string="Ever Resolved", compute="_compute_repeat", store=True)

    @api.depends("state", "previous_ids", "previous_ids.state")
    def _compute_repeat(self):
        for question in self:
            earlier = question.sudo().previous_ids
            question.repeat_count = 1 + len(earlier)
            question.ever_resolved = any(s in RESOLVED_STATES for s in [question.state] + earlier.mapped("state"))

    # ------------------------------------------------------------------
    # database set-up (install and every upgrade)
    # ------------------------------------------------------------------
    def init(self):
        super().init()
        self._doithoai_setup_similarity()

    @api.model
    def _doithoai_setup_similarity(self):
        cr = self.env.cr
        try:
            with cr.savepoint():
                cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cr.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        except psycopg2.Error as error:
            _logger.warning(
                "Similar questions: the database role cannot create the PostgreSQL extensions "
                "pg_trgm and unaccent (%s). Ask the database administrator to run "
                "CREATE EXTENSION pg_trgm; CREATE EXTENSION unaccent; in this database, then "
                "update the module. Until then only questions with the same text are grouped.",
                str(error).strip())
            return
        cr.execute("""SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                       WHERE e.extname = 'unaccent'""")
        schema = cr.fetchone()[0]
        # unaccent() is only STABLE (its dictionary could change): naming the dictionary makes
        # the wrapper safe to declare IMMUTABLE, which an index expression requires.
        cr.execute(SQL(
            """CREATE OR REPLACE FUNCTION doithoai_norm(text) RETURNS text
               LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
               AS $$ SELECT lower(%s.unaccent(%s::regdictionary, $1)) $$""",
            SQL.identifier(schema), f"{schema}.unaccent"))
        cr.execute("""CREATE INDEX IF NOT EXISTS doithoai_question_content_trgm_idx
                      ON doithoai_question USING gin (doithoai_norm(content) gin_trgm_ops)""")

    @api.model
    def _doithoai_similarity_ready(self):
        self.env.cr.execute("""SELECT to_regprocedure('doithoai_norm(text)') IS NOT NULL
                               AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')""")
        return self.env.cr.fetchone()[0]

    @api.model
    def _doithoai_similarity_message(self):
        if self._doithoai_similarity_ready():
            return False
        return self.env._(
            "Similarity search is off: the PostgreSQL extensions pg_trgm and unaccent are missing "
            "in this database. Ask the administrator to run “CREATE EXTENSION pg_trgm; CREATE "
            "EXTENSION unaccent;” and update the module. Until then only questions with exactly "
            "the same text are grouped.")

    def _doithoai_set_threshold(self, threshold=SIMILARITY_THRESHOLD):
        self.env.cr.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(threshold)])

    # ------------------------------------------------------------------
    # duplicates within a dialogue
    # ------------------------------------------------------------------
    @api.model
    def doithoai_duplicate_groups(self, dialogue_id, question_id=None):
        """Likely duplicates among the open questions of a dialogue the user may read, as
        [{"similarity": best score, "question_ids": [...], "lines": [{"question_id",
        "similarity", "similarity_accented"}]}], best groups first. Restricted to the group of
        `question_id` when given."""
        dialogue = self.env["doithoai.dialogue"].browse(int(dialogue_id))
        dialogue.check_access("read")
        # Record rules decide what the user sees: confidential questions stay out for officers.
        visible = self.search([("dialogue_id", "=", dialogue.id), ("merged_into_id", "=", False),
                               ("outcome", "=", False)]).ids
        if len(visible) < 2:
            return []
        self.flush_model(["content", "dialogue_id", "active", "merged_into_id"])
        if self._doithoai_similarity_ready():
            self._doithoai_set_threshold()
            self.env.cr.execute("""
                SELECT a.id, b.id,
                       similarity(doithoai_norm(a.content), doithoai_norm(b.content)),
                       similarity(lower(a.content), lower(b.content))
                  FROM doithoai_question a
                  JOIN doithoai_question b
                    ON b.dialogue_id = a.dialogue_id AND b.id > a.id
                   AND doithoai_norm(a.content) %% doithoai_norm(b.content)
                 WHERE a.id = ANY(%s) AND b.id = ANY(%s)""", [visible, visible])
        else:
            self.env.cr.execute("""
                SELECT a.id, b.id, 1.0, 1.0
                  FROM doithoai_question a
                  JOIN doithoai_question b
                    ON b.dialogue_id = a.dialogue_id AND b.id > a.id
                   AND lower(regexp_replace(btrim(a.content), '\\s+', ' ', 'g'))
                     = lower(regexp_replace(btrim(b.content), '\\s+', ' ', 'g'))
                 WHERE a.id = ANY(%s) AND b.id = ANY(%s)""", [visible, visible])
        pairs = self.env.cr.fetchall()
        roots = _union_groups(pairs)
        best = {}
        for a, b, score, accented in pairs:
            for qid in (a, b):
                old = best.get(qid, (0.0, 0.0))
                best[qid] = (max(old[0], score), max(old[1], accented))
        groups = {}
        for qid, root in roots.items():
            groups.setdefault(root, []).append(qid)
        result = []
        for members in groups.values():
            if question_id and int(question_id) not in members:
                continue
            lines = sorted(({"question_id": qid, "similarity": round(best[qid][0], 3),
                             "similarity_accented": round(best[qid][1], 3)} for qid in members),
                           key=lambda line: (-line["similarity"], line["question_id"]))
            result.append({"similarity": lines[0]["similarity"],
                           "question_ids": sorted(members), "lines": lines})
        result.sort(key=lambda group: (-group["similarity"], group["question_ids"][0]))
        return result

    def action_view_duplicates(self):
        self.ensure_one()
        return self.env["doithoai.question.duplicate.wizard"]._open(self.dialogue_id, self)

    # ------------------------------------------------------------------
    # a new question's likely matches among all stored questions
    # ------------------------------------------------------------------
    @api.model
    def _doithoai_similar_ids(self, text, limit=10, organization=None, exclude_dialogue=None):
        """[(id, similarity)] of the stored questions most like `text` (index scan)."""
        if not text or not self._doithoai_similarity_ready():
            return []
        self._doithoai_set_threshold()
        where = [SQL("doithoai_norm(q.content) %% doithoai_norm(%s)", text), SQL("q.merged_into_id IS NULL")]
        if organization:
            where.append(SQL("q.organization_id IN (SELECT id FROM doithoai_organization WHERE parent_path LIKE %s)",
                             organization.parent_path + "%"))
        if exclude_dialogue:
            where.append(SQL("q.dialogue_id != %s", exclude_dialogue.id))
        self.env.cr.execute(SQL(
            """SELECT q.id, similarity(doithoai_norm(q.content), doithoai_norm(%s)) AS score
                 FROM doithoai_question q WHERE %s ORDER BY score DESC, q.id DESC LIMIT %s""",
            text, SQL(" AND ").join(where), limit))
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------
    # repeated issues: links to earlier questions of the same organisation tree
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        questions = super().create(vals_list)
        questions._doithoai_link_repeats()
        return questions

    def _doithoai_link_repeats(self):
        """One query for the batch: each question gets the earlier questions of other
        dialogues, in its organisation's tree (above or below), that look the same."""
        if not self or not self._doithoai_similarity_ready():
            return
        self.flush_model(["content", "dialogue_id", "organization_id", "merged_into_id"])
        self.env["doithoai.organization"].flush_model(["parent_path"])
        self._doithoai_set_threshold()
        self.env.cr.execute("""
            SELECT n.id, e.id
              FROM doithoai_question n
              JOIN doithoai_organization o ON o.id = n.organization_id
             CROSS JOIN LATERAL (
                   SELECT e.id
                     FROM doithoai_question e
                     JOIN doithoai_organization eo ON eo.id = e.organization_id
                    WHERE doithoai_norm(e.content) %% doithoai_norm(n.content)
                      AND e.id < n.id AND e.dialogue_id != n.dialogue_id
                      AND e.merged_into_id IS NULL
                      AND (eo.parent_path LIKE o.parent_path || '%%'
                           OR o.parent_path LIKE eo.parent_path || '%%')
                    ORDER BY similarity(doithoai_norm(e.content), doithoai_norm(n.content)) DESC
                    LIMIT %s) e
             WHERE n.id = ANY(%s)""", [MAX_PREVIOUS, self.ids])
        found = {}
        for new_id, earlier_id in self.env.cr.fetchall():
            found.setdefault(new_id, []).append(earlier_id)
        for question in self.sudo().filtered(lambda q: q.id in found or q.carried_from_id):
            earlier = set(found.get(question.id, []))
            if question.carried_from_id:
                earlier |= {question.carried_from_id.id, *question.carried_from_id.previous_ids.ids}
            # sudo: a consequence of creating the question (the field is read-only to users)
            question.write({"previous_ids": [fields.Command.link(i) for i in sorted(earlier)]})
