from .workdays import WorkdayCalendar
