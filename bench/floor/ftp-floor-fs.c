// The least a FUSE filesystem over FTP can do per byte with libfuse: a yardstick for the sequential-read row of the
// bench, not a product. It serves one file, FLOOR_FILE of FLOOR_SIZE bytes, as "f" at the root. open() starts one
// RETR; each read request takes exactly its bytes from the data socket straight into the reply buffer (one recv
// copy, no ring, no thread hop: the single-threaded low-level loop), and the kernel gets 1 MiB requests and the
// read-ahead ftpmount sets. Reads must come in order (dd does); any other read is EIO.
//
// Environment: FLOOR_HOST (IPv4 address), FLOOR_PORT, FLOOR_USER, FLOOR_PASSWORD (never an argument: process
// arguments are visible to every user), FLOOR_FILE (as RETR takes it), FLOOR_SIZE, FLOOR_READ_AHEAD_KIB.
// Arguments: libfuse's (mount point, -f).
#define FUSE_USE_VERSION 34
#include <fuse_lowlevel.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define MAX_READ (1024 * 1024)
#define IO_DEADLINE_SECONDS 60

static struct {
    struct in_addr host;
    int port;
    const char *file;
    size_t size;
    int read_ahead_kib;
    const char *mount_point;
    int control;
    int data;
    off_t position;
    int read_ahead_pending;
    char reply[8192];
    char *buffer;
} floor_fs = {.control = -1, .data = -1};

static int connect_to(int port)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) {
        return -1;
    }
    // Nothing may hang: every network wait has a deadline.
    struct timeval deadline = {.tv_sec = IO_DEADLINE_SECONDS};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &deadline, sizeof deadline);
    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &deadline, sizeof deadline);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr = floor_fs.host};
    if (connect(s, (struct sockaddr *)&address, sizeof address) != 0) {
        close(s);
        return -1;
    }
    return s;
}

// Reads one whole reply (RFC 959 multi-line form included) and returns its code, or -1.
static int read_reply(void)
{
    for (;;) {
        size_t n = 0;
        char c;
        while (n + 1 < sizeof floor_fs.reply && read(floor_fs.control, &c, 1) == 1) {
            floor_fs.reply[n++] = c;
            if (c == '\n') {
                break;
            }
        }
        floor_fs.reply[n] = '\0';
        if (n < 4) {
            return -1;
        }
        if (floor_fs.reply[0] >= '1' && floor_fs.reply[0] <= '5' && floor_fs.reply[3] == ' ') {
            return atoi(floor_fs.reply);
        }
    }
}

static int command(const char *verb, const char *argument)
{
    if (dprintf(floor_fs.control, argument ? "%s %s\r\n" : "%s\r\n", verb, argument) < 0) {
        return -1;
    }
    return read_reply();
}

static int start_download(void)
{
    if (floor_fs.data >= 0) {
        close(floor_fs.data);
        floor_fs.data = -1;
        read_reply(); // the end of the transfer that was cut short (426/226)
    }
    floor_fs.position = 0;
    if (command("EPSV", NULL) != 229) {
        return -1;
    }
    const char *port = strstr(floor_fs.reply, "(|||");
    if (port == NULL || (floor_fs.data = connect_to(atoi(port + 4))) < 0) {
        return -1;
    }
    int code = command("RETR", floor_fs.file);
    return code == 150 || code == 125 ? 0 : -1;
}

// After INIT was answered (the INIT reply would lower it again), as ftpmount does.
static void raise_read_ahead(void)
{
    floor_fs.read_ahead_pending = 0;
    FILE *mounts = fopen("/proc/self/mountinfo", "r");
    char line[4096], device[64], point[4096];
    while (mounts != NULL && fgets(line, sizeof line, mounts) != NULL) {
        if (sscanf(line, "%*s %*s %63s %*s %4095s", device, point) == 2 && strcmp(point, floor_fs.mount_point) == 0) {
            char path[128];
            snprintf(path, sizeof path, "/sys/class/bdi/%s/read_ahead_kb", device);
            FILE *knob = fopen(path, "w");
            if (knob == NULL || fprintf(knob, "%d\n", floor_fs.read_ahead_kib) < 0 || fclose(knob) != 0) {
                fprintf(stderr, "ftp-floor-fs: could not set %s\n", path);
            }
            break;
        }
    }
    if (mounts != NULL) {
        fclose(mounts);
    }
}

static void attributes_of(fuse_ino_t inode, struct stat *attributes)
{
    memset(attributes, 0, sizeof *attributes);
    attributes->st_ino = inode;
    if (inode == FUSE_ROOT_ID) {
        attributes->st_mode = S_IFDIR | 0755;
        attributes->st_nlink = 2;
    } else {
        attributes->st_mode = S_IFREG | 0444;
        attributes->st_nlink = 1;
        attributes->st_size = (off_t)floor_fs.size;
    }
}

static void on_init(void *userdata, struct fuse_conn_info *connection)
{
    (void)userdata;
    connection->max_read = MAX_READ;
    connection->max_readahead = MAX_READ;
    floor_fs.read_ahead_pending = 1;
}

static void on_getattr(fuse_req_t request, fuse_ino_t inode, struct fuse_file_info *file)
{
    (void)file;
    if (floor_fs.read_ahead_pending) {
        raise_read_ahead();
    }
    struct stat attributes;
    attributes_of(inode, &attributes);
    fuse_reply_attr(request, &attributes, 60);
}

static void on_lookup(fuse_req_t request, fuse_ino_t parent, const char *name)
{
    if (floor_fs.read_ahead_pending) {
        raise_read_ahead();
    }
    if (parent != FUSE_ROOT_ID || strcmp(name, "f") != 0) {
        fuse_reply_err(request, ENOENT);
        return;
    }
    struct fuse_entry_param entry = {.ino = 2, .attr_timeout = 60, .entry_timeout = 60};
    attributes_of(entry.ino, &entry.attr);
    fuse_reply_entry(request, &entry);
}

static void on_open(fuse_req_t request, fuse_ino_t inode, struct fuse_file_info *file)
{
    (void)inode;
    if (start_download() != 0) {
        fprintf(stderr, "ftp-floor-fs: RETR %s failed: %s", floor_fs.file, floor_fs.reply);
        fuse_reply_err(request, EIO);
        return;
    }
    fuse_reply_open(request, file);
}

static void on_read(fuse_req_t request, fuse_ino_t inode, size_t size, off_t offset, struct fuse_file_info *file)
{
    (void)inode;
    (void)file;
    if ((size_t)offset >= floor_fs.size) {
        fuse_reply_buf(request, NULL, 0);
        return;
    }
    if (offset != floor_fs.position || floor_fs.data < 0 || size > MAX_READ) {
        fprintf(stderr, "ftp-floor-fs: read of %zu at %lld, the stream is at %lld\n", size, (long long)offset, (long long)floor_fs.position);
        fuse_reply_err(request, EIO);
        return;
    }
    if (offset + size > floor_fs.size) {
        size = floor_fs.size - offset;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = recv(floor_fs.data, floor_fs.buffer + got, size - got, MSG_WAITALL);
        if (n <= 0) {
            fprintf(stderr, "ftp-floor-fs: the data connection ended at %lld\n", (long long)(offset + got));
            fuse_reply_err(request, EIO);
            return;
        }
        got += (size_t)n;
    }
    floor_fs.position += (off_t)got;
    fuse_reply_buf(request, floor_fs.buffer, got);
}

static const struct fuse_lowlevel_ops operations = {
    .init = on_init,
    .lookup = on_lookup,
    .getattr = on_getattr,
    .open = on_open,
    .read = on_read,
};

static const char *required(const char *name)
{
    const char *value = getenv(name);
    if (value == NULL || *value == '\0') {
        fprintf(stderr, "ftp-floor-fs: %s is not set\n", name);
        exit(2);
    }
    return value;
}

int main(int argc, char **argv)
{
    if (inet_pton(AF_INET, required("FLOOR_HOST"), &floor_fs.host) != 1) {
        fprintf(stderr, "ftp-floor-fs: FLOOR_HOST is not an IPv4 address\n");
        return 2;
    }
    floor_fs.port = atoi(required("FLOOR_PORT"));
    floor_fs.file = required("FLOOR_FILE");
    floor_fs.size = strtoull(required("FLOOR_SIZE"), NULL, 10);
    floor_fs.read_ahead_kib = atoi(required("FLOOR_READ_AHEAD_KIB"));
    floor_fs.buffer = malloc(MAX_READ);
    floor_fs.control = connect_to(floor_fs.port);
    if (floor_fs.buffer == NULL || floor_fs.control < 0 || read_reply() != 220) {
        fprintf(stderr, "ftp-floor-fs: no FTP greeting from port %d\n", floor_fs.port);
        return 1;
    }
    int user = command("USER", required("FLOOR_USER"));
    if (!(user == 230 || (user == 331 && command("PASS", required("FLOOR_PASSWORD")) == 230)) || command("TYPE", "I") != 200) {
        fprintf(stderr, "ftp-floor-fs: login failed: %s", floor_fs.reply);
        return 1;
    }

    struct fuse_args arguments = FUSE_ARGS_INIT(argc, argv);
    struct fuse_cmdline_opts options;
    if (fuse_parse_cmdline(&arguments, &options) != 0 || options.mountpoint == NULL) {
        fprintf(stderr, "usage: ftp-floor-fs MOUNTPOINT -f (with the FLOOR_* environment)\n");
        return 2;
    }
    floor_fs.mount_point = options.mountpoint;
    // The kernel takes 1 MiB requests only when the mount says so as well as INIT (libfuse checks they agree).
    if (fuse_opt_add_arg(&arguments, "-omax_read=1048576") != 0) {
        return 1;
    }
    struct fuse_session *session = fuse_session_new(&arguments, &operations, sizeof operations, NULL);
    if (session == NULL || fuse_session_mount(session, options.mountpoint) != 0) {
        return 1;
    }
    int result = fuse_session_loop(session);
    fuse_session_unmount(session);
    fuse_session_destroy(session);
    fuse_opt_free_args(&arguments);
    return result == 0 ? 0 : 1;
}
