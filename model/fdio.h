/*
 * fdio.h — writing to a file descriptor whole.  write(2) may write less
 * than asked (a pipe, a terminal) or be interrupted by a signal (the
 * bundle's SIGINT handler, a resize); every caller that needs all of its
 * bytes out goes through here instead of looping on its own.
 */
#ifndef PIA_FDIO_H
#define PIA_FDIO_H

#include <stddef.h>

/* All n bytes of p to fd, retrying after EINTR and short writes; 0, or -1
 * with errno set (a write that wrote nothing counts as a failure). */
int pia_write_all(int fd, const void *p, size_t n);

#endif
