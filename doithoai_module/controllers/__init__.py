from . import doithoai_xlsx
