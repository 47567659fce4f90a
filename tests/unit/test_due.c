/*
 * test_due.c — due dates from the shipped table (templates/tables/due.yaml):
 * re-assessment 5 years after the 公表日, the yearly review a year after
 * the latest review (or the 公表日); reviews recorded through the store
 * with an audit row; the list of a whole database soonest first; a table
 * that is wrong is refused with FILE:LINE:COLUMN.
 */
#include "check.h"
#include "model/due.h"
#include "model/yearly_review.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static pia_due_table *T;

static pia_date D(const char *s)
{
    pia_date d = { 0, 0, 0 };
    pia_err err = { 0 };
    if (pia_date_parse(s, &d, &err))
        fprintf(stderr, "%s\n", err.msg);
    return d;
}

static const pia_due_entry *find(const pia_due_entry *e, int n, long id, const char *label)
{
    for (int i = 0; i < n; i++)
        if (e[i].id == id && !strcmp(e[i].label, label))
            return &e[i];
    return NULL;
}

static void iso_is(pia_date d, const char *want)
{
    char buf[16];
    pia_date_iso(d, buf);
    CHECK_STR(buf, want);
}

static void test_of(void)
{
    pia_due_entry *e;
    int n;
    pia_date today = D("2026-03-01");
    pia_due_of(T, 1, "zenkomoku", "令和3年2月16日", NULL, today, &e, &n);
    CHECK(n == 2);
    const pia_due_entry *re = find(e, n, 1, "再評価"), *yr = find(e, n, 1, "年次の見直し");
    CHECK(re && yr);
    if (re && yr) {
        CHECK(re->has_due && yr->has_due);
        iso_is(re->due, "2026-02-16");
        CHECK(re->days_left == -13);
        CHECK_STR(re->kind, "努力義務");
        CHECK_STR(re->from_what, "公表日");
        iso_is(yr->due, "2022-02-16");
        CHECK_STR(yr->from_what, "公表日");
    }
    pia_due_entries_free(e, n);

    /* A review after the 公表日 moves the yearly one; the 5 years stay. */
    pia_date last = D("令和8年2月1日");
    pia_due_of(T, 1, "zenkomoku", "2021-02-16", &last, today, &e, &n);
    re = find(e, n, 1, "再評価");
    yr = find(e, n, 1, "年次の見直し");
    if (re && yr) {
        iso_is(re->due, "2026-02-16");
        iso_is(yr->due, "2027-02-01");
        CHECK_STR(yr->from_what, "前回の見直し");
        CHECK(yr->days_left == 337);
    }
    pia_due_entries_free(e, n);

    /* A re-assessment published after the last review starts the year anew. */
    last = D("2024-05-01");
    pia_due_of(T, 1, "zenkomoku", "令和7年1月10日", &last, today, &e, &n);
    yr = find(e, n, 1, "年次の見直し");
    if (yr) {
        iso_is(yr->due, "2026-01-10");
        CHECK_STR(yr->from_what, "公表日");
    }
    pia_due_entries_free(e, n);

    /* Due today is 0 days left; 2月29日 falls due on 2月28日. */
    pia_due_of(T, 1, "zenkomoku", "2024-02-29", NULL, D("2025-02-28"), &e, &n);
    yr = find(e, n, 1, "年次の見直し");
    if (yr) {
        iso_is(yr->due, "2025-02-28");
        CHECK(yr->days_left == 0);
    }
    pia_due_entries_free(e, n);

    /* No 公表日 (a draft), a 公表日 that is not a date, a template the table
     * does not know: no due date, and why. */
    pia_due_of(T, 2, "zenkomoku", "", NULL, today, &e, &n);
    CHECK(n == 2 && !e[0].has_due && !e[1].has_due);
    CHECK_HAS(e[0].problem, "公表日が未記入です");
    CHECK(!e[0].bad_date);
    pia_due_entries_free(e, n);
    pia_due_of(T, 3, "zenkomoku", "平成32年1月1日", NULL, today, &e, &n);
    CHECK(!e[0].has_due && e[0].bad_date);
    CHECK_HAS(e[0].problem, "公表日「平成32年1月1日」は日付として読めません: 平成は31年4月30日");
    pia_due_entries_free(e, n);
    pia_due_of(T, 4, "kiso", "2025-01-01", NULL, today, &e, &n);
    CHECK(!e[0].has_due);
    CHECK_HAS(e[0].problem, "様式 kiso の公表日の項目が表");
    pia_due_entries_free(e, n);
    /* ...but a recorded review still gives the yearly one. */
    last = D("2025-06-01");
    pia_due_of(T, 4, "zenkomoku", "", &last, today, &e, &n);
    yr = find(e, n, 4, "年次の見直し");
    CHECK(yr && yr->has_due);
    pia_due_entries_free(e, n);
    CHECK_STR(pia_due_published_item(T, "zenkomoku"), "cover.published");
}

static long new_assessment(pia_store *st, const char *title, const char *published)
{
    pia_err err = { 0 };
    long id = 0;
    CHECK(pia_store_new(st, "zenkomoku", title, "架空市長", &id, &err) == 0);
    if (published)
        CHECK(pia_store_set(st, id, 0, NULL, 0, "cover.published", published, "", -1, NULL, &err) == 0);
    return id;
}

static void test_store(void)
{
    pia_store *st = NULL;
    pia_err err = { 0 };
    CHECK(pia_store_open("t.db", 0, &st, &err) == 0);
    if (!st)
        return;
    long a = new_assessment(st, "住基", "令和3年2月16日");
    long b = new_assessment(st, "税", "2024-06-01");
    long c = new_assessment(st, "下書き", NULL);

    /* Before any review the table does not even exist. */
    int have = 1;
    pia_date last;
    CHECK(pia_yearly_last(st, a, &have, &last, &err) == 0);
    CHECK(have == 0);

    CHECK(pia_yearly_record(st, a, D("令和8年2月1日"), "課内で確認", &err) == 0);
    CHECK(pia_yearly_record(st, a, D("令和7年2月1日"), NULL, &err) == 0);   /* an older one, late */
    CHECK(pia_yearly_record(st, b, D("2025-05-30"), NULL, &err) == 0);
    CHECK(pia_yearly_last(st, a, &have, &last, &err) == 0);
    CHECK(have == 1);
    iso_is(last, "2026-02-01");
    /* Refused: a day after today, an assessment that does not exist. */
    pia_date future = pia_date_add_years(pia_date_today(), 1);
    CHECK(pia_yearly_record(st, a, future, NULL, &err) == -1);
    CHECK_HAS(err.msg, "より後です");
    CHECK(pia_yearly_record(st, 999, D("2025-01-01"), NULL, &err) == -1);
    CHECK(err.code == PIA_ENOTFOUND);
    CHECK_HAS(err.msg, "評価書 999 はありません");

    /* Each review is audited: old → new day, the note beside it. */
    pia_audit *au;
    int n, reviewed = 0;
    CHECK(pia_store_audit(st, a, &au, &n, &err) == 0);
    for (int i = 0; i < n; i++) {
        if (strcmp(au[i].action, "reviewed"))
            continue;
        if (reviewed == 0) {
            CHECK(au[i].old_value == NULL || !*au[i].old_value);
            CHECK_STR(au[i].new_value, "2026-02-01（課内で確認）");
            CHECK_STR(au[i].who, pia_store_user(st));
        } else {
            CHECK_STR(au[i].old_value, "2026-02-01");
            CHECK_STR(au[i].new_value, "2025-02-01");
        }
        reviewed++;
    }
    CHECK(reviewed == 2);
    pia_audit_free(au, n);
    sqlite3_stmt *s;
    int rows = -1;
    if (sqlite3_prepare_v2(pia_store_db(st), "SELECT count(*) FROM yearly_review", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            rows = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    CHECK(rows == 3);   /* the refused ones left nothing */

    /* The whole database, soonest first, drafts last. */
    pia_due_entry *e;
    CHECK(pia_due_list(st, T, D("2026-03-01"), &e, &n, &err) == 0);
    CHECK(n == 6);
    if (n == 6) {
        CHECK(e[0].id == a && !strcmp(e[0].label, "再評価"));       /* 2026-02-16 */
        CHECK(e[1].id == b && !strcmp(e[1].label, "年次の見直し")); /* 2026-05-30 */
        CHECK(e[2].id == a && !strcmp(e[2].label, "年次の見直し")); /* 2027-02-01 */
        CHECK(e[3].id == b && !strcmp(e[3].label, "再評価"));       /* 2029-06-01 */
        CHECK(e[4].id == c && !e[4].has_due && e[5].id == c && !e[5].has_due);
        CHECK_STR(e[0].title, "住基");
        for (int i = 1; i < 4; i++)
            CHECK(pia_date_cmp(e[i - 1].due, e[i].due) <= 0);
    }
    pia_due_entries_free(e, n);

    /* Deleting an assessment deletes its reviews. */
    CHECK(pia_store_delete(st, b, &err) == 0);
    CHECK(pia_yearly_last(st, b, &have, &last, &err) == 0);
    CHECK(have == 0);
    pia_store_close(st);

    /* A read-only open of a database that never had a review. */
    CHECK(pia_store_open("fresh.db", 0, &st, &err) == 0);
    long f = st ? new_assessment(st, "x", "2020-01-01") : 0;
    pia_store_close(st);
    CHECK(pia_store_open("fresh.db", PIA_STORE_READONLY, &st, &err) == 0);
    if (st) {
        CHECK(pia_due_list(st, T, D("2026-03-01"), &e, &n, &err) == 0);
        CHECK(n == 2 && e[0].id == f && e[0].has_due);
        pia_due_entries_free(e, n);
        pia_store_close(st);
    }
}

static void broken(const char *yaml, const char *where, const char *what)
{
    FILE *f = fopen("d.yaml", "w");
    if (!f)
        return;
    fputs(yaml, f);
    fclose(f);
    pia_due_table *t = NULL;
    pia_err err = { 0 };
    CHECK(pia_due_load("d.yaml", &t, &err) == -1);
    CHECK(t == NULL);
    CHECK_HAS(err.msg, where);
    CHECK_HAS(err.msg, what);
}

static void test_broken(void)
{
    broken("source: s\nobligations:\n  - {id: a, label: A, years: 5, from: somewhen, kind: k}\npublished: {}\n",
           "d.yaml:3:39:", "from \"somewhen\" は published か review です");
    broken("source: s\nobligations:\n  - {id: a, label: A, years: 0, from: review, kind: k}\npublished: {}\n",
           "d.yaml:3:30:", "years には 1〜100 の整数");
    broken("source: s\nobligations:\n  - {id: a, label: A, years: 1, from: review}\npublished: {}\n",
           "d.yaml:3:5:", "kind がありません");
    broken("source: s\nobligations: []\npublished: {}\n", "d.yaml:2:14:", "obligations が空です");
    broken("source: s\nobligations:\n  - {id: a, label: A, years: 1, from: review, kind: k}\n"
           "published: {zenkomoku: [cover.published]}\n",
           "d.yaml:4:24:", "zenkomoku は文字列でなければなりません（リストがあります）");
    broken("source: s\npublished: {}\n", "d.yaml:1:1:", "obligations と published が必要です");
    broken("source: s\nsource: t\n", "d.yaml:2:1:", "重複");
    FILE *f = fopen("d.yaml", "w");
    if (f) {
        fputs("source: s\nobligations:\n  - {id: a, label: A, years: 2, from: published, kind: k}\n"
              "published: {mine: cover.day}\n", f);
        fclose(f);
    }
    pia_due_table *t = NULL;
    pia_err err = { 0 };
    CHECK(pia_due_load("d.yaml", &t, &err) == 0);
    if (t) {
        CHECK_STR(pia_due_published_item(t, "mine"), "cover.day");
        CHECK(pia_due_published_item(t, "zenkomoku") == NULL);
        pia_due_free(t);
    }
}

int main(void)
{
    pia_err err = { 0 };
    if (pia_due_load(NULL, &T, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    CHECK_STR(pia_due_source(T), "特定個人情報保護評価指針");
    test_of();
    test_store();
    test_broken();
    pia_due_free(T);
    return check_result();
}
