/*
 * Prints where libfuse's private struct fuse_session (lib/fuse_i.h, taken from the release's own source archive)
 * keeps what OpenDirFlagRelay checks and writes, and where opendir and its neighbours sit in the public
 * struct fuse_lowlevel_ops. Built like layout.c, with -I pointing at the archive's lib/ folder.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include "fuse_i.h"

#define OFF(t, f) printf("%s.%s %zu\n", #t, #f, offsetof(struct t, f));

int main(void)
{
    printf("release.pkgversion %s\n", fuse_pkgversion());
    OFF(fuse_session, mountpoint) OFF(fuse_session, fd) OFF(fuse_session, mo) OFF(fuse_session, op)
#if FUSE_VERSION >= FUSE_MAKE_VERSION(3, 13)
    OFF(fuse_session, io)
#endif
    OFF(fuse_lowlevel_ops, opendir) OFF(fuse_lowlevel_ops, readdir) OFF(fuse_lowlevel_ops, releasedir)
    return 0;
}
