DATE_FORMAT = "j E Y"  # 1 grudnia 2026
TIME_FORMAT = "H:i"  # 18:30
DATETIME_FORMAT = "l, j E Y, H:i"  # wtorek, 1 grudnia 2026, 18:30
SHORT_DATETIME_FORMAT = "j E Y, H:i"
MONTH_DAY_FORMAT = "j E"
