/*
 * import_notes.h — what an import brought with an assessment: where it
 * came from, which edition of the 様式 the source followed, the report,
 * and notes on what needs a person's eye — labels not found, answers
 * filled by a guess, and text that fitted no item (kept here, never
 * dropped).  Its own tables (import_source, import_note), created on first
 * use, removed with their assessment.  Not part of the statutory sheet.
 */
#ifndef PIA_IMPORT_NOTES_H
#define PIA_IMPORT_NOTES_H

#include "err.h"
#include "store.h"

typedef enum pia_note_kind {
    PIA_NOTE_UNPLACED = 0,   /* text that fitted no item */
    PIA_NOTE_MISSING,        /* a label of the form not found in the source */
    PIA_NOTE_GUESS           /* an item filled by a guess */
} pia_note_kind;

typedef struct pia_import_note {
    pia_note_kind kind;
    int file, inst;          /* where the item is stored (file 0: once) */
    char *item;              /* node id, "" when the note belongs to no item */
    char *place;             /* where in the source ("12行目", "Ⅲ(1)!B12") */
    char *text;
} pia_import_note;

typedef struct pia_import_info {
    char *source;            /* the file imported */
    char *format;            /* "text", "pdf", "xlsx" */
    char *edition;           /* "" when unknown */
    char *at, *who;          /* when, by whom (filled on load) */
    char *report;            /* the report as printed */
    pia_import_note *notes;
    int nnotes;
} pia_import_info;

/* Record an import of assessment `id` (call inside the transaction that
 * stores the assessment, so both or neither are kept). */
int pia_import_notes_save(pia_store *st, long id, const pia_import_info *info, pia_err *err);
/* The import record of `id`; *out is NULL when it was not imported. */
int pia_import_notes_load(pia_store *st, long id, pia_import_info **out, pia_err *err);
void pia_import_info_free(pia_import_info *info);

const char *pia_note_kind_label(pia_note_kind k);   /* 未配置 / 見つからない / 推定 */

#endif
