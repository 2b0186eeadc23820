"""`xero` for the tests' shell lines: asks the fork server to run the command with this
process's stdin, stdout, stderr, environment and working directory, and ends as it ended.

Run by `python -S -E` (no site packages, nothing imported but the standard library), so a
shell line's `xero` costs about 15 ms of start instead of 200 (see `forkserver.py`). A signal
sent to this process (a test stopping `xero webhooks listen`, say) is passed on to the command;
a command killed by a signal kills this process with the same signal.
"""

import json
import os
import signal
import socket
import sys

FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1)


def main() -> None:
    socket_path, argv = sys.argv[1], sys.argv[2:]
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(socket_path)
    request = {"argv": argv, "env": dict(os.environ), "cwd": os.getcwd()}
    socket.send_fds(connection, [json.dumps(request).encode()], [0, 1, 2])
    replies = connection.makefile("rb")
    pid = json.loads(replies.readline())["pid"]

    def forward(signum: int, _frame: object) -> None:
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass

    for signum in FORWARDED:
        signal.signal(signum, forward)
    while True:
        try:
            line = replies.readline()
            break
        except InterruptedError:
            continue
    code = os.waitstatus_to_exitcode(json.loads(line)["status"])
    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
    sys.exit(code)


if __name__ == "__main__":
    main()
