/*
 * poppler_api.h — the part of poppler's C API (libpoppler-glib) that
 * pdf_text.c uses, loaded when a PDF is read instead of linked into pia
 * (poppler_api.c says why).
 */
#ifndef PIA_IMPORT_POPPLER_API_H
#define PIA_IMPORT_POPPLER_API_H

#include <poppler.h>

typedef struct pia_poppler {
    __typeof__(g_bytes_new_static) *bytes_new_static;
    __typeof__(g_bytes_unref) *bytes_unref;
    __typeof__(g_error_free) *error_free;
    __typeof__(g_free) *free;
    __typeof__(g_object_unref) *object_unref;
    __typeof__(poppler_document_new_from_bytes) *document_new_from_bytes;
    __typeof__(poppler_document_get_n_pages) *document_get_n_pages;
    __typeof__(poppler_document_get_title) *document_get_title;
    __typeof__(poppler_document_get_author) *document_get_author;
    __typeof__(poppler_document_get_page) *document_get_page;
    __typeof__(poppler_page_get_text) *page_get_text;
    __typeof__(poppler_page_get_text_layout) *page_get_text_layout;
    GQuark error_domain;      /* POPPLER_ERROR */
} pia_poppler;

/* The library loaded and its functions found; NULL when it cannot be, with
 * dlerror's words in *why. */
const pia_poppler *pia_poppler_load(const char **why);

#endif
