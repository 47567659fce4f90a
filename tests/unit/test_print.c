/*
 * test_print.c — one fixture (tests/fixtures/print/agree.yaml) read by every
 * consumer of the printed form: the rows themselves, the text export, the
 * check, and the completion counts the TUI shows.  They must agree on what
 * is answered, what is not applicable (marked once), and what is printed.
 */
#include "check.h"
#include "export/export.h"
#include "model/check.h"
#include "model/print.h"

#include <stdlib.h>
#include <string.h>

static const pia_prow *row_of(const pia_print *p, const char *id, int file, int inst)
{
    for (int i = 0; i < p->n; i++)
        if (!strcmp(p->rows[i].node->id, id) && p->rows[i].file == file && p->rows[i].inst == inst)
            return &p->rows[i];
    return NULL;
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

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The rows: each case as the form prints it. */
static void test_rows(const pia_print *p)
{
    const pia_prow *r = row_of(p, "s.g", 0, 0);
    CHECK(r && r->kind == PIA_P_BOXES && r->keep_next);
    CHECK_STR(r ? r->answer : NULL, "[ ○ ] 委託しない");
    r = row_of(p, "s.g.part", 0, 0);
    CHECK(r && r->kind == PIA_P_HEADING && r->na_head && r->state == PIA_STATE_NA);
    CHECK_STR(r ? r->answer : NULL, PIA_NA_TEXT);
    r = row_of(p, "s.g.part.inner", 0, 0);           /* inside: not marked again */
    CHECK(r && !r->na_head && r->na);
    CHECK_STR(r ? r->answer : NULL, "");
    r = row_of(p, "s.g.part.inner.t", 0, 0);         /* stored, switched off, not printed */
    CHECK(r && r->stored && r->state == PIA_STATE_NA && !r->counted);
    CHECK_STR(r ? r->answer : NULL, "");
    r = row_of(p, "s.fee", 0, 0);                    /* only its （ ）件: not answered */
    CHECK(r && r->kind == PIA_P_CHOICE && r->state == PIA_STATE_OPEN && r->counted);
    CHECK_STR(r ? r->answer : NULL, "[ ]（ 3 ）件");
    CHECK_STR(r ? r->options : NULL, "<選択肢> 1) 有料 2) 無料");
    r = row_of(p, "s.links", 0, 0);                  /* no box ticked: nothing asked */
    CHECK(r && r->kind == PIA_P_BOXES && r->state == PIA_STATE_NONE && r->nboxes == 2);
    CHECK_STR(r ? r->answer : NULL, "[ ] 甲システム  [ ] その他（ ）");
    CHECK(row_of(p, "s.links.a", 0, 0) == NULL);     /* printed on the group's row only */
    CHECK(row_of(p, "s.sys", 0, 2) != NULL);
    CHECK_STR(row_of(p, "s.sys", 0, 2)->heading, "システム2");
    CHECK(row_of(p, "s.sys.name", 0, 2)->state == PIA_STATE_OPEN);
    r = row_of(p, "f.scope", 1, 0);                  /* the item carries its answer */
    CHECK(r && r->kind == PIA_P_TEXT && r->state == PIA_STATE_ANSWERED);
    CHECK_STR(r ? r->heading : NULL, "③範囲 ※");
    CHECK(row_of(p, "f.scope.need", 1, 0) && row_of(p, "f.scope.need", 1, 0)->depth == 2);
    r = row_of(p, "f", 2, 0);
    CHECK(r && r->kind == PIA_P_SECTION);
    CHECK_STR(r ? r->file_name : NULL, "乙ファイル");
    CHECK_STR(row_of(p, "f.name", 2, 0)->answer, "乙ファイル");
    CHECK(row_of(p, "f.name", 2, 0)->state == PIA_STATE_AUTO);
    CHECK(row_of(p, "f.once", 1, 0)->counted && !row_of(p, "f.once", 2, 0)->counted);
}

/* Text: the same rows, one per line. */
static void test_text(const char *t)
{
    CHECK(count(t, PIA_NA_TEXT) == 1);
    CHECK_HAS(t, "\n1. 委託\t[ ○ ] 委託しない\n委託の内容\t（該当なし）\nリスク1： 内側のリスク\n措置の内容\n");
    CHECK(strstr(t, "切り替えた後も残る記載") == NULL);
    CHECK_HAS(t, "\n①手数料等\t[ ]（ 3 ）件 <選択肢> 1) 有料 2) 無料\n");
    CHECK_HAS(t, "\n②接続\t[ ] 甲システム  [ ] その他（ ）\n");
    CHECK_HAS(t, "\nシステム1\n①名称\t住民記録システム\nシステム2\n①名称\n");
    CHECK_HAS(t, "\nⅡ ファイル\n（1）甲ファイル\n1. ファイル名\t甲ファイル\n③範囲 ※\t町内の全住民\nその必要性\n");
}

/* The check and the counts agree with the rows. */
static void test_check(const pia_form *f, const pia_doc *d, const pia_print *p)
{
    pia_finding *fs;
    int n, open = 0, left = 0;
    pia_check_doc(f, d, &fs, &n);
    for (int i = 0; i < n; i++) {
        open += fs[i].kind == PIA_FIND_UNANSWERED;
        left += fs[i].kind == PIA_FIND_NA_ANSWERED;
        CHECK(strcmp(fs[i].node->id, "s.g.part.inner.c") != 0);   /* switched off: not asked */
    }
    CHECK(left == 1);
    /* s.fee, システム2's name, 甲's その必要性, 乙's 範囲 and その必要性, 一度だけ. */
    CHECK(open == 6);
    CHECK(p->total - p->answered == open);
    int answered, total;
    pia_walk_progress(f, d, NULL, &answered, &total);
    CHECK(answered == p->answered && total == p->total);
    CHECK(answered == 2 && total == 8);
    int sa[2], st[2];
    pia_walk_progress_sections(f, d, sa, st, 2);
    CHECK(sa[0] + sa[1] == answered && st[0] + st[1] == total);
    pia_findings_free(fs, n);
}

/* The answers survive a round trip: a choice with only its （ ）件 too. */
static void test_yaml(const pia_form *f, const pia_doc *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    pia_err err = { 0 };
    CHECK(pia_export_yaml(f, d, fp, &err) == 0);
    fclose(fp);
    pia_form *f2 = NULL;
    pia_doc *d2 = NULL;
    CHECK(pia_import_yaml_buffer("back.yaml", buf, len, &f2, &d2, &err) == 0);
    const pia_value *v = d2 ? pia_doc_get(d2, 0, 0, "s.fee") : NULL;
    CHECK(v && !v->value[0] && !strcmp(v->detail, "3"));
    CHECK(d2 && pia_doc_count(d2) == pia_doc_count(d));
    pia_doc_free(d2);
    pia_form_free(f2);
    free(buf);
}

int main(void)
{
    const char *root = getenv("ROOT") ? getenv("ROOT") : ".";
    char *tpl = pia_xasprintf("%s/tests/fixtures/print", root);
    setenv("PIA_TEMPLATE_DIR", tpl, 1);
    char *path = pia_xasprintf("%s/agree-answers.yaml", tpl);
    pia_form *f = NULL;
    pia_doc *d = NULL;
    pia_err err = { 0 };
    if (pia_import_yaml(path, &f, &d, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    pia_print p;
    pia_print_build(f, d, &p);
    test_rows(&p);
    char *t = export_text(f, d);
    test_text(t);
    test_check(f, d, &p);
    test_yaml(f, d);
    free(t);
    pia_print_free(&p);
    pia_doc_free(d);
    pia_form_free(f);
    free(path);
    free(tpl);
    return check_result();
}
