"""FtpMount test server: pyftpdlib on loopback, configured by the JSON file named in argv[1].

Written by FtpMount.Testing (Daemons/Pyftpdlib.cs). The password is read from the config file, which only
root can read, and never passed on the command line.
"""

import asynchat
import json
import logging
import os
import sys

from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.filesystems import AbstractedFS
from pyftpdlib.handlers import DTPHandler, FTPHandler, PassiveDTP
from pyftpdlib.servers import FTPServer


def main():
    with open(sys.argv[1], encoding="utf-8") as config_file:
        config = json.load(config_file)

    logging.basicConfig(
        filename=config["log_file"],
        level=logging.INFO,
        format="%(asctime)s [%(process)d] %(levelname)s %(message)s",
    )

    authorizer = DummyAuthorizer()
    # e l r a d f m w M T: every read and write permission, SITE CHMOD and MFMT included.
    authorizer.add_user(config["user"], config["password"], config["home"], perm="elradfmwMT")

    # pyftpdlib 1.5.7 speaks UTF-8 only. A legacy server (names in a code page, as on old NAS boxes and Windows
    # hosts) is made by re-encoding what goes on the wire; names on disk stay UTF-8.
    encoding = config.get("encoding") or "utf8"

    class LegacyNamesFS(AbstractedFS):
        def format_list(self, *args, **kwargs):
            for line in super().format_list(*args, **kwargs):
                yield line.decode("utf8", "surrogateescape").encode(encoding, "replace")

        def format_mlsx(self, *args, **kwargs):
            for line in super().format_mlsx(*args, **kwargs):
                yield line.decode("utf8", "surrogateescape").encode(encoding, "replace")

    class Handler(FTPHandler):
        if encoding != "utf8":
            abstracted_fs = LegacyNamesFS

            def decode(self, data):
                return data.decode(encoding, self.unicode_errors)

            def push(self, s):
                asynchat.async_chat.push(self, s.encode(encoding, "replace"))

    Handler.authorizer = authorizer
    Handler.banner = "FtpMount test pyftpdlib ready."
    Handler.timeout = config["idle_timeout"]
    Handler.permit_foreign_addresses = False

    class DataHandler(DTPHandler):
        timeout = config["data_timeout"]

    class Passive(PassiveDTP):
        timeout = config["data_timeout"]

    Handler.dtp_handler = DataHandler
    Handler.passive_dtp = Passive

    server = FTPServer((config["host"], config["port"]), Handler)
    server.max_cons = config["max_cons"]
    server.max_cons_per_ip = config["max_cons_per_ip"]

    # Serve as the test user, like the other daemons, so file ownership and permission checks agree.
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(config["gid"])
        os.setuid(config["uid"])

    # With timeout=None, pyftpdlib 1.5.7's IOLoop passes the scheduler's "next timer due in 0 s" to
    # epoll as `timeout or -1`, i.e. "wait forever", so an idle session's 421 may never be sent. A fixed
    # poll timeout makes the loop check its timers at least twice a second.
    server.serve_forever(timeout=0.5, handle_exit=True)


if __name__ == "__main__":
    main()
