/*
 * test_copy.c — copies through the store (model/copy.h): a plan keeps an
 * answered item unless asked, a copy writes only what the plan said, and
 * an answer written by someone else between plan and copy makes the whole
 * copy refuse, writing nothing.
 */
#include "check.h"
#include "model/copy.h"
#include "model/store.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pia_form *mini(void)
{
    const char *r = getenv("ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/review/mini.yaml", r && *r ? r : ".");
    pia_form *f = NULL;
    pia_err err = { 0 };
    if (pia_form_load(path, &f, &err))
        fprintf(stderr, "%s\n", err.msg);
    return f;
}

static const char *val(const pia_doc *d, int file, const char *item)
{
    const pia_value *v = pia_doc_get(d, file, 0, item);
    return v ? v->value : "(none)";
}

static void test_copy(pia_store *st, const pia_form *f)
{
    pia_err err = { 0 };
    long id;
    int pos;
    CHECK(pia_store_new(st, "mini", "題", "架空市長", &id, &err) == 0);
    CHECK(pia_store_file_add(st, id, "一", &pos, &err) == 0);
    CHECK(pia_store_file_add(st, id, "二", &pos, &err) == 0);
    CHECK(pia_store_set(st, id, 1, NULL, 0, "risk.obtain.r1.others", "措置", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 1, NULL, 0, "risk.obtain.r1.ok", "十分である", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 2, NULL, 0, "risk.obtain.r1.ok", "課題が残されている", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 1, NULL, 0, "basic.affairs.name", "事務", "", -1, NULL, &err) == 0);

    pia_doc *doc = NULL;
    CHECK(pia_store_load(st, id, &doc, &err) == 0);
    const char *items[] = { "Ⅲ" };
    pia_copy_opts o = { .from_file = 1, .to_file = 2, .items = items, .nitems = 1 };
    pia_copy_plan *p = NULL;
    CHECK(pia_copy_plan_make(f, doc, doc, &o, &p, &err) == 0);
    if (p) {
        CHECK(p->ncopy == 1 && p->nskip == 1 && p->nsame == 0);
        /* Someone writes the empty item between plan and copy. */
        CHECK(pia_store_set(st, id, 2, NULL, 0, "risk.obtain.r1.others", "他人の記載", "", -1, NULL, &err) == 0);
        CHECK(pia_copy_apply(st, id, p, "評価書1 ファイル(1)一", &err) == -1);
        CHECK(err.code == PIA_ECONFLICT);
        CHECK_HAS(err.msg, "ほかの人が変更していました");
        pia_copy_plan_free(p);
    }
    pia_doc *now = NULL;
    CHECK(pia_store_load(st, id, &now, &err) == 0);
    if (now) {
        CHECK_STR(val(now, 2, "risk.obtain.r1.others"), "他人の記載");
        CHECK_STR(val(now, 2, "risk.obtain.r1.ok"), "課題が残されている");
    }
    /* With --overwrite on a fresh plan: both replaced; the once item stays out of Ⅲ. */
    o.overwrite = 1;
    p = NULL;
    CHECK(pia_copy_plan_make(f, now, now, &o, &p, &err) == 0);
    if (p) {
        CHECK(p->ncopy == 2 && p->nskip == 0);
        CHECK(pia_copy_apply(st, id, p, "評価書1 ファイル(1)一", &err) == 0);
        pia_copy_plan_free(p);
    }
    pia_doc *after = NULL;
    CHECK(pia_store_load(st, id, &after, &err) == 0);
    if (after) {
        CHECK_STR(val(after, 2, "risk.obtain.r1.others"), "措置");
        CHECK_STR(val(after, 2, "risk.obtain.r1.ok"), "十分である");
    }
    pia_audit *a = NULL;
    int n = 0, copies = 0;
    CHECK(pia_store_audit(st, id, &a, &n, &err) == 0);
    for (int i = 0; i < n; i++)
        if (strcmp(a[i].action, "copy") == 0) {
            copies++;
            CHECK_STR(a[i].new_value, "コピー元 評価書1 ファイル(1)一");
        }
    CHECK(copies == 2);
    pia_audit_free(a, n);
    /* Mistakes: a file that is not there, a prefix naming nothing. */
    o.to_file = 3;
    CHECK(pia_copy_plan_make(f, after, after, &o, &p, &err) == -1 && err.code == PIA_ENOTFOUND);
    o.to_file = 2;
    items[0] = "Ⅸ";
    CHECK(pia_copy_plan_make(f, after, after, &o, &p, &err) == -1 && err.code == PIA_EINVAL);
    pia_doc_free(after);
    pia_doc_free(now);
    pia_doc_free(doc);
}

int main(void)
{
    pia_form *f = mini();
    char dir[] = "/tmp/pia-test-copy.XXXXXX";
    CHECK(f && mkdtemp(dir));
    if (!f)
        return check_result();
    char path[512];
    snprintf(path, sizeof path, "%s/t.db", dir);
    const char *root = getenv("ROOT");
    char tdir[4096];
    snprintf(tdir, sizeof tdir, "%s/tests/fixtures/review", root && *root ? root : ".");
    setenv("PIA_TEMPLATE_DIR", tdir, 1);
    pia_store *st = NULL;
    pia_err err = { 0 };
    CHECK(pia_store_open(path, 0, &st, &err) == 0);
    if (st) {
        pia_store_set_user(st, "tester");
        test_copy(st, f);
        pia_store_close(st);
    } else {
        fprintf(stderr, "%s\n", err.msg);
    }
    char side[600];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    rmdir(dir);
    pia_form_free(f);
    return check_result();
}
