/*
 * template.c — the public face of the template loader (form.h): reading a
 * template file with a hard size limit, finding one by name on the template
 * path, lookups on a loaded form, and the printed heading of a node.  The
 * YAML itself is parsed and validated in template_parse.c; forms read from
 * files are shared per process by template_cache.c.
 */
#include "form.h"
#include "template_internal.h"
#include "map.h"
#include "rules.h"
#include "sha256.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PIA_DATADIR
#define PIA_DATADIR "/usr/local/share/pia"
#endif

/* A real template is a few hundred KiB; anything far bigger is a mistake or
 * an attack, and is refused before it is read into memory. */
#define MAX_BYTES (4u << 20)


static void free_node(pia_node *n)
{
    free(n->id);
    free(n->number);
    free(n->sep);
    free(n->label);
    free(n->note);
    free(n->help);
    free(n->detail);
    free(n->concern);
    free(n->repeat);
    free(n->autofill);
    for (int i = 0; i < n->nchoices; i++)
        free(n->choices[i]);
    free(n->choices);
    for (int i = 0; i < n->ndisables; i++)
        free(n->disables[i]);
    free(n->disables);
    free(n->disabled_by);
    free(n->heading);
    for (int i = 0; i < n->nwas; i++)
        free(n->was[i]);
    free(n->was);
    free(n->layout);
    free(n->kids);
    free(n);
}

/* Also frees a half-built form: every node is in form->nodes from the
 * moment it is created, whether or not its mapping was finished. */
void pia_template_free_form(pia_form *form)
{
    if (!form)
        return;
    for (int i = 0; i < form->nnodes; i++)
        free_node(form->nodes[i]);
    free(form->nodes);
    free(form->sections);
    pia_map_free(form->index);
    free(form->name);
    free(form->title);
    free(form->edition);
    free(form->contents_title);
    free(form->contents);
    free(form->path);
    pia_rules_free(form->rules);
    free(form);
}

static int too_big(const char *path, pia_err *err)
{
    return pia_fail(err, PIA_EINVAL, "%s:1:1: ファイルが大きすぎます（%u MiB まで）",
                    path, MAX_BYTES >> 20);
}

/* The fingerprint recorded with every assessment written with this form. */
static int fingerprint(int rc, const char *data, size_t len, pia_form **form)
{
    if (rc == 0 && *form) {
        pia_sha256 c;
        pia_sha256_init(&c);
        pia_sha256_update(&c, data, len);
        pia_sha256_hex(&c, (*form)->sha256);
    }
    return rc;
}

int pia_form_load_buffer(const char *path, const char *data, size_t len,
                         pia_form **out, pia_err *err)
{
    *out = NULL;
    if (len > MAX_BYTES)
        return too_big(path, err);
    return fingerprint(pia_template_parse(path, data, len, out, err), data, len, out);
}

/* Reads at most MAX_BYTES + 1 bytes, so a huge file (or an endless device)
 * costs no more than the limit.  The stamp is the opened file's, so a file
 * replaced while it is read is read again at the next load. */
static int read_file(const char *path, char **data, size_t *len, pia_file_stamp *stamp, pia_err *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pia_fail(err, errno == ENOENT || errno == ENOTDIR ? PIA_ENOTFOUND : PIA_EIO,
                        "%s: 開けません（%s）", path, pia_errno_ja(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0)
        pia_file_stamp_of(&st, stamp);
    size_t cap = 64 * 1024, n = 0;
    char *buf = pia_xmalloc(cap);
    for (;;) {
        if (n == cap)
            buf = pia_xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > MAX_BYTES || got == 0)
            break;
    }
    int failed = ferror(f), saved = errno;
    fclose(f);
    if (n > MAX_BYTES || failed) {
        free(buf);
        return n > MAX_BYTES ? too_big(path, err)
                             : pia_fail(err, PIA_EIO, "%s: 読めません（%s）", path, pia_errno_ja(saved));
    }
    *data = buf;
    *len = n;
    return 0;
}

int pia_template_read(const char *path, pia_form **out, pia_file_stamp *stamp, pia_err *err)
{
    *out = NULL;
    *stamp = (pia_file_stamp){0};
    char *data = NULL;
    size_t len = 0;
    if (read_file(path, &data, &len, stamp, err) < 0)
        return -1;
    int rc = fingerprint(pia_template_parse(path, data, len, out, err), data, len, out);
    free(data);
    return rc;
}

void pia_file_stamp_of(const struct stat *st, pia_file_stamp *out)
{
    *out = (pia_file_stamp){.exists = 1, .dev = (unsigned long long)st->st_dev,
                            .ino = (unsigned long long)st->st_ino, .size = (long long)st->st_size,
                            .mtime_s = (long long)st->st_mtim.tv_sec, .mtime_ns = st->st_mtim.tv_nsec,
                            .ctime_s = (long long)st->st_ctim.tv_sec, .ctime_ns = st->st_ctim.tv_nsec};
}

void pia_file_stamp_path(const char *path, pia_file_stamp *out)
{
    struct stat st;
    if (path && stat(path, &st) == 0)
        pia_file_stamp_of(&st, out);
    else
        *out = (pia_file_stamp){0};
}

int pia_file_stamp_same(const pia_file_stamp *a, const pia_file_stamp *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s &&
           a->ctime_ns == b->ctime_ns;
}

/* ---- the template path ------------------------------------------------- */

int pia_template_dirs(const char **dirs, int max)
{
    /* Static so the returned pointers outlive the call; the path only
     * changes if the environment does.  One set per thread: the bundle's
     * readers load templates from their own threads. */
    static _Thread_local char env[PATH_MAX], beside[PATH_MAX], share[PATH_MAX];
    int n = 0;
#define ADD(d) do { if (n < max) dirs[n++] = (d); } while (0)
    /* Never the current folder: a templates/zenkomoku.yaml lying where pia
     * is started must not silently replace the statutory form.  An
     * explicit choice is $PIA_TEMPLATE_DIR (or --template-dir). */
    const char *e = getenv("PIA_TEMPLATE_DIR");
    if (e && *e) {
        snprintf(env, sizeof env, "%s", e);
        ADD(env);
    }
    char exe[PATH_MAX];
    ssize_t k = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (k > 0)
        exe[k] = '\0';
    char *slash = k > 0 ? strrchr(exe, '/') : NULL;
    if (slash) {
        *slash = '\0';
        snprintf(beside, sizeof beside, "%.*s/templates", (int)(sizeof beside - 16), exe);
        snprintf(share, sizeof share, "%.*s/../share/pia/templates", (int)(sizeof share - 32), exe);
        ADD(beside);
        ADD(share);
    }
    ADD(PIA_DATADIR "/templates");
#undef ADD
    return n;
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A name with a slash is taken as a path, so `--template ./my.yaml` works. */
int pia_form_load_named(const char *name, pia_form **out, pia_err *err)
{
    *out = NULL;
    if (!name || !*name || name[0] == '.')
        return pia_fail(err, PIA_EINVAL, "テンプレート名 \"%s\" が不正です", name ? name : "");
    if (strchr(name, '/'))
        return pia_form_load(name, out, err);
    const char *dirs[8];
    int nd = pia_template_dirs(dirs, 8);
    char tried[700] = "";
    for (int i = 0; i < nd; i++) {
        char *path = pia_xasprintf("%s/%s.yaml", dirs[i], name);
        if (is_file(path)) {
            int rc = pia_form_load(path, out, err);
            free(path);
            return rc;
        }
        free(path);
        size_t used = strlen(tried);
        snprintf(tried + used, sizeof tried - used, "%s%s", i ? "、" : "", dirs[i]);
    }
    return pia_fail(err, PIA_ENOTFOUND, "テンプレート \"%s\" が見つかりません（探した場所: %s）",
                    name, tried);
}

char *pia_form_mismatch(const pia_form *form, const char *recorded)
{
    if (!form || !recorded || !*recorded || strcmp(form->sha256, recorded) == 0)
        return NULL;
    return pia_xasprintf("この評価書は別の内容のテンプレートで書かれています（記録 sha256:%.12s、"
                         "いま使うテンプレート %s sha256:%.12s: %s）。様式の文言・項目が変わっていないか確認してください",
                         recorded, form->name, form->sha256, form->path ? form->path : "");
}

/* ---- lookups ----------------------------------------------------------- */

const pia_node *pia_form_find(const pia_form *form, const char *id)
{
    if (!form || !form->index || !id)
        return NULL;
    return pia_map_get(form->index, id);
}

int pia_node_choice_index(const pia_node *node, const char *value)
{
    if (!node || !value)
        return -1;
    for (int i = 0; i < node->nchoices; i++)
        if (!strcmp(node->choices[i], value))
            return i;
    return -1;
}

/* Whether s ends with a circled number (①–⑳ U+2460–2473, ㉑–㉟ U+3251–325F,
 * ㊱–㊿ U+32B1–32BF): the form prints the label right after those. */
static int ends_circled(const char *s)
{
    size_t n = strlen(s);
    if (n < 3)
        return 0;
    const unsigned char *u = (const unsigned char *)s + n - 3;
    if ((u[0] & 0xF0) != 0xE0 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80)
        return 0;
    unsigned cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    return (cp >= 0x2460 && cp <= 0x2473) || (cp >= 0x3251 && cp <= 0x325F) ||
           (cp >= 0x32B1 && cp <= 0x32BF);
}

char *pia_node_heading(const pia_node *node)
{
    if (node->heading)
        return pia_xstrdup(node->heading);
    const char *number = node->number ? node->number : "";
    const char *sep = node->sep;
    if (!sep)
        sep = !node->number || ends_circled(node->number) ? "" : " ";
    /* The form marks public-notice items with ※ after the label. */
    return pia_xconcat(number, sep, node->label ? node->label : "", node->notice ? " ※" : "",
                       node->note ? " " : "", node->note ? node->note : "", (char *)NULL);
}
