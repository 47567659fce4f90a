/*
 * yaml_out.c — an assessment's answers as canonical YAML (docs/answers-format.md).
 *
 * Canonical means: keys in template order, only answered items, one style
 * per kind of value, so `import` then `export` gives back the same bytes
 * and two exports can be compared with ordinary tools.
 */
#include "export.h"
#include "model/utf8.h"

#include <string.h>
#include <yaml.h>

typedef struct emitter {
    yaml_emitter_t e;
    yaml_event_t ev;
    int failed;
    const char *where;     /* the key being written, for a message */
    const char *bad;       /* the first key whose text is not UTF-8 */
} emitter;

static int write_file(void *data, unsigned char *buf, size_t size)
{
    return fwrite(buf, 1, size, (FILE *)data) == size;
}

static void emit(emitter *em)
{
    if (!em->failed && !yaml_emitter_emit(&em->e, &em->ev))
        em->failed = 1;
}

/* Scalars another YAML reader would take for a number, boolean or null are
 * quoted, so the file means the same to every tool. */
static int looks_typed(const char *s)
{
    static const char *words[] = { "", "~", "null", "Null", "NULL", "true", "True", "TRUE",
        "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
        "off", "Off", "OFF", "y", "Y", "n", "N", NULL };
    for (int i = 0; words[i]; i++)
        if (strcmp(s, words[i]) == 0)
            return 1;
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    int digits = 0;
    for (; *p; p++) {
        if ((*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == ':' ||
            *p == 'e' || *p == 'E' || *p == 'x' || *p == 'o' || *p == '+' || *p == '-')
            digits += (*p >= '0' && *p <= '9');
        else
            return 0;
    }
    return digits > 0 || strcmp(s, ".inf") == 0 || strcmp(s, ".nan") == 0;
}

static void scalar(emitter *em, const char *s, yaml_scalar_style_t style)
{
    /* libyaml loops forever on text that is not UTF-8 (stored before pia
     * checked its input): refuse it by name instead. */
    if (!pia_utf8_valid(s)) {
        if (!em->bad)
            em->bad = em->where ? em->where : "?";
        em->failed = 1;
        return;
    }
    if (em->failed)
        return;
    yaml_scalar_event_initialize(&em->ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s),
                                 1, 1, style);
    emit(em);
}

static void string(emitter *em, const char *s)
{
    yaml_scalar_style_t style = strchr(s, '\n') ? YAML_LITERAL_SCALAR_STYLE
                              : looks_typed(s) ? YAML_SINGLE_QUOTED_SCALAR_STYLE
                              : YAML_ANY_SCALAR_STYLE;
    scalar(em, s, style);
}

static void map_start(emitter *em)
{
    yaml_mapping_start_event_initialize(&em->ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    emit(em);
}

static void map_end(emitter *em)
{
    yaml_mapping_end_event_initialize(&em->ev);
    emit(em);
}

static void seq_start(emitter *em)
{
    yaml_sequence_start_event_initialize(&em->ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
    emit(em);
}

static void seq_end(emitter *em)
{
    yaml_sequence_end_event_initialize(&em->ev);
    emit(em);
}

static void value(emitter *em, const pia_node *n, const pia_value *v)
{
    const char *val = v->value;
    int is_check = n->kind == PIA_CHECK;
    if (v->detail[0]) {
        map_start(em);
        /* A choice with only its （ ）件 filled has no value to write (an
         * empty one is not among the options, and import refuses it). */
        if (is_check || val[0])
            string(em, "value");
        if (is_check)
            scalar(em, strcmp(val, "1") == 0 ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
        else if (val[0])
            string(em, val);
        string(em, "detail");
        string(em, v->detail);
        map_end(em);
        return;
    }
    if (is_check)
        scalar(em, strcmp(val, "1") == 0 ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
    else
        string(em, val);
}

typedef struct scope {
    emitter *em;
    const pia_doc *doc;
    int file;       /* answers stored under this file position (0 = once) */
    int per_file;   /* which nodes belong to this scope */
} scope;

static void emit_fields(scope *s, const pia_node *n, int inst);

static void emit_repeat(scope *s, const pia_node *g)
{
    int count = pia_doc_instances(s->doc, s->file, g->id);
    if (count <= 0)
        return;
    string(s->em, g->id);
    seq_start(s->em);
    for (int i = 1; i <= count; i++) {
        map_start(s->em);
        for (int k = 0; k < g->nkids; k++)
            emit_fields(s, g->kids[k], i);
        map_end(s->em);
    }
    seq_end(s->em);
}

static void emit_fields(scope *s, const pia_node *n, int inst)
{
    if (n->repeat && inst == 0) {
        if (n->per_file == s->per_file)
            emit_repeat(s, n);
        return;
    }
    if (n->kind == PIA_GROUP) {
        for (int k = 0; k < n->nkids; k++)
            emit_fields(s, n->kids[k], inst);
        return;
    }
    const pia_value *v = n->per_file != s->per_file || n->autofill ? NULL
                       : pia_doc_get(s->doc, s->file, inst, n->id);
    if (v) {
        s->em->where = n->id;
        string(s->em, n->id);
        value(s->em, n, v);
    }
    /* An item that carries its own answer may have sub-items too. */
    for (int k = 0; k < n->nkids; k++)
        emit_fields(s, n->kids[k], inst);
}

static void emit_answers(emitter *em, const pia_form *form, const pia_doc *doc,
                         int file, int per_file)
{
    scope s = { em, doc, file, per_file };
    string(em, "answers");
    map_start(em);
    for (int i = 0; i < form->nsections; i++)
        emit_fields(&s, form->sections[i], 0);
    map_end(em);
}

int pia_export_yaml(const pia_form *form, const pia_doc *doc, FILE *out, pia_err *err)
{
    emitter em = { .failed = 0 };
    if (!yaml_emitter_initialize(&em.e))
        return pia_fail(err, PIA_ENOMEM, "YAML の出力を準備できません");
    yaml_emitter_set_output(&em.e, write_file, out);
    yaml_emitter_set_unicode(&em.e, 1);
    yaml_emitter_set_width(&em.e, -1);
    yaml_emitter_set_indent(&em.e, 2);

    yaml_stream_start_event_initialize(&em.ev, YAML_UTF8_ENCODING);
    emit(&em);
    yaml_document_start_event_initialize(&em.ev, NULL, NULL, NULL, 1);
    emit(&em);
    map_start(&em);
    string(&em, "pia");
    scalar(&em, "1", YAML_PLAIN_SCALAR_STYLE);
    string(&em, "template");
    string(&em, form->name);
    em.where = "title";
    string(&em, "title");
    string(&em, doc->title);
    em.where = "organisation";
    string(&em, "organisation");
    string(&em, doc->org);
    emit_answers(&em, form, doc, 0, 0);
    string(&em, "files");
    seq_start(&em);
    for (int f = 1; f <= doc->nfiles; f++) {
        map_start(&em);
        em.where = "files.name";
        string(&em, "name");
        string(&em, doc->files[f - 1].name);
        emit_answers(&em, form, doc, f, 1);
        map_end(&em);
    }
    seq_end(&em);
    map_end(&em);
    yaml_document_end_event_initialize(&em.ev, 1);
    emit(&em);
    yaml_stream_end_event_initialize(&em.ev);
    emit(&em);
    int failed = em.failed || !yaml_emitter_flush(&em.e);
    const char *problem = em.e.problem;
    yaml_emitter_delete(&em.e);
    if (em.bad)
        return pia_fail(err, PIA_EINVAL, "評価書 %ld の %s に UTF-8 ではないバイトがあるため書き出しません"
                        "（pia の以前の版で保存された文字です。pia set か画面で直してください）", doc->id, em.bad);
    if (failed || fflush(out) != 0 || ferror(out))
        return pia_fail(err, PIA_EIO, "YAML を書き出せません%s%s", problem ? ": " : "",
                        problem ? problem : "");
    return 0;
}
