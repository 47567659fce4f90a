/*
 * fuzz_template.c — libFuzzer harness for the template loader: any bytes
 * must give a form or a positioned error, never a crash, leak or hang.
 */
#include "model/form.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pia_form *form = NULL;
    pia_err err = { 0 };
    if (pia_form_load_buffer("fuzz.yaml", (const char *)data, size, &form, &err) == 0)
        pia_form_free(form);
    else if (strncmp(err.msg, "fuzz.yaml:", 10) != 0)
        __builtin_trap();               /* every rejection names the place */
    return 0;
}
