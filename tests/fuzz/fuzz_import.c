/*
 * fuzz_import.c — libFuzzer harness for the YAML answers import (the
 * template it names is loaded from PIA_TEMPLATE_DIR): all or nothing,
 * never a crash, leak or hang.
 */
#include "export/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pia_form *form = NULL;
    pia_doc *doc = NULL;
    pia_err err = { 0 };
    if (pia_import_yaml_buffer("fuzz.yaml", (const char *)data, size, &form, &doc, &err) == 0) {
        pia_doc_free(doc);
        pia_form_free(form);
    } else if (form || doc) {
        __builtin_trap();               /* a failed import returns nothing */
    }
    return 0;
}
