"""The register's unique sequence ignores typed numbers (stored with sequence 0): two typed
numbers of one organisation, type and year collided. The old constraint is replaced by a
partial unique index (doithoai.paper.number._sequence_unique_numbered)."""


def migrate(cr, version):
    cr.execute("ALTER TABLE doithoai_paper_number DROP CONSTRAINT IF EXISTS doithoai_paper_number_sequence_unique")
    cr.execute("DELETE FROM ir_model_constraint WHERE name = 'doithoai_paper_number_sequence_unique'")
