/*
 * Prints the sizes, offsets and constants that FtpMount.Fuse.Native mirrors, one "key value" per line, as
 * compiled against one libfuse release's headers (the machine's, or a release built from
 * ../shared/vendor/libfuse), and that release's own version as its library reports it. The layout tests build it
 * with the flags of `pkg-config --cflags --libs fuse3` for that release, plus
 *   -D_FILE_OFFSET_BITS=64 -DFUSE_USE_VERSION=310 (releases before 3.12) or 312 (3.12 and later)
 * 312 is the API level whose fuse_loop_mt takes the opaque config of fuse_loop_cfg_create (what fuse_loop_mt_312
 * takes); 310 the one whose fuse_loop_mt takes the public struct fuse_loop_config (fuse_loop_mt@FUSE_3.2).
 * Only fields that exist in every release from 3.10 on are printed by name, except where marked.
 */
#define _GNU_SOURCE
#include <fuse.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#define SAME_TYPE(a, b) __builtin_types_compatible_p(__typeof__(a), b)

/* The entry points FuseRelease binds must have the signatures it declares. */
#if FUSE_VERSION < FUSE_MAKE_VERSION(3, 17)
_Static_assert(SAME_TYPE(&fuse_new,
    struct fuse *(*)(struct fuse_args *, const struct fuse_operations *, size_t, void *)), "fuse_new");
#else
/* 3.17 turned fuse_new into an inline over _fuse_new_31, which adds a struct libfuse_version *. What we bind,
   fuse_new_31, is its exported 3.1-ABI wrapper (lib/fuse.c, "ABI compat version"), declared in no header. */
_Static_assert(SAME_TYPE(&_fuse_new_31,
    struct fuse *(*)(struct fuse_args *, const struct fuse_operations *, size_t, struct libfuse_version *, void *)),
    "_fuse_new_31");
#endif
#if FUSE_USE_VERSION >= FUSE_MAKE_VERSION(3, 12)
_Static_assert(SAME_TYPE(&fuse_loop_cfg_create, struct fuse_loop_config *(*)(void)), "fuse_loop_cfg_create");
_Static_assert(SAME_TYPE(&fuse_loop_cfg_destroy, void (*)(struct fuse_loop_config *)), "fuse_loop_cfg_destroy");
_Static_assert(SAME_TYPE(&fuse_loop_cfg_set_max_threads, void (*)(struct fuse_loop_config *, unsigned int)), "max_threads");
_Static_assert(SAME_TYPE(&fuse_loop_cfg_set_idle_threads, void (*)(struct fuse_loop_config *, unsigned int)), "idle_threads");
_Static_assert(SAME_TYPE(&fuse_loop_cfg_set_clone_fd, void (*)(struct fuse_loop_config *, unsigned int)), "clone_fd");
#define LOOP_CONFIG_V1 fuse_loop_config_v1
#else
#define LOOP_CONFIG_V1 fuse_loop_config
#endif
#if FUSE_USE_VERSION >= FUSE_MAKE_VERSION(3, 12) && (FUSE_VERSION >= FUSE_MAKE_VERSION(3, 17) || defined(LIBFUSE_BUILT_WITH_VERSIONED_SYMBOLS))
_Static_assert(SAME_TYPE(&fuse_loop_mt, int (*)(struct fuse *, struct fuse_loop_config *)), "fuse_loop_mt");
#elif FUSE_USE_VERSION < FUSE_MAKE_VERSION(3, 12)
_Static_assert(SAME_TYPE(&fuse_loop_mt, int (*)(struct fuse *, struct fuse_loop_config *)), "fuse_loop_mt");
#endif

#define SIZE(t) printf("%s %zu\n", #t, sizeof(struct t));
#define SIZE_AS(t, name) printf("%s %zu\n", name, sizeof(struct t));
#define OFF(t, f) printf("%s.%s %zu\n", #t, #f, offsetof(struct t, f));
#define OFF_AS(t, name, f) printf("%s.%s %zu\n", name, #f, offsetof(struct t, f));
#define CONST(c) printf("const.%s %lld\n", #c, (long long)(c));
#define ERRNO(e) printf("errno.%s %d\n", #e, e);

/* fuse_file_info's bitfields have no address: find their word by setting bits and looking where they land. */
static size_t first_nonzero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i]) return i;
    return (size_t)-1;
}

#define BIT(f) do { \
    struct fuse_file_info fi; memset(&fi, 0, sizeof fi); fi.f = 1; \
    unsigned int word; memcpy(&word, (char *)&fi + word_offset, sizeof word); \
    printf("fuse_file_info.bit.%s %u\n", #f, word); } while (0)

int main(void)
{
    printf("release.pkgversion %s\n", fuse_pkgversion());
    printf("release.fuse_version %d\n", fuse_version());
    printf("release.header_version %d\n", FUSE_VERSION);

    SIZE(fuse_operations)
    OFF(fuse_operations, getattr) OFF(fuse_operations, readlink) OFF(fuse_operations, mknod)
    OFF(fuse_operations, mkdir) OFF(fuse_operations, unlink) OFF(fuse_operations, rmdir)
    OFF(fuse_operations, symlink) OFF(fuse_operations, rename) OFF(fuse_operations, link)
    OFF(fuse_operations, chmod) OFF(fuse_operations, chown) OFF(fuse_operations, truncate)
    OFF(fuse_operations, open) OFF(fuse_operations, read) OFF(fuse_operations, write)
    OFF(fuse_operations, statfs) OFF(fuse_operations, flush) OFF(fuse_operations, release)
    OFF(fuse_operations, fsync) OFF(fuse_operations, setxattr) OFF(fuse_operations, getxattr)
    OFF(fuse_operations, listxattr) OFF(fuse_operations, removexattr) OFF(fuse_operations, opendir)
    OFF(fuse_operations, readdir) OFF(fuse_operations, releasedir) OFF(fuse_operations, fsyncdir)
    OFF(fuse_operations, init) OFF(fuse_operations, destroy) OFF(fuse_operations, access)
    OFF(fuse_operations, create) OFF(fuse_operations, lock) OFF(fuse_operations, utimens)
    OFF(fuse_operations, bmap) OFF(fuse_operations, ioctl) OFF(fuse_operations, poll)
    OFF(fuse_operations, write_buf) OFF(fuse_operations, read_buf) OFF(fuse_operations, flock)
    OFF(fuse_operations, fallocate) OFF(fuse_operations, copy_file_range) OFF(fuse_operations, lseek)
#if FUSE_VERSION >= FUSE_MAKE_VERSION(3, 18)
    OFF(fuse_operations, statx) /* appended in 3.18, past the table we pass (op_size says where ours ends) */
#endif

    SIZE(fuse_file_info)
    OFF(fuse_file_info, flags) OFF(fuse_file_info, fh) OFF(fuse_file_info, lock_owner) OFF(fuse_file_info, poll_events)
#if FUSE_VERSION >= FUSE_MAKE_VERSION(3, 17)
    OFF(fuse_file_info, backing_id)
    CONST(FUSE_CAP_PASSTHROUGH) CONST(FUSE_BACKING_STACKED_UNDER)
#else
    /* Where 3.17 put backing_id, older releases have the struct's tail padding, which the binding never writes. */
    _Static_assert(sizeof(struct fuse_file_info) >= offsetof(struct fuse_file_info, poll_events) + 8, "tail padding");
    printf("fuse_file_info.backing_id %zu\n", offsetof(struct fuse_file_info, poll_events) + 4);
#endif
    {
        struct fuse_file_info fi;
        memset(&fi, 0, sizeof fi);
        fi.writepage = 1;
        size_t word_offset = first_nonzero(&fi, sizeof fi);
        printf("fuse_file_info._bitfields %zu\n", word_offset);
        memset(&fi, 0, sizeof fi);
        fi.padding2 = 0xFFFFFFFFu;
        printf("fuse_file_info.padding2 %zu\n", first_nonzero(&fi, sizeof fi));
        BIT(writepage); BIT(direct_io); BIT(keep_cache); BIT(flush);
        BIT(nonseekable); BIT(flock_release); BIT(cache_readdir);
#if FUSE_VERSION >= FUSE_MAKE_VERSION(3, 11)
        BIT(noflush);
#endif
#if FUSE_VERSION >= FUSE_MAKE_VERSION(3, 15)
        /* Also in 3.14.1 (not 3.14.0), which no header macro tells apart; its shift of flush and the rest shows anyway. */
        BIT(parallel_direct_writes);
#endif
    }

    SIZE(fuse_config)
    OFF(fuse_config, set_gid) OFF(fuse_config, gid) OFF(fuse_config, set_uid) OFF(fuse_config, uid)
    OFF(fuse_config, set_mode) OFF(fuse_config, umask) OFF(fuse_config, entry_timeout)
    OFF(fuse_config, negative_timeout) OFF(fuse_config, attr_timeout) OFF(fuse_config, intr)
    OFF(fuse_config, intr_signal) OFF(fuse_config, remember) OFF(fuse_config, hard_remove)
    OFF(fuse_config, use_ino) OFF(fuse_config, readdir_ino) OFF(fuse_config, direct_io)
    OFF(fuse_config, kernel_cache) OFF(fuse_config, auto_cache)
    /* Moves between releases (96 or 104); printed so the test can show the binding never reaches it. */
    printf("moving.fuse_config.nullpath_ok %zu\n", offsetof(struct fuse_config, nullpath_ok));

    SIZE(fuse_conn_info)
    OFF(fuse_conn_info, proto_major) OFF(fuse_conn_info, proto_minor) OFF(fuse_conn_info, max_write)
    OFF(fuse_conn_info, max_read) OFF(fuse_conn_info, max_readahead) OFF(fuse_conn_info, capable)
    OFF(fuse_conn_info, want) OFF(fuse_conn_info, max_background) OFF(fuse_conn_info, congestion_threshold)
    OFF(fuse_conn_info, time_gran)
#if FUSE_VERSION >= FUSE_MAKE_VERSION(3, 17)
    OFF(fuse_conn_info, max_backing_stack_depth) OFF(fuse_conn_info, capable_ext) OFF(fuse_conn_info, want_ext)
    {
        struct fuse_conn_info ci;
        memset(&ci, 0, sizeof ci);
        ci.no_interrupt = 1;
        printf("fuse_conn_info.bitfields %zu\n", first_nonzero(&ci, sizeof ci));
    }
#else
    /* Where 3.17 put its passthrough fields, older releases have the zeroed reserved[], which the binding never
       touches there (FuseRelease.HasPassthrough). */
    _Static_assert(sizeof(((struct fuse_conn_info *)0)->reserved) >= 24, "reserved");
    printf("fuse_conn_info.max_backing_stack_depth %zu\n", offsetof(struct fuse_conn_info, reserved));
    printf("fuse_conn_info.bitfields %zu\n", offsetof(struct fuse_conn_info, reserved) + 4);
    printf("fuse_conn_info.capable_ext %zu\n", offsetof(struct fuse_conn_info, reserved) + 8);
    printf("fuse_conn_info.want_ext %zu\n", offsetof(struct fuse_conn_info, reserved) + 16);
#endif

    /* What the read_buf operation hands back; 3.17 appended mem_size to fuse_buf (so fuse_bufvec grew 64 -> 72). */
    SIZE(fuse_buf)
    OFF(fuse_buf, size) OFF(fuse_buf, flags) OFF(fuse_buf, mem) OFF(fuse_buf, fd) OFF(fuse_buf, pos)
    SIZE(fuse_bufvec)
    OFF(fuse_bufvec, count) OFF(fuse_bufvec, idx) OFF(fuse_bufvec, off) OFF(fuse_bufvec, buf)

    SIZE_AS(LOOP_CONFIG_V1, "fuse_loop_config_v1")
    OFF_AS(LOOP_CONFIG_V1, "fuse_loop_config_v1", clone_fd) OFF_AS(LOOP_CONFIG_V1, "fuse_loop_config_v1", max_idle_threads)

    SIZE(fuse_context)
    OFF(fuse_context, fuse) OFF(fuse_context, uid) OFF(fuse_context, gid) OFF(fuse_context, pid)
    OFF(fuse_context, private_data) OFF(fuse_context, umask)

    SIZE(fuse_args)
    OFF(fuse_args, argc) OFF(fuse_args, argv) OFF(fuse_args, allocated)

    SIZE(stat)
    OFF(stat, st_dev) OFF(stat, st_ino) OFF(stat, st_nlink) OFF(stat, st_mode) OFF(stat, st_uid)
    OFF(stat, st_gid) OFF(stat, st_rdev) OFF(stat, st_size) OFF(stat, st_blksize) OFF(stat, st_blocks)
    OFF(stat, st_atim) OFF(stat, st_mtim) OFF(stat, st_ctim) OFF(stat, __glibc_reserved)
#if defined(__x86_64__)
    OFF(stat, __pad0)
#elif defined(__aarch64__)
    OFF(stat, __pad1) OFF(stat, __pad2)
#endif

    SIZE(statvfs)
    OFF(statvfs, f_bsize) OFF(statvfs, f_frsize) OFF(statvfs, f_blocks) OFF(statvfs, f_bfree)
    OFF(statvfs, f_bavail) OFF(statvfs, f_files) OFF(statvfs, f_ffree) OFF(statvfs, f_favail)
    OFF(statvfs, f_fsid) OFF(statvfs, f_flag) OFF(statvfs, f_namemax) OFF(statvfs, __f_spare)

    SIZE(timespec)
    OFF(timespec, tv_sec) OFF(timespec, tv_nsec)

    CONST(UTIME_NOW) CONST(UTIME_OMIT)
    CONST(S_IFDIR) CONST(S_IFREG) CONST(S_IFLNK) CONST(O_ACCMODE) CONST(O_WRONLY) CONST(O_RDWR)
    CONST(O_TRUNC) CONST(O_APPEND) CONST(RENAME_NOREPLACE) CONST(RENAME_EXCHANGE)

    ERRNO(EPERM) ERRNO(ENOENT) ERRNO(EINTR) ERRNO(EIO) ERRNO(EBADF) ERRNO(EAGAIN) ERRNO(ENOMEM)
    ERRNO(EACCES) ERRNO(EBUSY) ERRNO(EEXIST) ERRNO(EXDEV) ERRNO(ENOTDIR) ERRNO(EISDIR) ERRNO(EINVAL)
    ERRNO(EFBIG) ERRNO(ENOSPC) ERRNO(EROFS) ERRNO(ERANGE) ERRNO(ENAMETOOLONG) ERRNO(ENOSYS)
    ERRNO(ENOTEMPTY) ERRNO(ENODATA) ERRNO(EILSEQ) ERRNO(ENOTSUP) ERRNO(ENETUNREACH) ERRNO(ECONNABORTED)
    ERRNO(ECONNRESET) ERRNO(ENOTCONN) ERRNO(ETIMEDOUT) ERRNO(ECONNREFUSED) ERRNO(EHOSTUNREACH)
    ERRNO(EDQUOT) ERRNO(ECANCELED)
    return 0;
}
