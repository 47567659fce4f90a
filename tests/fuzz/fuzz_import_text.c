/*
 * fuzz_import_text.c — libFuzzer harness for the published-assessment
 * importer on text (import/text.c and the matcher): any bytes either
 * import into a new assessment or are refused with a message; never a
 * crash, a leak or a hang.  The template is loaded once, from
 * PIA_TEMPLATE_DIR.
 */
#include "import/import.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pia_form *form;
    pia_err err = { 0 };
    if (!form && pia_form_load_named("zenkomoku", &form, &err))
        __builtin_trap();
    imp_result *r = NULL;
    if (pia_import_text_buffer("fuzz.txt", (const char *)data, size, form, &r, &err) == 0) {
        if (!r || !r->doc)
            __builtin_trap();
        char *report = imp_report(r, 0);
        free(report);
        imp_result_free(r);
    } else if (r) {
        __builtin_trap();               /* a refused import returns nothing */
    }
    return 0;
}
