/*
 * pdf_text.h — text and positions out of a PDF (pdf_text.c), written as
 * records to a file descriptor; pdf.c runs it in a child process and reads
 * the records back.
 */
#ifndef PIA_IMPORT_PDF_TEXT_H
#define PIA_IMPORT_PDF_TEXT_H

#include <stddef.h>

enum {
    PIA_PDF_BROKEN = 1,     /* poppler could not open it */
    PIA_PDF_ENCRYPTED,      /* a password is needed */
    PIA_PDF_PAGES,          /* more pages than allowed */
    PIA_PDF_TEXT,           /* more text than allowed */
    PIA_PDF_NOLIB           /* libpoppler-glib cannot be loaded */
};

/* Write the records for the PDF in data[0..len) to fd; -1 when fd fails. */
int pia_pdf_text(const char *data, size_t len, int fd, int max_pages, long max_text);

#endif
