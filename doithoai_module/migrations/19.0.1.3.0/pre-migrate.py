"""19.0.1.3.0: the paper register holds issued papers (corrections are new rows).

Rows numbered before (on first print) are kept as they are: issued papers, with their
number, date and record, but no signer and no stored PDF; they print from the current data
with that number until a correction issues them again. A paper may now have several rows
(the replaced ones): the one-row-per-paper constraint gives way to a unique index on the
issued row (declared on the model)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("ALTER TABLE doithoai_paper_number DROP CONSTRAINT IF EXISTS doithoai_paper_number__document_unique")
    cr.execute("ALTER TABLE doithoai_paper_number DROP CONSTRAINT IF EXISTS doithoai_paper_number_document_unique")
