/*
 * template_cache.c — forms read from files, shared per process.
 *
 * Parsing the template (and its guidance) is most of what loading a form
 * costs, and the same form is loaded again and again in one process: the
 * TUI's list for its progress column and then the form view, a command and
 * the store it writes with, each reader of a bundle.  So a form read from
 * a file is kept here and handed out again, as long as the file is what
 * it was when it was read (device, inode, size, mtime, ctime — a template
 * fixed on disk while pia runs is read again at the next load, and the
 * old form stays valid for whoever still holds it).
 *
 * A form is immutable once handed out, except that its guidance is filled
 * in once, under the lock, by the first pia_form_guidance.  Each load
 * takes a reference and pia_form_free drops one; the cache holds its own
 * while the form is current, and drops them all at exit, so leak checkers
 * see everything freed.  One mutex guards the list and the counts: the
 * bundle's readers load forms from their own threads.
 */
#include "form.h"
#include "template_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct entry {
    struct entry *next;
    char *path;               /* as loaded (a named template: found on the template path) */
    char *help_path;          /* its companion NAME.help.yaml; NULL for none */
    pia_file_stamp tmpl;      /* the template file as it was read */
    pia_file_stamp help;      /* the help file as read (when guided) */
    pia_form *form;
    int refs;                 /* holders, the cache's own included while current */
    int current;              /* what the file still holds: handed out by loads */
    int guided;               /* the guidance has been read into the nodes */
} entry;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry *entries;
static int exit_hooked;
static long parses, help_reads;

static entry **find_form(const pia_form *form)
{
    entry **at = &entries;
    while (*at && (*at)->form != form)
        at = &(*at)->next;
    return at;
}

static entry *find_current(const char *path)
{
    for (entry *e = entries; e; e = e->next)
        if (e->current && strcmp(e->path, path) == 0)
            return e;
    return NULL;
}

/* Called with the lock held; *at is the entry whose last reference went. */
static void drop(entry **at)
{
    entry *e = *at;
    if (--e->refs > 0)
        return;
    *at = e->next;
    pia_template_free_form(e->form);
    free(e->path);
    free(e->help_path);
    free(e);
}

/* The cache's own reference: the form is no longer handed out. */
static void retire(entry *e)
{
    e->current = 0;
    drop(find_form(e->form));
}

static void free_at_exit(void)
{
    pthread_mutex_lock(&lock);
    for (entry *e = entries, *next; e; e = next) {
        next = e->next;
        if (e->current)
            retire(e);
    }
    pthread_mutex_unlock(&lock);
}

/* Whether the files behind e are still what was read. */
static int still_current(const entry *e)
{
    pia_file_stamp now;
    pia_file_stamp_path(e->path, &now);
    if (!pia_file_stamp_same(&now, &e->tmpl))
        return 0;
    if (!e->guided)
        return 1;
    pia_file_stamp_path(e->help_path, &now);
    return pia_file_stamp_same(&now, &e->help);
}

static int load_locked(const char *path, pia_form **out, pia_err *err)
{
    entry *e = find_current(path);
    if (e && !still_current(e)) {
        retire(e);
        e = NULL;
    }
    if (!e) {
        pia_form *form;
        pia_file_stamp stamp;
        parses++;
        if (pia_template_read(path, &form, &stamp, err) < 0)
            return -1;
        e = pia_xcalloc(1, sizeof *e);
        *e = (entry){.next = entries, .path = pia_xstrdup(path), .help_path = pia_form_help_path(path),
                     .tmpl = stamp, .form = form, .refs = 1, .current = 1};
        entries = e;
        if (!exit_hooked)
            exit_hooked = atexit(free_at_exit) == 0;
    }
    e->refs++;
    *out = e->form;
    return 0;
}

int pia_form_load(const char *path, pia_form **out, pia_err *err)
{
    *out = NULL;
    pthread_mutex_lock(&lock);
    int rc = load_locked(path, out, err);
    pthread_mutex_unlock(&lock);
    return rc;
}

void pia_form_free(pia_form *form)
{
    if (!form)
        return;
    pthread_mutex_lock(&lock);
    entry **at = find_form(form);
    int shared = *at != NULL;
    if (shared)
        drop(at);
    pthread_mutex_unlock(&lock);
    if (!shared)
        pia_template_free_form(form);    /* from a buffer: never shared */
}

int pia_form_guidance(pia_form *form, pia_err *err)
{
    pthread_mutex_lock(&lock);
    entry *e = *find_form(form);
    int rc = 0;
    if (e && !e->guided) {
        /* Stamped before reading: a file changed meanwhile differs at the next load. */
        pia_file_stamp_path(e->help_path, &e->help);
        help_reads++;
        rc = pia_form_load_help(form, e->help_path, err);
        e->guided = rc == 0;
    }
    pthread_mutex_unlock(&lock);
    return rc;
}

int pia_form_load_guided(const char *name, pia_form **out, pia_err *err)
{
    if (pia_form_load_named(name, out, err) < 0)
        return -1;
    if (pia_form_guidance(*out, err) == 0)
        return 0;
    pia_form_free(*out);
    *out = NULL;
    return -1;
}

long pia_template_parses(void)
{
    pthread_mutex_lock(&lock);
    long n = parses;
    pthread_mutex_unlock(&lock);
    return n;
}

long pia_template_help_reads(void)
{
    pthread_mutex_lock(&lock);
    long n = help_reads;
    pthread_mutex_unlock(&lock);
    return n;
}
