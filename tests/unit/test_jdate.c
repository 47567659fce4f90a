/*
 * test_jdate.c — 和暦 and ISO dates: 平成 and 令和 (元年 included), full-width
 * digits, the era boundary (平成 ends 2019-04-30, 令和 starts 2019-05-01),
 * impossible dates refused with the reason, and the arithmetic due dates
 * rest on.
 */
#include "check.h"
#include "model/jdate.h"

static void ok(const char *s, int y, int m, int d)
{
    pia_date r = { 0, 0, 0 };
    pia_err err = { 0 };
    int rc = pia_date_parse(s, &r, &err);
    CHECK(rc == 0);
    if (rc || r.y != y || r.m != m || r.d != d)
        fprintf(stderr, "  %s -> %d-%d-%d (%s), want %d-%d-%d\n", s, r.y, r.m, r.d, err.msg, y, m, d);
    CHECK(r.y == y && r.m == m && r.d == d);
}

static void refused(const char *s, const char *why)
{
    pia_date r;
    pia_err err = { 0 };
    CHECK(pia_date_parse(s, &r, &err) == -1);
    CHECK(err.code == PIA_EINVAL);
    CHECK_HAS(err.msg, why);
    /* The message quotes what was typed. */
    if (*s)
        CHECK_HAS(err.msg, s);
}

static void test_eras(void)
{
    ok("令和8年2月16日", 2026, 2, 16);
    ok("令和元年5月1日", 2019, 5, 1);
    ok("令和1年5月1日", 2019, 5, 1);
    ok("令和2年2月29日", 2020, 2, 29);
    ok("平成31年4月30日", 2019, 4, 30);
    ok("平成元年1月8日", 1989, 1, 8);
    ok("平成27年10月5日", 2015, 10, 5);
    ok("平成30年12月31日", 2018, 12, 31);
    /* Full-width digits, blanks between the parts, leading zeros. */
    ok("令和８年２月１６日", 2026, 2, 16);
    ok("令和 3年 4月 1日", 2021, 4, 1);
    ok("令和　元年　５月　７日", 2019, 5, 7);
    ok("平成０９年０１月０１日", 1997, 1, 1);
}

static void test_western(void)
{
    ok("2026-02-16", 2026, 2, 16);
    ok("2019-04-30", 2019, 4, 30);
    ok("2026/2/16", 2026, 2, 16);
    ok("２０２６－０２－１６", 2026, 2, 16);
    ok("2026年2月16日", 2026, 2, 16);
    ok(" 2024-02-29 ", 2024, 2, 29);
}

static void test_refused(void)
{
    refused("平成32年1月1日", "平成は31年4月30日（2019-04-30）までです");
    refused("平成31年5月1日", "平成は31年4月30日");
    refused("令和元年4月30日", "令和は元年5月1日（2019-05-01）からです");
    refused("平成元年1月7日", "平成は元年1月8日");
    refused("令和0年5月1日", "元年");
    refused("令和3年2月29日", "2021年2月は28日までです");
    refused("令和3年4月31日", "4月は30日までです");
    refused("令和3年13月1日", "月は1〜12です");
    refused("令和3年1月0日", "1月は31日までです");
    refused("令和3年1月", "「○日」がありません");
    refused("令和3年", "「○月」がありません");
    refused("令和年1月1日", "年がありません");
    refused("令和8年2月16日です", "余分な文字");
    refused("昭和60年1月1日", "平成・令和");
    refused("R8.2.16", "平成・令和");
    refused("2026-02-30", "2月は28日までです");
    refused("2026-2", "月がありません");
    refused("2026.02.16", "区切り");
    refused("1899-12-31", "1900〜2999");
    refused("20260-01-01", "令和8年2月16日 か 2026-02-16");
    refused("", "空です");
    refused("　", "空です");
}

static void test_format(void)
{
    char buf[48];
    pia_date_wareki((pia_date){ 2019, 5, 1 }, buf);
    CHECK_STR(buf, "令和元年5月1日");
    pia_date_wareki((pia_date){ 2019, 4, 30 }, buf);
    CHECK_STR(buf, "平成31年4月30日");
    pia_date_wareki((pia_date){ 2026, 2, 16 }, buf);
    CHECK_STR(buf, "令和8年2月16日");
    pia_date_wareki((pia_date){ 1989, 1, 8 }, buf);
    CHECK_STR(buf, "平成元年1月8日");
    pia_date_wareki((pia_date){ 1989, 1, 7 }, buf);
    CHECK_STR(buf, "1989-01-07");
    pia_date_iso((pia_date){ 2026, 2, 6 }, buf);
    CHECK_STR(buf, "2026-02-06");
    /* Every day from 平成元年 to 令和20年 reads back as itself in 和暦. */
    int bad = 0;
    for (pia_date d = { 1989, 1, 8 }; d.y < 2039;) {
        pia_date back;
        pia_err err = { 0 };
        pia_date_wareki(d, buf);
        if (pia_date_parse(buf, &back, &err) || pia_date_cmp(back, d) != 0)
            bad++;
        if (++d.d > 28 && !pia_date_valid(d.y, d.m, d.d)) {
            d.d = 1;
            if (++d.m > 12)
                d.m = 1, d.y++;
        }
    }
    CHECK(bad == 0);
}

static void test_arithmetic(void)
{
    pia_date a = { 2019, 4, 30 }, b = { 2019, 5, 1 };
    CHECK(pia_date_serial(b) - pia_date_serial(a) == 1);
    CHECK(pia_date_serial((pia_date){ 2021, 1, 1 }) - pia_date_serial((pia_date){ 2020, 1, 1 }) == 366);
    CHECK(pia_date_serial((pia_date){ 2100, 3, 1 }) - pia_date_serial((pia_date){ 2100, 2, 28 }) == 1);
    CHECK(pia_date_cmp(a, b) < 0 && pia_date_cmp(b, a) > 0 && pia_date_cmp(a, a) == 0);
    pia_date p = pia_date_add_years((pia_date){ 2021, 2, 16 }, 5);
    CHECK(p.y == 2026 && p.m == 2 && p.d == 16);
    p = pia_date_add_years((pia_date){ 2024, 2, 29 }, 1);
    CHECK(p.y == 2025 && p.m == 2 && p.d == 28);
    p = pia_date_add_years((pia_date){ 2024, 2, 29 }, 4);
    CHECK(p.y == 2028 && p.m == 2 && p.d == 29);
    CHECK(pia_date_valid(2000, 2, 29) && !pia_date_valid(1900, 2, 29) && !pia_date_valid(2026, 0, 1));
    pia_date t = pia_date_today();
    CHECK(pia_date_valid(t.y, t.m, t.d));
}

int main(void)
{
    test_eras();
    test_western();
    test_refused();
    test_format();
    test_arithmetic();
    return check_result();
}
