/*
 * test_form_cache.c — forms read from files are shared per process
 * (model/template_cache.c): a second load parses nothing and returns the
 * same form; a template or help file changed on disk is read again while
 * the old form stays valid for its holders; a broken file is refused with
 * its place every time until it is fixed; the guidance is read once, when
 * first asked for, and a broken help file changes nothing; loads from
 * several threads share one parse.  Run under valgrind and ASan by the
 * suite, which also checks that every reference is given back.
 */
#include "model/form.h"
#include "model/rules.h"
#include "model/template_internal.h"
#include "tests/unit/check.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/pia-form-cache.XXXXXX";
static char tpath[64], hpath[64];

#define TEMPLATE(label) \
    "form: t\n" \
    "sections:\n" \
    "  - id: s\n" \
    "    label: S\n" \
    "    items:\n" \
    "      - {id: a, kind: text, label: " label "}\n" \
    "      - {id: b, kind: check, label: B}\n" \
    "      - {id: c, kind: check, label: C}\n" \
    "rules:\n" \
    "  - {kind: exclusive, items: [b, c]}\n"

static void put(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL);
    if (!fp)
        return;
    fputs(text, fp);
    fclose(fp);
}

/* A file's modification time set to `secs` past the epoch: an edit that
 * keeps size and inode is still seen, whatever the clock's granularity. */
static void set_mtime(const char *path, long secs)
{
    struct timespec ts[2] = {{secs, 0}, {secs, 0}};
    CHECK(utimensat(AT_FDCWD, path, ts, 0) == 0);
}

static const char *label_of(const pia_form *f, const char *id)
{
    const pia_node *n = pia_form_find(f, id);
    return n ? n->label : NULL;
}

static const char *help_of(const pia_form *f, const char *id)
{
    const pia_node *n = pia_form_find(f, id);
    return n ? n->help : NULL;
}

static void test_shared(void)
{
    long p0 = pia_template_parses(), h0 = pia_template_help_reads();
    pia_form *f1 = NULL, *f2 = NULL, *f3 = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_named("t", &f1, &err) == 0);
    CHECK(pia_form_load_named("t", &f2, &err) == 0);
    CHECK(pia_form_load(tpath, &f3, &err) == 0);    /* the same file by its path */
    CHECK(f1 && f1 == f2 && f2 == f3);
    CHECK(pia_template_parses() == p0 + 1);
    if (!f1)
        return;
    /* The rules come with the tree, from the same pass. */
    CHECK(f1->rules && f1->rules->n == 1 && f1->rules->rule[0].items[1] == pia_form_find(f1, "c"));
    /* The guidance is not read by a load; the first ask reads it, once. */
    CHECK(help_of(f1, "a") == NULL && pia_template_help_reads() == h0);
    CHECK(pia_form_guidance(f1, &err) == 0);
    CHECK_STR(help_of(f1, "a"), "Aの書き方");
    CHECK(pia_form_guidance(f2, &err) == 0 && pia_template_help_reads() == h0 + 1);
    pia_form *g = NULL;
    CHECK(pia_form_load_guided("t", &g, &err) == 0 && g == f1);
    CHECK(pia_template_help_reads() == h0 + 1 && pia_template_parses() == p0 + 1);
    pia_form_free(g);
    pia_form_free(f3);
    pia_form_free(f2);
    pia_form_free(f1);
    /* Every reference given back: the cache still holds the form. */
    CHECK(pia_form_load_named("t", &f1, &err) == 0 && pia_template_parses() == p0 + 1);
    pia_form_free(f1);
}

static void test_changed(void)
{
    pia_err err = {0};
    pia_form *old = NULL, *now = NULL, *again = NULL;
    CHECK(pia_form_load_named("t", &old, &err) == 0 && old);
    if (!old)
        return;
    long p0 = pia_template_parses();
    /* Another size: read again; the holder of the old form still reads it. */
    put(tpath, TEMPLATE("改めた項目"));
    CHECK(pia_form_load_named("t", &now, &err) == 0 && now && now != old);
    CHECK(pia_template_parses() == p0 + 1);
    CHECK_STR(label_of(old, "a"), "A");
    CHECK_STR(label_of(now, "a"), "改めた項目");
    CHECK(strcmp(old->sha256, now->sha256) != 0);
    /* The same size, in place (same inode), another modification time. */
    put(tpath, TEMPLATE("改めた項目X"));
    set_mtime(tpath, 1000000000);
    CHECK(pia_form_load_named("t", &again, &err) == 0);
    put(tpath, TEMPLATE("改めた項目Y"));
    set_mtime(tpath, 1000000100);
    pia_form *same_size = NULL;
    CHECK(pia_form_load_named("t", &same_size, &err) == 0 && same_size && same_size != again);
    if (same_size)
        CHECK_STR(label_of(same_size, "a"), "改めた項目Y");
    CHECK(pia_template_parses() == p0 + 3);
    pia_form_free(same_size);
    pia_form_free(again);
    pia_form_free(now);
    pia_form_free(old);
}

static void test_broken(void)
{
    pia_err err = {0};
    pia_form *f = (pia_form *)1;
    put(tpath, TEMPLATE("A") "  - {kind: exclusive, items: [b, nosuch]}\n");
    char want[400];
    snprintf(want, sizeof want, "%s:11:34: rules: items の \"nosuch\" はテンプレートにありません", tpath);
    long p0 = pia_template_parses();
    CHECK(pia_form_load_named("t", &f, &err) == -1 && f == NULL && err.code == PIA_EINVAL);
    CHECK_STR(err.msg, want);
    /* Refused again, with the same message, until it is fixed. */
    err = (pia_err){0};
    CHECK(pia_form_load_named("t", &f, &err) == -1);
    CHECK_STR(err.msg, want);
    CHECK(pia_template_parses() == p0 + 2);
    put(tpath, TEMPLATE("直した項目"));
    CHECK(pia_form_load_named("t", &f, &err) == 0 && f);
    if (f)
        CHECK_STR(label_of(f, "a"), "直した項目");
    pia_form_free(f);
}

static void test_help_file(void)
{
    pia_err err = {0};
    pia_form *f = NULL, *g = (pia_form *)1;
    put(tpath, TEMPLATE("A"));
    put(hpath, "a: Aの書き方\nnosuch: ない項目\n");
    CHECK(pia_form_load_named("t", &f, &err) == 0 && f);
    if (!f)
        return;
    long h0 = pia_template_help_reads();
    char want[400];
    snprintf(want, sizeof want, "%s:2:1: テンプレート %s に項目 \"nosuch\" はありません", hpath, tpath);
    CHECK(pia_form_guidance(f, &err) == -1);
    CHECK_STR(err.msg, want);
    CHECK(help_of(f, "a") == NULL);                 /* nothing of the broken file applied */
    CHECK(pia_form_load_guided("t", &g, &err) == -1 && g == NULL);
    CHECK(pia_template_help_reads() == h0 + 2);     /* asked again: read again */
    put(hpath, "a: 直した書き方\n");
    CHECK(pia_form_guidance(f, &err) == 0);
    CHECK_STR(help_of(f, "a"), "直した書き方");
    /* A help file changed after it was read: the next load reads both again. */
    put(hpath, "a: もう一度直した書き方\n");
    CHECK(pia_form_load_guided("t", &g, &err) == 0 && g && g != f);
    if (g && g != (pia_form *)1)
        CHECK_STR(help_of(g, "a"), "もう一度直した書き方");
    CHECK_STR(help_of(f, "a"), "直した書き方");
    pia_form_free(g);
    pia_form_free(f);
}

/* Forms from memory are the caller's own. */
static void test_buffer(void)
{
    static const char text[] = TEMPLATE("A");
    pia_form *a = NULL, *b = NULL;
    pia_err err = {0};
    CHECK(pia_form_load_buffer("m.yaml", text, sizeof text - 1, &a, &err) == 0);
    CHECK(pia_form_load_buffer("m.yaml", text, sizeof text - 1, &b, &err) == 0);
    CHECK(a && b && a != b);
    CHECK(pia_form_guidance(a, &err) == 0 && help_of(a, "a") == NULL);
    pia_form_free(a);
    pia_form_free(b);
}

static pia_form *first;

static void *loader(void *arg)
{
    int *same = arg;
    for (int i = 0; i < 50; i++) {
        pia_form *f = NULL;
        pia_err err = {0};
        if (pia_form_load_named("t", &f, &err) == 0 && f == first)
            (*same)++;
        pia_form_free(f);
    }
    return NULL;
}

static void test_threads(void)
{
    pia_err err = {0};
    CHECK(pia_form_load_named("t", &first, &err) == 0);
    long p0 = pia_template_parses();
    pthread_t t[4];
    int same[4] = {0};
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, loader, &same[i]) == 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        CHECK(same[i] == 50);
    }
    CHECK(pia_template_parses() == p0);
    pia_form_free(first);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        CHECK(!"mkdtemp");
        return check_result();
    }
    snprintf(tpath, sizeof tpath, "%s/t.yaml", dir);
    snprintf(hpath, sizeof hpath, "%s/t.help.yaml", dir);
    put(tpath, TEMPLATE("A"));
    put(hpath, "a: Aの書き方\n");
    setenv("PIA_TEMPLATE_DIR", dir, 1);
    test_shared();
    test_changed();
    test_broken();
    test_help_file();
    test_buffer();
    test_threads();
    unlink(tpath);
    unlink(hpath);
    rmdir(dir);
    return check_result();
}
