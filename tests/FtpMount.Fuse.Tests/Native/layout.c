/*
 * Prints the sizes, offsets and constants that FtpMount.Fuse.Native mirrors, one "key value" per line,
 * as compiled on this machine. NativeLayoutTests builds it with
 *   gcc -I/usr/include/fuse3 -D_FILE_OFFSET_BITS=64 -DFUSE_USE_VERSION=314
 * FUSE_USE_VERSION 314: with libfuse's versioned symbols this is the API level whose fuse_new is
 * fuse_new_31 and whose fuse_loop_mt is fuse_loop_mt_312, exactly the two entry points we bind
 * (31 would select fuse_loop_mt_31 with an int clone_fd instead). Struct layouts are the same for both.
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

/* The two versioned entry points must have the signatures LibFuse3.cs declares. */
_Static_assert(__builtin_types_compatible_p(__typeof__(&fuse_new),
    struct fuse *(*)(struct fuse_args *, const struct fuse_operations *, size_t, void *)), "fuse_new");
_Static_assert(__builtin_types_compatible_p(__typeof__(&fuse_loop_mt),
    int (*)(struct fuse *, struct fuse_loop_config *)), "fuse_loop_mt");

#define SIZE(t) printf("%s %zu\n", #t, sizeof(struct t));
#define OFF(t, f) printf("%s.%s %zu\n", #t, #f, offsetof(struct t, f));
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

    SIZE(fuse_file_info)
    OFF(fuse_file_info, flags) OFF(fuse_file_info, fh) OFF(fuse_file_info, lock_owner) OFF(fuse_file_info, poll_events)
    {
        struct fuse_file_info fi;
        memset(&fi, 0, sizeof fi);
        fi.writepage = 1; fi.direct_io = 1; fi.keep_cache = 1; fi.flush = 1; fi.nonseekable = 1;
        fi.flock_release = 1; fi.cache_readdir = 1; fi.noflush = 1; fi.padding = 0xFFFFFF;
        size_t word_offset = first_nonzero(&fi, sizeof fi);
        printf("fuse_file_info._bitfields %zu\n", word_offset);
        memset(&fi, 0, sizeof fi);
        fi.padding2 = 0xFFFFFFFFu;
        printf("fuse_file_info.padding2 %zu\n", first_nonzero(&fi, sizeof fi));
        BIT(writepage); BIT(direct_io); BIT(keep_cache); BIT(flush);
        BIT(nonseekable); BIT(flock_release); BIT(cache_readdir); BIT(noflush);
    }

    SIZE(fuse_config)
    OFF(fuse_config, set_gid) OFF(fuse_config, gid) OFF(fuse_config, set_uid) OFF(fuse_config, uid)
    OFF(fuse_config, set_mode) OFF(fuse_config, umask) OFF(fuse_config, entry_timeout)
    OFF(fuse_config, negative_timeout) OFF(fuse_config, attr_timeout) OFF(fuse_config, intr)
    OFF(fuse_config, intr_signal) OFF(fuse_config, remember) OFF(fuse_config, hard_remove)
    OFF(fuse_config, use_ino) OFF(fuse_config, readdir_ino) OFF(fuse_config, direct_io)
    OFF(fuse_config, kernel_cache) OFF(fuse_config, auto_cache) OFF(fuse_config, no_rofd_flush)
    OFF(fuse_config, ac_attr_timeout_set) OFF(fuse_config, ac_attr_timeout) OFF(fuse_config, nullpath_ok)
    OFF(fuse_config, show_help) OFF(fuse_config, modules) OFF(fuse_config, debug)

    SIZE(fuse_conn_info)
    OFF(fuse_conn_info, proto_major) OFF(fuse_conn_info, proto_minor) OFF(fuse_conn_info, max_write)
    OFF(fuse_conn_info, max_read) OFF(fuse_conn_info, max_readahead) OFF(fuse_conn_info, capable)
    OFF(fuse_conn_info, want) OFF(fuse_conn_info, max_background) OFF(fuse_conn_info, congestion_threshold)
    OFF(fuse_conn_info, time_gran) OFF(fuse_conn_info, reserved)

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

    CONST(UTIME_NOW) CONST(UTIME_OMIT) CONST(FUSE_FILL_DIR_PLUS) CONST(FUSE_READDIR_PLUS)
    CONST(S_IFDIR) CONST(S_IFREG) CONST(S_IFLNK) CONST(O_ACCMODE) CONST(O_WRONLY) CONST(O_RDWR)
    CONST(O_TRUNC) CONST(O_APPEND) CONST(RENAME_NOREPLACE) CONST(RENAME_EXCHANGE)

    ERRNO(EPERM) ERRNO(ENOENT) ERRNO(EINTR) ERRNO(EIO) ERRNO(EBADF) ERRNO(EAGAIN) ERRNO(ENOMEM)
    ERRNO(EACCES) ERRNO(EBUSY) ERRNO(EEXIST) ERRNO(EXDEV) ERRNO(ENOTDIR) ERRNO(EISDIR) ERRNO(EINVAL)
    ERRNO(EFBIG) ERRNO(ENOSPC) ERRNO(EROFS) ERRNO(ERANGE) ERRNO(ENAMETOOLONG) ERRNO(ENOSYS)
    ERRNO(ENOTEMPTY) ERRNO(ENODATA) ERRNO(ENOTSUP) ERRNO(ENETUNREACH) ERRNO(ECONNABORTED)
    ERRNO(ECONNRESET) ERRNO(ENOTCONN) ERRNO(ETIMEDOUT) ERRNO(ECONNREFUSED) ERRNO(EHOSTUNREACH)
    ERRNO(EDQUOT) ERRNO(ECANCELED)
    return 0;
}
