/*
 * title.c — the title and organisation are the 表紙 answers (see title.h).
 */
#include "title.h"

#include <string.h>

#define WHERE_COVER(t) t ".file_id IS NULL AND " t ".instance_id IS NULL AND " t ".item IN ('cover.title','cover.org')"
#define NOW "pia_now()"       /* the store's one timestamp format (db.c) */
#define COPY_TO_ROW \
    " BEGIN UPDATE assessment SET" \
    "  title=CASE WHEN NEW.item='cover.title' THEN NEW.value ELSE title END," \
    "  org=CASE WHEN NEW.item='cover.org' THEN NEW.value ELSE org END" \
    " WHERE id=NEW.assessment_id; END;"

/* The answer wins where it has text: the row's text it replaces is kept in
 * an audit row.  Where the answer is empty, the row's text becomes the
 * answer (only the form that has a 表紙: zenkomoku).  Then the triggers. */
#define RECONCILE(item, col) \
    "INSERT INTO audit(assessment_id,at,who,action,item,old,new) SELECT a.id," NOW ",'pia','meta','" item "'," \
    " a." col ", x.value FROM assessment a JOIN answer x ON x.assessment_id=a.id AND x.file_id IS NULL" \
    " AND x.instance_id IS NULL AND x.item='" item "' WHERE x.value<>'' AND x.value<>a." col ";" \
    "UPDATE assessment SET " col "=(SELECT x.value FROM answer x WHERE x.assessment_id=assessment.id" \
    " AND x.file_id IS NULL AND x.instance_id IS NULL AND x.item='" item "')" \
    " WHERE EXISTS(SELECT 1 FROM answer x WHERE x.assessment_id=assessment.id AND x.file_id IS NULL" \
    " AND x.instance_id IS NULL AND x.item='" item "' AND x.value<>'');" \
    "CREATE TEMP TABLE fill AS SELECT id, " col " AS v FROM assessment a WHERE template='zenkomoku' AND " col "<>''" \
    " AND NOT EXISTS(SELECT 1 FROM answer x WHERE x.assessment_id=a.id AND x.file_id IS NULL" \
    " AND x.instance_id IS NULL AND x.item='" item "' AND (x.value<>'' OR x.detail<>''));" \
    "UPDATE assessment SET answered=answered+1 WHERE id IN (SELECT id FROM fill);" \
    "INSERT INTO audit(assessment_id,at,who,action,item,old,new) SELECT id," NOW ",'pia','set','" item "',NULL,v FROM fill;" \
    "UPDATE answer SET value=(SELECT v FROM fill WHERE fill.id=answer.assessment_id)," \
    " updated=" NOW ", updated_by='pia', rev=rev+1 WHERE file_id IS NULL AND instance_id IS NULL" \
    " AND item='" item "' AND assessment_id IN (SELECT id FROM fill);" \
    "INSERT INTO answer(assessment_id,file_id,instance_id,item,value,detail,updated,updated_by,rev)" \
    " SELECT id,NULL,NULL,'" item "',v,''," NOW ",'pia',1 FROM fill WHERE NOT EXISTS(SELECT 1 FROM answer x" \
    " WHERE x.assessment_id=fill.id AND x.file_id IS NULL AND x.instance_id IS NULL AND x.item='" item "');" \
    "DROP TABLE fill;"

const char pia_title_schema_sql[] =
    RECONCILE("cover.title", "title")
    RECONCILE("cover.org", "org")
    "CREATE TRIGGER IF NOT EXISTS cover_title_insert AFTER INSERT ON answer WHEN " WHERE_COVER("NEW")
    COPY_TO_ROW
    "CREATE TRIGGER IF NOT EXISTS cover_title_update AFTER UPDATE OF value ON answer WHEN " WHERE_COVER("NEW")
    COPY_TO_ROW;

/* One 表紙 answer, when the form has it. */
static int set_cover(pia_store *st, const pia_form *form, long id, const char *item,
                     const char *value, int *done, pia_err *err)
{
    const pia_node *n = form ? pia_form_find(form, item) : NULL;
    *done = 0;
    if (!value || !n || n->per_file || n->repeat_group)
        return 0;
    *done = 1;
    return pia_store_set(st, id, 0, NULL, 0, item, value, "", -1, NULL, err);
}

typedef struct title_req {
    const pia_form *form;
    const char *template_name, *title, *org;
    long id, *new_id;
    int duplicate;
    pia_err *err;
} title_req;

static int set_run(pia_store *st, void *ctx)
{
    title_req *r = ctx;
    int t = 0, o = 0;
    if (set_cover(st, r->form, r->id, PIA_TITLE_ITEM, r->title, &t, r->err) ||
        set_cover(st, r->form, r->id, PIA_ORG_ITEM, r->org, &o, r->err))
        return -1;
    if ((r->title && !t) || (r->org && !o))
        return pia_store_set_meta(st, r->id, t ? NULL : r->title, o ? NULL : r->org, r->err);
    return 0;
}

int pia_title_set(pia_store *st, const pia_form *form, long id, const char *title,
                  const char *org, pia_err *err)
{
    title_req r = { form, NULL, title, org, id, NULL, 0, err };
    return pia_store_tx(st, set_run, &r, err);
}

static int new_run(pia_store *st, void *ctx)
{
    title_req *r = ctx;
    if (r->duplicate ? pia_store_duplicate(st, r->id, r->title, r->new_id, r->err)
                     : pia_store_new(st, r->template_name, r->title, r->org, r->new_id, r->err))
        return -1;
    title_req s = *r;
    s.id = *r->new_id;
    return set_run(st, &s);
}

int pia_title_new(pia_store *st, const pia_form *form, const char *template_name,
                  const char *title, const char *org, long *id, pia_err *err)
{
    title_req r = { form, template_name, title, org && *org ? org : NULL, 0, id, 0, err };
    return pia_store_tx(st, new_run, &r, err);
}

int pia_title_duplicate(pia_store *st, const pia_form *form, long id, const char *title,
                        long *new_id, pia_err *err)
{
    title_req r = { form, NULL, title, NULL, id, new_id, 1, err };
    return pia_store_tx(st, new_run, &r, err);
}
