/*
 * test_sha256.c — SHA-256 against the FIPS 180-4 example vectors.
 */
#include "check.h"
#include "model/sha256.h"

#include <stdlib.h>
#include <string.h>

static void hex(const char *s, size_t n, char out[65])
{
    pia_sha256 c;
    pia_sha256_init(&c);
    pia_sha256_update(&c, s, n);
    pia_sha256_hex(&c, out);
}

int main(void)
{
    char h[65];
    hex("", 0, h);
    CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex("abc", 3, h);
    CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex(two, strlen(two), h);
    CHECK_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *million = malloc(1000000);
    memset(million, 'a', 1000000);
    hex(million, 1000000, h);
    CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* The same bytes in uneven pieces: partial blocks buffered, whole ones
     * hashed from the input. */
    pia_sha256 c;
    pia_sha256_init(&c);
    for (size_t at = 0, step = 1; at < 1000000; at += step, step = step * 7 % 251 + 1)
        pia_sha256_update(&c, million + at, at + step > 1000000 ? 1000000 - at : step);
    pia_sha256_hex(&c, h);
    CHECK_STR(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(million);
    return check_result();
}
