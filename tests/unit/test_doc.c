/*
 * test_doc.c — the in-memory assessment, its hash map and answer formatting.
 */
#include "check.h"
#include "model/doc.h"
#include "model/format.h"
#include "model/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_map(void)
{
    pia_map *m = pia_map_new(free);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        int *v = malloc(sizeof *v);
        *v = i;
        pia_map_put(m, key, v);
    }
    CHECK(pia_map_count(m) == 5000);
    for (int i = 0; i < 5000; i += 2) {
        snprintf(key, sizeof key, "k%d", i);
        CHECK(pia_map_del(m, key) == 1);
    }
    CHECK(pia_map_count(m) == 2500);
    CHECK(pia_map_get(m, "k2") == NULL);
    CHECK(*(int *)pia_map_get(m, "k4999") == 4999);
    CHECK(pia_map_del(m, "k2") == 0);
    pia_map_free(m);
}

static int count_each(int file, int inst, const char *item, const pia_value *v, void *ctx)
{
    (void)file; (void)inst; (void)item; (void)v;
    ++*(int *)ctx;
    return 0;
}

static void test_doc(void)
{
    pia_doc *d = pia_doc_new("zenkomoku", "題", "機関");
    CHECK(pia_doc_add_file(d, "一") == 1);
    CHECK(pia_doc_add_file(d, "二") == 2);
    pia_doc_set(d, 0, 0, "a", "値", NULL);
    pia_doc_set(d, 2, 3, "b", "1", "3");
    pia_doc_set_instances(d, 2, "g", 3);
    CHECK_STR(pia_doc_get(d, 0, 0, "a")->value, "値");
    CHECK_STR(pia_doc_get(d, 2, 3, "b")->detail, "3");
    CHECK(pia_doc_get(d, 1, 3, "b") == NULL);
    CHECK(pia_doc_instances(d, 2, "g") == 3);
    CHECK(pia_doc_instances(d, 1, "g") == 0);
    pia_doc *c = pia_doc_clone(d);
    pia_doc_set(d, 0, 0, "a", "", "");       /* removal */
    CHECK(pia_doc_get(d, 0, 0, "a") == NULL);
    CHECK_STR(pia_doc_get(c, 0, 0, "a")->value, "値");
    CHECK(pia_doc_instances(c, 2, "g") == 3);
    CHECK(c->nfiles == 2);
    int n = 0;
    pia_doc_each(c, count_each, &n);
    CHECK(n == 2 && pia_doc_count(c) == 2);
    pia_doc_free(d);
    pia_doc_free(c);
}

/* Many answers and counts: the tables grow, removals leave tombstones that
 * later insertions reuse, and the same (file, inst) with other items, or
 * the same item under other files and instances, stay apart. */
static void test_doc_many(void)
{
    pia_doc *d = pia_doc_new("zenkomoku", "題", "機関");
    char item[32], val[32];
    for (int i = 0; i < 3000; i++) {
        snprintf(item, sizeof item, "sec.item%d", i % 300);
        snprintf(val, sizeof val, "v%d", i);
        pia_doc_set(d, i % 4, i / 300, item, val, NULL);
        pia_doc_set_instances(d, i % 4, item, i + 1);
    }
    CHECK(pia_doc_count(d) == 3000);
    int ok = 1;
    for (int i = 0; i < 3000; i++) {
        snprintf(item, sizeof item, "sec.item%d", i % 300);
        snprintf(val, sizeof val, "v%d", i);
        const pia_value *v = pia_doc_get(d, i % 4, i / 300, item);
        ok &= v && strcmp(v->value, val) == 0;
        ok &= v == pia_doc_get_h(d, i % 4, i / 300, item, pia_doc_item_hash(item));
    }
    CHECK(ok);
    /* Counts keyed by (file, group): the last of the 10 writes to each. */
    CHECK(pia_doc_instances(d, 3, "sec.item299") == 3000);
    CHECK(pia_doc_instances(d, 0, "sec.item0") == 2701);
    for (int i = 0; i < 3000; i += 2) {
        snprintf(item, sizeof item, "sec.item%d", i % 300);
        pia_doc_set(d, i % 4, i / 300, item, "", "");
    }
    CHECK(pia_doc_count(d) == 1500);
    CHECK(pia_doc_get(d, 0, 0, "sec.item0") == NULL && pia_doc_get(d, 1, 0, "sec.item1") != NULL);
    for (int i = 0; i < 3000; i += 2) {          /* back into the removed places */
        snprintf(item, sizeof item, "sec.item%d", i % 300);
        pia_doc_set(d, i % 4, i / 300, item, "again", NULL);
    }
    CHECK(pia_doc_count(d) == 3000);
    CHECK_STR(pia_doc_get(d, 2, 9, "sec.item298")->value, "again");
    pia_doc_set_instances(d, 3, "sec.item299", 0);
    CHECK(pia_doc_instances(d, 3, "sec.item299") == 0);
    int n = 0;
    pia_doc_each(d, count_each, &n);
    CHECK(n == 3000);
    pia_doc *c = pia_doc_clone(d);
    CHECK(pia_doc_count(c) == 3000 && pia_doc_instances(c, 0, "sec.item0") == 2701);
    pia_doc_free(c);
    pia_doc_free(d);
}

static void test_format(void)
{
    char *opts[] = { "特に力を入れている", "十分である", "課題が残されている" };
    pia_node choice = { .id = "x", .kind = PIA_CHOICE, .label = "リスクへの対策は十分か",
                        .choices = opts, .nchoices = 3 };
    pia_value v = { .value = "十分である", .detail = "" };
    char *s = pia_format_choice(&choice, &v);
    CHECK_STR(s, "[ 十分である ]");
    free(s);
    s = pia_format_choice(&choice, NULL);
    CHECK_STR(s, "[ ]");
    free(s);
    s = pia_format_options(&choice);
    CHECK_STR(s, "<選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている");
    free(s);
    pia_node box = { .id = "y", .kind = PIA_CHECK, .label = "提供を行っている", .detail = "件" };
    pia_value on = { .value = "1", .detail = "2" };
    s = pia_format_box(&box, &on);
    CHECK_STR(s, "[ ○ ] 提供を行っている（ 2 ）件");
    free(s);
    pia_node fee = { .id = "z", .kind = PIA_CHECK, .label = "有料", .detail = "手数料額、納付方法：" };
    s = pia_format_box(&fee, NULL);
    CHECK_STR(s, "[ ] 有料（手数料額、納付方法： ）");
    free(s);
    s = pia_text_visible("a\x1b[31mb\n\tc\x7f");
    CHECK_STR(s, "a^[[31mb\n\tc^?");
    free(s);
    s = pia_text_visible("x\xc2\x9b" "31my\xc2\xa0z");     /* C1 CSI escaped, NBSP kept */
    CHECK_STR(s, "x<9B>31my\xc2\xa0z");
    free(s);
}

int main(void)
{
    test_map();
    test_doc();
    test_doc_many();
    test_format();
    return check_result();
}
