/*
 * test_writers.c — several processes append to the same answer at once,
 * each the way the TUI saves: read the answer and its revision, write
 * with that revision expected, and on a conflict read again.  Afterwards
 * every append is in the text exactly once (no lost update), the audit
 * trail is an unbroken chain from the empty answer to the stored text, and
 * the database is intact.
 *
 * PIA_WRITERS_ROUNDS sets the appends per process (`make soak` runs
 * thousands); PIA_WRITERS sets the number of processes.
 */
#include "check.h"
#include "model/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *TEMPLATE =
    "form: mini\ntitle: 小\nsections:\n"
    "  - id: a\n    label: 基本\n    items:\n"
    "      - {id: a.t, label: 記載, kind: text}\n";

#define DB "w.db"
#define ITEM "a.t"

static int env_int(const char *name, int fallback)
{
    const char *v = getenv(name);
    return v && atoi(v) > 0 ? atoi(v) : fallback;
}

static void value_free(pia_value *v)
{
    free(v->value);
    free(v->detail);
    free(v->updated);
    free(v->updated_by);
    memset(v, 0, sizeof *v);
}

/* One append: retried until it lands.  Returns the conflicts met, or -1
 * on any error other than a conflict or a lock held too long. */
static int append_once(pia_store *st, long id, const char *token)
{
    for (int conflicts = 0;; conflicts++) {
        pia_err err = { 0 };
        pia_value v = { 0 };
        if (pia_store_get(st, id, 0, 0, ITEM, &v, &err)) {
            if (err.code == PIA_EBUSY)
                continue;
            fprintf(stderr, "writer %d: %s\n", (int)getpid(), err.msg);
            return -1;
        }
        char *text = pia_xasprintf("%s%s", v.value ? v.value : "", token);
        long rev = v.rev;
        value_free(&v);
        usleep((useconds_t)(rand() % 800));   /* a person between reading and saving */
        int rc = pia_store_set(st, id, 0, NULL, 0, ITEM, text, "", rev, NULL, &err);
        free(text);
        if (rc == 0)
            return conflicts;
        if (err.code != PIA_ECONFLICT && err.code != PIA_EBUSY) {
            fprintf(stderr, "writer %d: %s\n", (int)getpid(), err.msg);
            return -1;
        }
    }
}

static int writer(int w, long id, int rounds)
{
    pia_err err = { 0 };
    pia_store *st;
    if (pia_store_open(DB, PIA_STORE_NOCREATE, &st, &err)) {
        fprintf(stderr, "writer %d: %s\n", w, err.msg);
        return 2;
    }
    char who[16];
    snprintf(who, sizeof who, "w%d", w);
    pia_store_set_user(st, who);
    srand((unsigned)getpid());
    long conflicts = 0;
    for (int i = 0; i < rounds; i++) {
        char token[32];
        snprintf(token, sizeof token, "［%d:%d］", w, i);
        int c = append_once(st, id, token);
        if (c < 0) {
            pia_store_close(st);
            return 2;
        }
        conflicts += c;
    }
    pia_store_close(st);
    fprintf(stderr, "writer %d: %d appends, %ld conflicts retried\n", w, rounds, conflicts);
    return 0;
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The trail is one unbroken chain: each row starts from the text the row
 * before it left (saves in a row by one writer share a row), and the last
 * row ends at the stored text. */
static void check_audit(pia_store *st, long id, const char *final)
{
    pia_err err = { 0 };
    pia_audit *a;
    int n, rows = 0, broken = 0;
    const char *prev = "";
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0);
    for (int i = 0; i < n; i++) {
        if (strcmp(a[i].action, "set") != 0 || strcmp(a[i].item, ITEM) != 0)
            continue;
        rows++;
        broken += strcmp(a[i].old_value, prev) != 0;
        prev = a[i].new_value;
    }
    CHECK(rows > 0);
    CHECK(broken == 0);
    CHECK_STR(prev, final);
    fprintf(stderr, "audit: %d rows for the appends\n", rows);
    pia_audit_free(a, n);
}

static void check_result_text(pia_store *st, long id, int writers, int rounds)
{
    pia_err err = { 0 };
    pia_value v = { 0 };
    CHECK(pia_store_get(st, id, 0, 0, ITEM, &v, &err) == 0);
    const char *text = v.value ? v.value : "";
    int missing = 0, doubled = 0;
    for (int w = 0; w < writers; w++)
        for (int i = 0; i < rounds; i++) {
            char token[32];
            snprintf(token, sizeof token, "［%d:%d］", w, i);
            int n = count_of(text, token);
            missing += n == 0;
            doubled += n > 1;
        }
    CHECK(missing == 0);
    CHECK(doubled == 0);
    CHECK(count_of(text, "［") == writers * rounds);
    CHECK(v.rev == writers * rounds);
    check_audit(st, id, text);
    value_free(&v);
}

static void check_integrity(void)
{
    sqlite3 *db;
    sqlite3_stmt *s;
    CHECK(sqlite3_open_v2(DB, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
    CHECK(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(s) == SQLITE_ROW);
    CHECK_STR((const char *)sqlite3_column_text(s, 0), "ok");
    sqlite3_finalize(s);
    sqlite3_close(db);
}

int main(void)
{
    check_template("mini", TEMPLATE);
    int writers = env_int("PIA_WRITERS", 3), rounds = env_int("PIA_WRITERS_ROUNDS", 40);

    pia_err err = { 0 };
    pia_store *st;
    long id;
    CHECK(pia_store_open(DB, 0, &st, &err) == 0);
    CHECK(pia_store_new(st, "mini", "同時書込み", "", &id, &err) == 0);
    pia_store_close(st);

    pid_t pids[64];
    if (writers > 64)
        writers = 64;
    for (int w = 0; w < writers; w++) {
        pids[w] = fork();
        if (pids[w] == 0)
            _exit(writer(w, id, rounds));
    }
    for (int w = 0; w < writers; w++) {
        int status;
        CHECK(waitpid(pids[w], &status, 0) == pids[w]);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }

    CHECK(pia_store_open(DB, 0, &st, &err) == 0);
    check_result_text(st, id, writers, rounds);
    pia_store_close(st);
    check_integrity();
    return check_result();
}
