/*
 * test_walk.c — the printed-form walker on a small template: per-file
 * sections repeat for each file, repeated groups for each instance, a
 * checked box switches its parts off, progress counts what is left; and
 * the text export built on it.
 */
#include "check.h"
#include "export/export.h"
#include "model/walk.h"

#include <stdlib.h>
#include <string.h>

static const char *TEMPLATE =
    "form: mini\n"
    "title: 小さな評価書\n"
    "sections:\n"
    "  - id: a\n"
    "    number: Ⅰ\n"
    "    label: 基本情報\n"
    "    items:\n"
    "      - {id: a.name, number: ①, label: 事務の名称, kind: text, short: true}\n"
    "      - id: a.sys\n"
    "        label: システム\n"
    "        repeat: システム\n"
    "        items:\n"
    "          - {id: a.sys.name, number: ①, label: システムの名称, kind: text}\n"
    "  - id: b\n"
    "    number: Ⅱ\n"
    "    label: ファイルの概要\n"
    "    per_file: true\n"
    "    items:\n"
    "      - {id: b.file, number: '1.', label: 特定個人情報ファイル名, kind: text, auto: file_name}\n"
    "      - {id: b.none, label: 委託しない, kind: check, disables: [b.risk]}\n"
    "      - id: b.risk\n"
    "        number: リスク1\n"
    "        sep: '： '\n"
    "        label: 目的外の入手が行われるリスク\n"
    "        items:\n"
    "          - {id: b.risk.m, label: リスクに対する措置の内容, kind: text}\n"
    "          - {id: b.risk.ok, label: リスクへの対策は十分か, kind: choice,\n"
    "             choices: [特に力を入れている, 十分である, 課題が残されている]}\n"
    "      - {id: b.once, label: 重大事故, kind: text, per_file: false}\n";

typedef struct trace {
    char buf[4096];
    size_t len;
} trace;

static int record(const pia_row *row, void *ctx)
{
    trace *t = ctx;
    t->len += (size_t)snprintf(t->buf + t->len, sizeof t->buf - t->len, "%s/%d/%d/%d%s ",
                               row->node->id, row->file, row->afile, row->inst,
                               row->na_head ? "X" : row->na ? "x" : "");
    return 0;
}

static char *export_text(const pia_form *f, const pia_doc *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    pia_err err = { 0 };
    CHECK(pia_export_text(f, d, fp, &err) == 0);
    fclose(fp);
    return buf;
}

int main(void)
{
    pia_err err = { 0 };
    pia_form *f = NULL;
    CHECK(pia_form_load_buffer("mini.yaml", TEMPLATE, strlen(TEMPLATE), &f, &err) == 0);
    if (!f) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    pia_doc *d = pia_doc_new("mini", "題", "");

    /* No files yet: the per-file section is still printed once. */
    trace t = { .len = 0 };
    pia_walk(f, d, record, &t);
    CHECK_STR(t.buf, "a/0/0/0 a.name/0/0/0 a.sys/0/0/1 a.sys.name/0/0/1 b/1/1/0 b.file/1/1/0 "
                     "b.none/1/1/0 b.risk/1/1/0 b.risk.m/1/1/0 b.risk.ok/1/1/0 b.once/1/0/0 ");
    int answered, total;
    pia_walk_progress(f, d, NULL, &answered, &total);
    CHECK(answered == 0 && total == 5);

    pia_doc_add_file(d, "住民ファイル");
    pia_doc_add_file(d, "税ファイル");
    pia_doc_set_instances(d, 0, "a.sys", 2);
    pia_doc_set(d, 0, 2, "a.sys.name", "宛名システム", NULL);
    pia_doc_set(d, 2, 0, "b.none", "1", NULL);
    pia_doc_set(d, 2, 0, "b.risk.m", "切り替えた後も残る記載", NULL);
    pia_doc_set(d, 0, 0, "b.once", "発生なし", NULL);
    t.len = 0;
    pia_walk(f, d, record, &t);
    CHECK_STR(t.buf, "a/0/0/0 a.name/0/0/0 a.sys/0/0/1 a.sys.name/0/0/1 a.sys/0/0/2 a.sys.name/0/0/2 "
                     "b/1/1/0 b.file/1/1/0 b.none/1/1/0 b.risk/1/1/0 b.risk.m/1/1/0 b.risk.ok/1/1/0 b.once/1/0/0 "
                     "b/2/2/0 b.file/2/2/0 b.none/2/2/0 b.risk/2/2/0X b.risk.m/2/2/0x b.risk.ok/2/2/0x b.once/2/0/0 ");
    /* 2 system names + a.name + file 1's two risk fields + b.once once. */
    pia_walk_progress(f, d, NULL, &answered, &total);
    CHECK(answered == 2 && total == 6);
    pia_walk_progress(f, d, pia_form_find(f, "b"), &answered, &total);
    CHECK(answered == 1 && total == 3);

    char *text = export_text(f, d);
    CHECK_HAS(text, "小さな評価書\n題\n\nⅠ 基本情報\n①事務の名称\nシステム1\n①システムの名称\n"
                    "システム2\n①システムの名称\t宛名システム\n");
    CHECK_HAS(text, "\nⅡ ファイルの概要\n（2）税ファイル\n1. 特定個人情報ファイル名\t税ファイル\n"
                    "[ ○ ] 委託しない\nリスク1： 目的外の入手が行われるリスク\t（該当なし）\n");
    CHECK_HAS(text, "リスクへの対策は十分か\t[ ] <選択肢> 1) 特に力を入れている 2) 十分である 3) 課題が残されている\n");
    CHECK_HAS(text, "重大事故\t発生なし\n");
    free(text);
    pia_doc_free(d);
    pia_form_free(f);
    return check_result();
}
