/*
 * jdate.c — 和暦 and ISO dates (see jdate.h).
 *
 * The input is first normalised (full-width digits to ASCII, blanks
 * dropped), then read as 元号 + 年月日, 西暦 + 年月日, or ISO.  The eras are a
 * table: the day each starts and, for a closed era, the day it ends.
 */
#include "jdate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct era {
    const char *name;
    pia_date first;      /* 元年 is first.y */
    pia_date last;       /* y == 0: still current */
} era;

/* 平成 began on 1989-01-08 and ended on 2019-04-30; 令和 began on 2019-05-01. */
static const era eras[] = {
    { "平成", { 1989, 1, 8 }, { 2019, 4, 30 } },
    { "令和", { 2019, 5, 1 }, { 0, 0, 0 } },
};
#define NERAS ((int)(sizeof eras / sizeof eras[0]))

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

int pia_date_valid(int y, int m, int d)
{
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

long pia_date_serial(pia_date d)
{
    /* Days from civil (proleptic Gregorian), counted from 0000-03-01. */
    long y = d.y - (d.m <= 2);
    long era400 = y / 400;
    long yoe = y - era400 * 400;
    long doy = (153L * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era400 * 146097 + doe;
}

int pia_date_cmp(pia_date a, pia_date b)
{
    long x = pia_date_serial(a), y = pia_date_serial(b);
    return x < y ? -1 : x > y;
}

pia_date pia_date_add_years(pia_date d, int years)
{
    pia_date r = { d.y + years, d.m, d.d };
    if (r.m == 2 && r.d == 29 && !leap(r.y))
        r.d = 28;
    return r;
}

void pia_date_iso(pia_date d, char buf[16])
{
    snprintf(buf, 16, "%04d-%02d-%02d", d.y % 10000, d.m % 100, d.d % 100);
}

void pia_date_wareki(pia_date d, char buf[48])
{
    for (int i = NERAS - 1; i >= 0; i--) {
        if (pia_date_cmp(d, eras[i].first) < 0)
            continue;
        int n = d.y - eras[i].first.y + 1;
        if (n == 1)
            snprintf(buf, 48, "%s元年%d月%d日", eras[i].name, d.m % 100, d.d % 100);
        else
            snprintf(buf, 48, "%s%d年%d月%d日", eras[i].name, n % 10000, d.m % 100, d.d % 100);
        return;
    }
    pia_date_iso(d, buf);
}

pia_date pia_date_today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (pia_date){ tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday };
}

/* ---- parsing ----------------------------------------------------------- */

/* ASCII copy: full-width digits (U+FF10–FF19) and separators (－ ／) made
 * ASCII, blanks (ASCII and U+3000) dropped; everything else kept as is. */
static char *normalise(const char *s)
{
    size_t n = strlen(s);
    char *o = pia_xmalloc(n + 1), *w = o;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
            *w++ = (char)('0' + (p[2] - 0x90));
            p += 3;
        } else if (p[0] == 0xEF && p[1] == 0xBC && (p[2] == 0x8D || p[2] == 0x8F)) {
            *w++ = p[2] == 0x8D ? '-' : '/';
            p += 3;
        } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
            p += 3;
        } else if (*p == ' ' || *p == '\t') {
            p++;
        } else {
            *w++ = (char)*p++;
        }
    }
    *w = '\0';
    return o;
}

/* Up to 4 digits at *p; -1 when there are none or too many. */
static int number(const char **p)
{
    int v = 0, k = 0;
    while (**p >= '0' && **p <= '9') {
        if (++k > 4)
            return -1;
        v = v * 10 + (*(*p)++ - '0');
    }
    return k ? v : -1;
}

static int eat(const char **p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*p, word, n) != 0)
        return 0;
    *p += n;
    return 1;
}

typedef struct src {
    const char *orig;
    pia_err *err;
} src;

static int bad(const src *s, const char *why)
{
    return pia_fail(s->err, PIA_EINVAL, "「%s」は日付として読めません: %s", s->orig, why);
}

/* "M月D日" (with_kanji) or "-MM-DD" / "/MM/DD" after the year. */
static int month_day(const src *s, const char **p, int with_kanji, int *m, int *d)
{
    if (with_kanji) {
        if ((*m = number(p)) < 0 || !eat(p, "月"))
            return bad(s, "「○月」がありません");
        if ((*d = number(p)) < 0 || !eat(p, "日"))
            return bad(s, "「○日」がありません");
        return 0;
    }
    char sep = **p;
    if (sep != '-' && sep != '/')
        return bad(s, "年・月・日の区切りがありません（2026-02-16 の形で）");
    (*p)++;
    if ((*m = number(p)) < 0 || **p != sep)
        return bad(s, "月がありません（2026-02-16 の形で）");
    (*p)++;
    if ((*d = number(p)) < 0)
        return bad(s, "日がありません（2026-02-16 の形で）");
    return 0;
}

static int check_day(const src *s, int y, int m, int d)
{
    char why[160];
    if (m < 1 || m > 12)
        return bad(s, "月は1〜12です");
    if (d < 1 || d > month_days(y, m)) {
        snprintf(why, sizeof why, "%d年%d月は%d日までです", y, m, month_days(y, m));
        return bad(s, why);
    }
    if (y < 1900 || y > 2999)
        return bad(s, "年は1900〜2999年にしてください");
    return 0;
}

static int era_date(const src *s, const era *e, const char **p, pia_date *out)
{
    int n;
    if (eat(p, "元"))
        n = 1;
    else if ((n = number(p)) < 0)
        return bad(s, "元号の後に年がありません");
    if (n == 0)
        return bad(s, "年は元年（1年）からです");
    if (!eat(p, "年"))
        return bad(s, "「○年」がありません");
    int m, d;
    if (month_day(s, p, 1, &m, &d) < 0)
        return -1;
    pia_date r = { e->first.y + n - 1, m, d };
    if (check_day(s, r.y, m, d) < 0)
        return -1;
    char why[200], when[16];
    if (pia_date_cmp(r, e->first) < 0) {
        pia_date_iso(e->first, when);
        snprintf(why, sizeof why, "%sは元年%d月%d日（%s）からです", e->name, e->first.m, e->first.d, when);
        return bad(s, why);
    }
    if (e->last.y && pia_date_cmp(r, e->last) > 0) {
        pia_date_iso(e->last, when);
        snprintf(why, sizeof why, "%sは%d年%d月%d日（%s）までです", e->name,
                 e->last.y - e->first.y + 1, e->last.m, e->last.d, when);
        return bad(s, why);
    }
    *out = r;
    return 0;
}

static int western_date(const src *s, const char **p, pia_date *out)
{
    int y = number(p), m, d;
    if (y < 0)
        return bad(s, "令和8年2月16日 か 2026-02-16 の形で書いてください");
    int kanji = eat(p, "年");
    if (month_day(s, p, kanji, &m, &d) < 0 || check_day(s, y, m, d) < 0)
        return -1;
    *out = (pia_date){ y, m, d };
    return 0;
}

int pia_date_parse(const char *s, pia_date *out, pia_err *err)
{
    src in = { s ? s : "", err };
    char *norm = normalise(in.orig);
    const char *p = norm;
    int rc;
    const era *e = NULL;
    for (int i = 0; i < NERAS && !e; i++)
        if (eat(&p, eras[i].name))
            e = &eras[i];
    if (!*p && !e)
        rc = bad(&in, "空です");
    else if (e)
        rc = era_date(&in, e, &p, out);
    else if (*p < '0' || *p > '9')
        rc = bad(&in, "元号は平成・令和、または西暦（2026-02-16）で書いてください");
    else
        rc = western_date(&in, &p, out);
    if (rc == 0 && *p)
        rc = bad(&in, "日付の後に余分な文字があります");
    free(norm);
    return rc;
}
