/*
 * others.h — the same item's answers elsewhere in the database: the other
 * 特定個人情報ファイル of this assessment, the other assessments written
 * with the same template and their versions, each with where it comes
 * from.  The TUI offers them to be taken over into the editor (the
 * 中間サーバー and ガバメントクラウド measures recur word for word).
 */
#ifndef PIA_OTHERS_H
#define PIA_OTHERS_H

#include "form.h"
#include "store.h"

typedef struct pia_other {
    char *source;    /* "評価書3「…」 ファイル(1)税情報ファイル", "評価書3@2「提出版」 …" */
    char *value;
    char *detail;
    int more;        /* further places holding the very same answer */
} pia_other;

/* Answers of `node` (instance `inst` where it repeats; any instance of
 * another assessment) other than the one at (id, file, inst), the same
 * text listed once.  At most `max` are returned, newest assessments
 * first. */
int pia_others_find(pia_store *st, const pia_form *form, long id, int file, int inst,
                    const pia_node *node, int max, pia_other **out, int *n, pia_err *err);
void pia_others_free(pia_other *o, int n);

#endif
