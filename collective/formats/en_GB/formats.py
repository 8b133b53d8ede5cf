DATE_FORMAT = "j F Y"  # 1 December 2026
TIME_FORMAT = "g:i a"  # 6:30 p.m.
DATETIME_FORMAT = "l j F Y, g:i a"  # Tuesday 1 December 2026, 6:30 p.m.
SHORT_DATETIME_FORMAT = "j F Y, g:i a"
MONTH_DAY_FORMAT = "j F"
