"""A leader now signs only as themselves: the papers signed before by the superuser (the demo's
notice, signed at install) are credited to the login of their signer, when there is one."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE doithoai_paper_number p
           SET signed_by_id = u.id
          FROM res_users u
         WHERE p.signed_attachment_id IS NOT NULL AND p.signed_by_id = 1
           AND u.partner_id = p.signer_id AND u.active
    """)
