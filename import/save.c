/*
 * save.c — storing an import: the new assessment and its import record
 * (source, edition, report, notes) in one transaction, so a failure keeps
 * neither.  Shared by `pia import` and the TUI.
 */
#include "import.h"
#include "model/import_notes.h"

#include <stdlib.h>
#include <string.h>

static void note(pia_import_info *info, pia_note_kind kind, const pia_node *n, int file, int inst,
                 const char *place, const char *text)
{
    info->notes = pia_xrealloc(info->notes, (size_t)(info->nnotes + 1) * sizeof *info->notes);
    info->notes[info->nnotes++] = (pia_import_note){
        .kind = kind, .file = file, .inst = inst, .item = pia_xstrdup(n ? n->id : ""),
        .place = pia_xstrdup(place ? place : ""), .text = pia_xstrdup(text ? text : ""),
    };
}

static const char *format_name(imp_format f)
{
    return f == IMP_PDF ? "pdf" : f == IMP_XLSX ? "xlsx" : f == IMP_YAML ? "yaml" : "text";
}

static pia_import_info *info_of(const imp_result *r, const char *report)
{
    pia_import_info *info = pia_xcalloc(1, sizeof *info);
    info->source = pia_xstrdup(r->path);
    info->format = pia_xstrdup(format_name(r->format));
    info->edition = pia_xstrdup(r->edition ? r->edition : "");
    info->report = pia_xstrdup(report ? report : "");
    for (int i = 0; i < r->nloose; i++)
        note(info, PIA_NOTE_UNPLACED, r->loose[i].near, r->loose[i].file, r->loose[i].inst,
             r->loose[i].where, r->loose[i].text);
    for (int i = 0; i < r->nmissing; i++) {
        char *t = r->missing[i].rows > 1 ? pia_xasprintf("以下すべて（%d 行）", r->missing[i].rows) : NULL;
        note(info, PIA_NOTE_MISSING, r->missing[i].node, r->missing[i].file, r->missing[i].inst, "", t);
        free(t);
    }
    for (int i = 0; i < r->nheadings; i++)
        note(info, PIA_NOTE_GUESS, r->headings[i].node, r->headings[i].file, r->headings[i].inst,
             r->headings[i].where, r->headings[i].why);
    for (int i = 0; i < r->nfilled; i++)
        if (r->filled[i].guess)
            note(info, PIA_NOTE_GUESS, r->filled[i].node, r->filled[i].file, r->filled[i].inst,
                 r->filled[i].where, r->filled[i].why);
    return info;
}

typedef struct save_ctx {
    const imp_result *r;
    const pia_import_info *info;
    long id;
    pia_err *err;
} save_ctx;

static int save_tx(pia_store *st, void *ctx)
{
    save_ctx *c = ctx;
    if (pia_store_import(st, c->r->doc, &c->id, c->err))
        return -1;
    if (c->r->format == IMP_YAML)
        return 0;
    return pia_import_notes_save(st, c->id, c->info, c->err);
}

int pia_import_store(pia_store *st, const imp_result *r, const char *report, long *id, pia_err *err)
{
    pia_import_info *info = info_of(r, report);
    save_ctx c = { r, info, 0, err };
    int rc = pia_store_tx(st, save_tx, &c, err);
    pia_import_info_free(info);
    if (!rc)
        *id = c.id;
    return rc;
}
