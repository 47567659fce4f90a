/*
 * test_place.c — answers addressed by the ids of their rows (pia_place):
 * a file moved or removed, an instance removed, while an editor holds the
 * place never sends its save to whatever now has that position; a save
 * whose place is gone writes nothing (PIA_EGONE).  And the store's floor
 * under every entry: text that is not UTF-8, or holds a NUL, is never
 * stored.
 */
#include "check.h"
#include "model/store.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *TEMPLATE =
    "form: mini\ntitle: 小\nsections:\n"
    "  - id: a\n    label: 基本\n    items:\n"
    "      - {id: a.t, label: 名称, kind: text}\n"
    "      - id: a.sys\n        label: システム\n        repeat: システム\n        items:\n"
    "          - {id: a.sys.name, label: システムの名称, kind: text}\n"
    "  - id: b\n    label: 概要\n    per_file: true\n    items:\n"
    "      - {id: b.t, label: 記載, kind: text}\n"
    "      - id: b.ent\n        label: 委託\n        repeat: 委託事項\n        items:\n"
    "          - {id: b.ent.name, label: 委託先, kind: text}\n";

/* The stored text at (file position, inst position, item), "" when none. */
static char *answer(pia_store *st, long id, int file, int inst, const char *item)
{
    pia_doc *d = NULL;
    pia_err err = { 0 };
    if (pia_store_load(st, id, &d, &err))
        return strdup("?");
    const pia_value *v = pia_doc_get(d, file, inst, item);
    char *s = strdup(v ? v->value : "");
    pia_doc_free(d);
    return s;
}

static int audit_rows(pia_store *st, long id)
{
    pia_audit *a;
    int n = 0;
    pia_err err = { 0 };
    if (pia_store_audit(st, id, &a, &n, &err))
        return -1;
    pia_audit_free(a, n);
    return n;
}

static void files_moved_or_removed(pia_store *st, long id)
{
    pia_err err = { 0 };
    int pos;
    CHECK(pia_store_file_add(st, id, "一", &pos, &err) == 0);
    CHECK(pia_store_file_add(st, id, "二", &pos, &err) == 0);
    CHECK(pia_store_file_add(st, id, "三", &pos, &err) == 0);
    /* An editor opens b.t of file 2 (「二」). */
    pia_place pl;
    CHECK(pia_store_place(st, id, 2, NULL, 0, &pl, &err) == 0);
    CHECK(pl.file != 0);
    /* A colleague moves 「二」 to the front, then removes 「一」. */
    CHECK(pia_store_file_move(st, id, 2, 1, &err) == 0);
    CHECK(pia_store_file_remove(st, id, 2, &err) == 0);
    int f, i;
    CHECK(pia_store_place_where(st, id, &pl, &f, &i, &err) == 0 && f == 1);
    long rev;
    CHECK(pia_store_set_at(st, id, &pl, "b.t", "二の記載", "", 0, &rev, &err) == 0);
    char *s = answer(st, id, 1, 0, "b.t");
    CHECK_STR(s, "二の記載");                        /* 「二」 is now file 1 */
    free(s);
    s = answer(st, id, 2, 0, "b.t");
    CHECK_STR(s, "");                                /* 「三」 untouched */
    free(s);
    /* Then 「二」 itself is removed: the next save writes nothing at all. */
    int before = audit_rows(st, id);
    CHECK(pia_store_file_remove(st, id, 1, &err) == 0);
    before++;
    CHECK(pia_store_set_at(st, id, &pl, "b.t", "二の記載、続き", "", rev, NULL, &err) == -1);
    CHECK(err.code == PIA_EGONE);
    CHECK_HAS(err.msg, "ほかの人が削除しました");
    CHECK(pia_store_place_where(st, id, &pl, &f, &i, &err) == -1 && err.code == PIA_EGONE);
    s = answer(st, id, 1, 0, "b.t");
    CHECK_STR(s, "");                                /* not written into 「三」 */
    free(s);
    CHECK(audit_rows(st, id) == before);
    pia_value v;
    CHECK(pia_store_get_at(st, id, &pl, "b.t", &v, &err) == -1 && err.code == PIA_EGONE);
}

static void instances(pia_store *st, long id)
{
    pia_err err = { 0 };
    CHECK(pia_store_set(st, id, 0, "a.sys", 1, "a.sys.name", "住民記録", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, "a.sys", 2, "a.sys.name", "宛名", "", -1, NULL, &err) == 0);
    CHECK(pia_store_set(st, id, 0, "a.sys", 3, "a.sys.name", "税務", "", -1, NULL, &err) == 0);
    pia_place pl;
    CHECK(pia_store_place(st, id, 0, "a.sys", 2, &pl, &err) == 0 && pl.inst != 0);
    pia_value v;
    CHECK(pia_store_get_at(st, id, &pl, "a.sys.name", &v, &err) == 0);
    CHECK_STR(v.value, "宛名");
    long rev = v.rev;
    free(v.value); free(v.detail); free(v.updated); free(v.updated_by);
    /* システム1 removed: 宛名 is now システム1, and the save follows it. */
    CHECK(pia_store_inst_remove(st, id, 0, "a.sys", 1, &err) == 0);
    CHECK(pia_store_set_at(st, id, &pl, "a.sys.name", "宛名システム", "", rev, &rev, &err) == 0);
    char *s = answer(st, id, 0, 1, "a.sys.name");
    CHECK_STR(s, "宛名システム");
    free(s);
    s = answer(st, id, 0, 2, "a.sys.name");
    CHECK_STR(s, "税務");
    free(s);
    /* Its own removal: refused, 税務 (now システム1) untouched. */
    CHECK(pia_store_inst_remove(st, id, 0, "a.sys", 1, &err) == 0);
    CHECK(pia_store_set_at(st, id, &pl, "a.sys.name", "宛名システム改", "", rev, NULL, &err) == -1);
    CHECK(err.code == PIA_EGONE);
    s = answer(st, id, 0, 1, "a.sys.name");
    CHECK_STR(s, "税務");
    free(s);
}

/* An instance shown but not yet made (an empty group shows one blank
 * instance): the first save makes it and the place remembers it. */
static void instance_made_by_save(pia_store *st, long id)
{
    pia_err err = { 0 };
    int pos;
    CHECK(pia_store_file_add(st, id, "委託のファイル", &pos, &err) == 0);
    pia_place pl;
    CHECK(pia_store_place(st, id, pos, "b.ent", 1, &pl, &err) == 0);
    CHECK(pl.inst == 0 && pl.inst_pos == 1);
    pia_value v;
    CHECK(pia_store_get_at(st, id, &pl, "b.ent.name", &v, &err) == 0 && v.value == NULL && v.rev == 0);
    CHECK(pia_store_set_at(st, id, &pl, "b.ent.name", "架空委託株式会社", "", 0, NULL, &err) == 0);
    CHECK(pl.inst != 0);
    char *s = answer(st, id, pos, 1, "b.ent.name");
    CHECK_STR(s, "架空委託株式会社");
    free(s);
    /* A conflicting save (a stale revision) leaves the place as it was. */
    pia_place again;
    CHECK(pia_store_place(st, id, pos, "b.ent", 2, &again, &err) == 0 && again.inst == 0);
    CHECK(pia_store_set_at(st, id, &again, "b.ent.name", "x", "", 5, NULL, &err) == -1);
    CHECK(err.code == PIA_ECONFLICT && again.inst == 0);
}

/* pia_ids: what a view read turned into places, in that moment's numbering. */
static void ids_snapshot(pia_store *st, long id)
{
    pia_err err = { 0 };
    pia_ids *ids;
    CHECK(pia_store_ids(st, id, &ids, &err) == 0);
    pia_place a, b;
    pia_ids_place(ids, 2, "b.ent", 1, &a);
    CHECK(pia_store_place(st, id, 2, "b.ent", 1, &b, &err) == 0);
    CHECK(a.file == b.file && a.inst == b.inst && a.inst != 0);
    pia_ids_place(ids, 0, NULL, 0, &a);
    CHECK(a.file == 0 && a.inst == 0 && a.group == NULL);
    pia_ids_free(ids);
}

static void not_utf8(pia_store *st, long id)
{
    pia_err err = { 0 };
    long nid;
    int pos;
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "ab\xff", "", -1, NULL, &err) == -1);
    CHECK(err.code == PIA_EINVAL);
    CHECK_HAS(err.msg, "UTF-8 ではないバイト（0xFF）");
    CHECK(pia_store_set(st, id, 0, NULL, 0, "a.t", "ok", "\x95\x5d", -1, NULL, &err) == -1);
    CHECK(pia_store_new(st, "mini", "題\x9b", "", &nid, &err) == -1);
    CHECK(pia_store_file_add(st, id, "\x83\x74\x83\x40\x83\x43\x83\x8b", &pos, &err) == -1);
    CHECK(pia_store_set_meta(st, id, NULL, "\xc0\xaf", &err) == -1);
    pia_doc *d = pia_doc_new("mini", "取込", "");
    pia_doc_set(d, 0, 0, "a.t", "ok\xed\xa0\x80", "");
    CHECK(pia_store_import(st, d, &nid, &err) == -1);
    pia_doc_free(d);
    char *s = answer(st, id, 0, 0, "a.t");
    CHECK_STR(s, "");
    free(s);
}

int main(void)
{
    check_template("mini", TEMPLATE);
    unlink("place.db");
    pia_store *st;
    pia_err err = { 0 };
    long id;
    if (pia_store_open("place.db", 0, &st, &err) || pia_store_new(st, "mini", "場所", "", &id, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    files_moved_or_removed(st, id);
    instances(st, id);
    instance_made_by_save(st, id);
    ids_snapshot(st, id);
    not_utf8(st, id);
    pia_store_close(st);
    return check_result();
}
