/*
 * poppler_api.c — libpoppler-glib opened with dlopen when a PDF is read.
 *
 * Linked, poppler brings some fifty shared libraries (glib, cairo, nss,
 * X11 …) that the dynamic loader maps and relocates at every start of pia:
 * each CLI command and each start of the TUI paid for them, tens of
 * milliseconds, for the one command in a hundred that imports a PDF.  Only
 * the child process that reads a PDF (pdf.c) loads them now, and pia runs
 * (all but that import) where poppler is not installed.
 *
 * The pointers are typed from poppler's own header, so a changed signature
 * still fails to compile.
 */
#include "poppler_api.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>

#ifndef PIA_POPPLER_SONAME
#define PIA_POPPLER_SONAME "libpoppler-glib.so.8"
#endif

static pia_poppler api;

/* dlsym's void * to a function pointer: POSIX allows the conversion;
 * memcpy keeps -Wpedantic quiet about it. */
#define FIND(field, name)                                    \
    do {                                                     \
        void *sym = dlsym(lib, name);                        \
        if (!sym)                                            \
            return 0;                                        \
        __builtin_memcpy(&api.field, &sym, sizeof sym);      \
    } while (0)

static int find_all(void *lib)
{
    FIND(bytes_new_static, "g_bytes_new_static");
    FIND(bytes_unref, "g_bytes_unref");
    FIND(error_free, "g_error_free");
    FIND(free, "g_free");
    FIND(object_unref, "g_object_unref");
    FIND(document_new_from_bytes, "poppler_document_new_from_bytes");
    FIND(document_get_n_pages, "poppler_document_get_n_pages");
    FIND(document_get_title, "poppler_document_get_title");
    FIND(document_get_author, "poppler_document_get_author");
    FIND(document_get_page, "poppler_document_get_page");
    FIND(page_get_text, "poppler_page_get_text");
    FIND(page_get_text_layout, "poppler_page_get_text_layout");
    GQuark (*error_quark)(void);
    void *sym = dlsym(lib, "poppler_error_quark");
    if (!sym)
        return 0;
    __builtin_memcpy(&error_quark, &sym, sizeof sym);
    api.error_domain = error_quark();
    return 1;
}

/* Called once, in the child process that reads the PDF. */
const pia_poppler *pia_poppler_load(const char **why)
{
    static int state;        /* 0 not tried, 1 loaded, -1 failed */
    if (state == 0) {
        /* PIA_POPPLER_LIB: a poppler-glib built elsewhere (a path or a
         * name); the tests name one that does not exist. */
        const char *name = getenv("PIA_POPPLER_LIB");
        void *lib = dlopen(name && *name ? name : PIA_POPPLER_SONAME, RTLD_NOW | RTLD_LOCAL);
        state = lib && find_all(lib) ? 1 : -1;
    }
    if (state < 0) {
        const char *e = dlerror();
        *why = e ? e : PIA_POPPLER_SONAME;
        return NULL;
    }
    return &api;
}
