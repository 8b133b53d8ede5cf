DATE_FORMAT = "j F Y"  # 1 ديسمبر 2026
TIME_FORMAT = "g:i A"  # 6:30 م
DATETIME_FORMAT = "l j F Y، g:i A"
SHORT_DATETIME_FORMAT = "j F Y، g:i A"
MONTH_DAY_FORMAT = "j F"
