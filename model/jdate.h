/*
 * jdate.h — calendar dates as the forms write them: 和暦 (令和8年2月16日,
 * 令和元年5月1日, 平成31年4月30日, with full-width digits too) and ISO
 * (2026-02-16; also 2026/02/16 and 2026年2月16日).  Used for the 公表日 of an
 * assessment, the dates of yearly reviews and the due dates computed from
 * them.  Impossible dates (平成32年, 令和元年4月30日, 2月30日) are refused with
 * a message saying why.
 */
#ifndef PIA_JDATE_H
#define PIA_JDATE_H

#include "err.h"

typedef struct pia_date {
    int y, m, d;
} pia_date;

/* Parse the whole of s (blanks, ASCII or full-width, are ignored).  On
 * failure the message quotes s and says what is wrong; callers prefix
 * where it came from. */
int pia_date_parse(const char *s, pia_date *out, pia_err *err);

/* Whether y-m-d is a day of the Gregorian calendar (1900–2999). */
int pia_date_valid(int y, int m, int d);
/* Days since an arbitrary fixed day: differences are numbers of days. */
long pia_date_serial(pia_date d);
/* <0, 0, >0. */
int pia_date_cmp(pia_date a, pia_date b);
/* The same day `years` later; 2月29日 becomes 2月28日 in a common year (the
 * earlier day, so a due date is never late). */
pia_date pia_date_add_years(pia_date d, int years);

/* "2026-02-16". */
void pia_date_iso(pia_date d, char buf[16]);
/* "令和8年2月16日", "令和元年5月1日", "平成31年4月30日"; dates before 平成 as ISO. */
void pia_date_wareki(pia_date d, char buf[48]);

/* Today in local time (staff read their own calendar). */
pia_date pia_date_today(void);

#endif
