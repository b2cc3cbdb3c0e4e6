"""Czech formats as offices write them: 29. 8. 2017, 4. 8. 2017 23:59, 11,5."""

from django.conf.locale.cs.formats import *  # noqa: F403

DATE_FORMAT = "j. n. Y"
SHORT_DATE_FORMAT = "j. n. Y"
DATETIME_FORMAT = "j. n. Y G:i:s"
SHORT_DATETIME_FORMAT = "j. n. Y G:i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
