/*
 * sha256.h — SHA-256 (FIPS 180-4): the bundle manifest (so that
 * `sha256sum -c` verifies a package without pia) and the fingerprint of
 * the template an assessment was written with.
 */
#ifndef PIA_SHA256_H
#define PIA_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct pia_sha256 {
    uint32_t h[8];
    uint64_t bytes;
    uint8_t buf[64];
    size_t used;
} pia_sha256;

void pia_sha256_init(pia_sha256 *c);
void pia_sha256_update(pia_sha256 *c, const void *data, size_t n);
void pia_sha256_hex(pia_sha256 *c, char out[65]);   /* finishes */
/* Hash of a whole file; -1 when it cannot be read. */
int pia_sha256_file(const char *path, char out[65]);

#endif
