/*
 * form_view.h — the state of the form view (form_view.c), shared with
 * form_edit.c, where the changes made from it live: answers, files,
 * instances and pastes.
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
    pia_doc *doc;
    pia_ids *ids;             /* row ids of doc's files and instances, read with it */
    vrow *rows;
    int nrows, cap;
    int cur, top;
    int file;                 /* the 特定個人情報ファイル shown (1-based; 1 when none) */
    int sec_answered[PIA_MAX_SECTIONS], sec_total[PIA_MAX_SECTIONS];   /* template_parse.c enforces it */
    int answered, total;      /* the whole assessment's, kept with the rows (not walked per frame) */
    char search[256];
    pia_review *review;       /* comments and section states (never in the sheet) */
    int version;              /* > 0: showing that frozen version, read-only */
    int was_readonly;         /* the app's read-only state before a version was opened */
    struct fv_undo *undo;     /* form-level changes that u / Ctrl-Z takes back (form_undo.c) */
    int nundo;
} fview;

/* form_view.c */
int tui_fv_reload(fview *v);
int tui_fv_find_row(fview *v, const pia_node *n, int inst);
/* After a save of r's answer: that one answer read back into the doc,
 * rows and counts updated in place (falls back to tui_fv_reload). */
void tui_fv_answer_saved(fview *v, const vrow *r);

/* form_edit.c: each acts on the current row or file and reloads. */
void tui_fv_open_row(fview *v);
void tui_fv_toggle(fview *v);
void tui_fv_detail(fview *v);
void tui_fv_external(fview *v);
void tui_fv_paste(fview *v, const struct tui_event *ev);
void tui_fv_file_menu(fview *v);
void tui_fv_inst_add(fview *v);
void tui_fv_inst_del(fview *v);
void tui_fv_take(fview *v, const char *value, const char *detail);
/* copy_view.c */
void tui_fv_copy_files(fview *v);
void tui_fv_other_answers(fview *v);

/* search.c: `/` (ask) and N / P (dir +1 / -1) over the rows. */
void tui_fv_search(fview *v, int ask, int dir);

/* form_undo.c: the form-level changes made from this view, newest last,
 * and taking back the newest as a new, audited change. */
void tui_fv_undo_answer(fview *v, const pia_node *node, const pia_place *pl,
                        const char *old_value, const char *old_detail,
                        const char *new_value, const char *new_detail);
void tui_fv_undo_inst_add(fview *v, const pia_node *group, int afile, int pos);
/* Before removing instance pos: what it holds, so an undo can put it back. */
void tui_fv_undo_inst_del(fview *v, const pia_node *group, int afile, int pos);
/* Forget the newest (its change failed). */
void tui_fv_undo_drop(fview *v);
void tui_fv_undo(fview *v);
void tui_fv_undo_free(fview *v);

/* history_view.c: the earlier texts of the current row's item (L);
 * 0 when the row is not an item (the caller shows the whole trail). */
int tui_fv_history(fview *v);

/* history_all.c: the whole assessment's trail grouped by section and
 * file (L on a heading); 0 with the item chosen to go to, -1 when none. */
int tui_fv_history_all(fview *v, const pia_node **node, int *file, int *inst);

#endif
