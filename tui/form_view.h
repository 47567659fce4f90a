/*
 * form_view.h — the state of the form view (form_view.c), shared with the
 * files that act on it, each declaring its own API: form_rows.h (rows as
 * drawn), form_edit.h (answers, files, instances, pastes), form_undo.h,
 * search.h, copy_view.h, history_view.h.
 */
#ifndef PIA_TUI_FORM_VIEW_H
#define PIA_TUI_FORM_VIEW_H

#include "app.h"
#include "model/limits.h"
#include "model/review.h"
#include "model/walk.h"

struct tui_event;

typedef struct vrow {
    const pia_node *node;
    int file, afile, inst, ninst, na, na_head;
    pia_state state;          /* decided by the walk (model/walk.h), never here */
} vrow;

typedef struct fview {
    tui_app *a;
    long id;
    pia_form *form;
    pia_doc *doc;             /* the items answered once and file `file` alone (doc.h: loaded_file);
                                 a frozen version whole */
    pia_ids *ids;             /* row ids of doc's files and instances, read with it */
    vrow *rows;
    int nrows, cap;
    int cur, top;
    int file;                 /* the 特定個人情報ファイル shown (1-based; 1 when none) */
    int sec_answered[PIA_MAX_SECTIONS], sec_total[PIA_MAX_SECTIONS];   /* template_parse.c enforces it */
    int walk_sec;             /* relayout: the section the walk is in */
    int answered, total;      /* of what is shown (the items answered once and this file),
                                 kept with the rows (not walked per frame) */
    char search[256];
    pia_review *review;       /* comments and section states (never in the sheet) */
    int version;              /* > 0: showing that frozen version, read-only */
    int was_readonly;         /* the app's read-only state before a version was opened */
    struct fv_undo *undo;     /* form-level changes that u / Ctrl-Z takes back (form_undo.c) */
    int nundo;
} fview;

/* form_view.c: the open assessment until it is left (0; -1 when it
 * cannot be read, said on the status line). */
int tui_form_view(tui_app *a, long id);
int tui_fv_reload(fview *v);
/* The whole assessment (or the version shown) for what needs every file:
 * check, export, copying between files.  Caller frees; NULL when it
 * cannot be read (said on the status line). */
pia_doc *tui_fv_load_whole(fview *v);
int tui_fv_find_row(fview *v, const pia_node *n, int inst);
/* The cursor on node's row (instance inst) of file `file` (0: the file
 * shown), that file read first when another one is shown. */
void tui_fv_go_to(fview *v, const pia_node *node, int file, int inst);
/* After a save of r's answer: that one answer read back into the doc,
 * rows and counts updated in place (falls back to tui_fv_reload). */
void tui_fv_answer_saved(fview *v, const vrow *r);

#endif
