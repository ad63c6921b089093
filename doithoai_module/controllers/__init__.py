from . import doithoai_xlsx
from . import doithoai_portal
from . import doithoai_public
from . import doithoai_verify
