#!/usr/bin/env python3
"""pty_run.py CMD ARGS... — run a command on a pseudo-terminal, as in a
terminal window, and write everything it printed (stdout and stderr, raw
bytes, CR LF as LF) to our stdout; exit with its exit code.  For checking
what pia shows on a terminal in a given encoding, which tmux (UTF-8 only)
cannot show."""
import fcntl
import os
import pty
import struct
import sys
import termios


def main():
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(out.replace(b"\r\n", b"\n"))
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode")
             else (status >> 8))


main()
