"""Likely duplicates by word pairs: the module's set-up (run by the update before this script)
replaced the trigram index by the GIN index of `doithoai_keys(content)`; ANALYZE gives
`doithoai_rare_keys()` the frequencies of the pairs at once, instead of at the next
autovacuum."""


def migrate(cr, version):
    cr.execute("SELECT to_regclass('doithoai_question_keys_idx') IS NOT NULL")
    if cr.fetchone()[0]:
        cr.execute("ANALYZE doithoai_question")
