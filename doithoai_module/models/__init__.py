from . import doithoai_level
