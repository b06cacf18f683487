using FtpMount.Ftp.Data;
using static FtpMount.Cli.Options.MountOptionHandler;

namespace FtpMount.Cli.Options;

/// <summary>
/// Every documented <c>-o</c> option, in the order --help and the man page list them: what it does and what both
/// say of it. Adding an option is one entry here plus the property on <see cref="MountOptionValues"/> that its
/// handlers set (and the code that uses it); MountOptionValuesTests fails for a property no option sets or an option
/// that sets nothing. The man page's list is regenerated from this table (ManPageOptionListTests says how).
/// </summary>
internal static class MountOptionDescriptors
{
    public static IReadOnlyList<MountOptionDescriptor> All { get; } =
    [
        new("ro, read_only", "mount read-only (rw undoes it)",
            """.BR ro ", " read_only""",
            """
            Mount read\-only
            .RB ( rw
            undoes it).
            """,
            [
                Flag("ro", v => v with { ReadOnly = true }),
                Flag("read_only", v => v with { ReadOnly = true }),
                Flag("rw", v => v with { ReadOnly = false }),
            ]),
        new("allow_other, allow_root", "let other users (or root) use the mount",
            """.BR allow_other ", " allow_root""",
            "Let other users (or root) use the mount.",
            [
                Flag("allow_other", v => v with { AllowOther = true }),
                Flag("allow_root", v => v with { AllowRoot = true }),
            ]),
        new("default_permissions", "let the kernel check permissions from mode/uid/gid",
            ".B default_permissions",
            "Let the kernel check permissions from mode, uid and gid.",
            [Flag("default_permissions", v => v with { DefaultPermissions = true })]),
        new("uid=N, gid=N, umask=OOO", "owner, group and octal umask shown for all files",
            @".BI uid= N\fR,\fP\ gid= N\fR,\fP\ umask= OOO",
            "Owner, group and octal umask shown for all files.",
            [
                Valued("uid", (o, v) => v with { Uid = OptionValues.Id(o) }),
                Valued("gid", (o, v) => v with { Gid = OptionValues.Id(o) }),
                Valued("umask", (o, v) => v with { Umask = OptionValues.Octal(o, max: 0x1FF) }),
            ]),
        new("dir_cache_ttl=S", "seconds a directory listing is trusted (decimals allowed)",
            ".BI dir_cache_ttl= S",
            """
            Seconds a directory listing is trusted (decimals allowed). Opening a listed file
            still re-checks its size on the server (MLST, or SIZE), so content another client
            stored meanwhile is read whole, never cut to the listed size. The kernel keeps its
            own copy of a folder's listing for as long, and drops it as soon as the listing
            changes or expires.
            """,
            [Valued("dir_cache_ttl", (o, v) => v with { DirectoryCacheTtl = OptionValues.Seconds(o, allowZero: true) })]),
        new("attr_timeout=S", "seconds the kernel caches names and attributes (default 5, <= dir_cache_ttl)",
            ".BI attr_timeout= S",
            """
            Seconds the kernel may cache names and attributes (default 5, never more than
            .BR dir_cache_ttl ).
            """,
            [Valued("attr_timeout", (o, v) => v with { AttributeTimeout = OptionValues.Seconds(o, allowZero: true) })]),
        new("negative_ttl=S", "seconds \"no such file\" is trusted",
            ".BI negative_ttl= S",
            "Seconds \"no such file\" is trusted.",
            [Valued("negative_ttl", (o, v) => v with { NegativeTtl = OptionValues.Seconds(o, allowZero: true) })]),
        new("writeback",
            """
            close() returns once the file is saved locally; uploads run in the
            background (fsync, rename and unmount wait for them)
            """,
            ".B writeback",
            """
            Upload after close instead of during it: close(2) returns once the content is journaled in the spool folder,
            and up to max_connections \- 1 uploads run in the background. fsync(2), rename(2) and unmount wait for them; a failed upload
            is retried and, if the mount stops first, uploaded by the next mount of the same source. Without it, close(2)
            returns only once the file is on the server, or reports the error.
            """,
            [Flag("writeback", v => v with { WriteBack = true })]),
        new("writeback_delay=S", "seconds a closed file waits before its upload starts (default 0.25)",
            ".BI writeback_delay= S",
            """
            Seconds a closed file waits before its background upload starts (default 0.25), so that the chmod and utimens
            sent right after close travel with the upload.
            """,
            [Valued("writeback_delay", (o, v) => v with { WriteBackDelay = OptionValues.Seconds(o, allowZero: true) })]),
        new("no_prefetch", "do not list sibling folders ahead of a walk (prefetch undoes it)",
            ".B no_prefetch",
            """
            When a folder is listed, ftpmount lists its sibling folders ahead on free connections, so walks such as
            .B ls \-lR
            or
            .B find
            wait for one listing at a time no longer.
            .B no_prefetch
            turns that off (for servers that charge per request, or when only single folders are opened);
            .B prefetch
            turns it back on.
            """,
            [
                Flag("no_prefetch", v => v with { PrefetchSiblings = false }),
                Flag("prefetch", v => v with { PrefetchSiblings = true }),
            ]),
        new("symlinks=block|hide",
            """
            server links leading outside the mount: shown as files that cannot be
            opened (block, default) or left out (hide); links inside are made relative
            """,
            ".BR symlinks=block | hide",
            """
            A symbolic link on the server is followed by the local kernel, so its target must never lead outside the
            mount. A target inside the mount is shown relative to the link (an absolute one inside the mounted folder is
            rewritten, as sshfs's transform_symlinks does); a link whose target leads elsewhere, or that the server lists
            without a target, is shown as a file without permissions that cannot be opened
            .RB ( block ,
            the default: it can still be removed or renamed) or left out of listings
            .RB ( hide ).
            """,
            [Valued("symlinks", (o, v) => v with { OutsideLinks = OptionValues.OutsideLinks(o) })]),
        new("no_segments", "read large files over one connection even when it is slow (segments undoes it)",
            ".B no_segments",
            """
            A large file read in order over a connection that measures slow (latency or a per-connection cap) is fetched
            in several ranges side by side on free connections, one connection always left for listings.
            .B no_segments
            keeps every read on one connection;
            .B segments
            turns splitting back on.
            """,
            [
                Flag("no_segments", v => v with { ParallelSegments = false }),
                Flag("segments", v => v with { ParallelSegments = true }),
            ]),
        new("no_pipelining", "send one FTP command at a time (pipelining undoes it)",
            ".B no_pipelining",
            """
            Commands whose answers do not decide each other are sent in one flight: EPSV with the transfer command,
            SIZE right behind an upload's data (its size counts only when it came after the transfer's end), and once
            SIZE has verified an upload, the SITE CHMOD, time, RNFR and RNTO that put it in place. RNTO never travels
            with the check that guards it. A save that follows another within 5 s also sends EPSV in that flight and
            connects at once, so the next transfer command goes alone and finds its data connection made (one left unused
            for 5 s is closed with its FTP connection). Replies that do not fit the commands turn this off by themselves;
            .B no_pipelining
            sends one command at a time from the start (for a server that reads commands out of order);
            .B pipelining
            turns it back on.
            """,
            [
                Flag("no_pipelining", v => v with { Pipelining = false }),
                Flag("pipelining", v => v with { Pipelining = true }),
            ]),
        new("max_connections=N", "FTP connections to the server (1-256, default 8)",
            ".BI max_connections= N",
            @"FTP connections to the server (1\-256, default 8); fewer when the server refuses more.",
            // Same bounds as FtpClientOptions.MaxConnections.
            [Valued("max_connections", (o, v) => v with { MaxConnections = OptionValues.Integer(o, 1, 256) })]),
        new("bwlimit=RATE[:UPRATE]",
            """
            byte rate all transfers of the mount share, e.g. 10M or 4M:512k (downloads:uploads;
            units B, k, M, G, binary; no unit means k; off = none)
            """,
            @".BI bwlimit= RATE\fR[\fP: UPRATE\fR]\fP",
            """
            Byte rate that all downloads of the mount share, and all uploads too unless
            .I UPRATE
            is given, as rclone's
            .B \-\-bwlimit
            (binary units B, k, M, G; no unit means k;
            .B off
            for none), e.g.
            .B 10M
            or
            .BR 4M:512k .
            Unlike rclone, whose two values are upload then download, the download rate comes first here.
            """,
            [Valued("bwlimit", (o, v) => v with { Bandwidth = BandwidthRates.Parse(o.Name, OptionValues.Text(o)) })]),
        new("encoding=NAME",
            """
            how the server writes names when not UTF-8: windows-1251, latin1,
            shift_jis, gbk, cp437... (a name it cannot write is EILSEQ)
            """,
            ".BI encoding= NAME",
            """
            How the server writes names when it does not use UTF\-8 (NAS boxes, routers, old Windows hosts): any code
            page name .NET knows, e.g.
            .BR windows\-1251 ", " windows\-1252 ", " latin1 ", " shift_jis ", " gbk ", " cp437 .
            Commands and listings are converted; a listed name not valid in the encoding is left out (logged), a name it
            cannot write is refused with EILSEQ, never replaced. Default UTF\-8, with OPTS UTF8 ON.
            .B ftpmount doctor
            reports names that are not UTF\-8.
            """,
            [Valued("encoding", (o, v) => v with { NameEncoding = OptionValues.NameEncoding(o) })]),
        new("poll_interval=S",
            """
            list folders programs listed lately again every S s, so other clients'
            changes show without waiting for the caches (default 30, 0 = off)
            """,
            ".BI poll_interval= S",
            """
            Every
            .I S
            seconds (default 30) the folders programs listed in the last ten intervals (five minutes at least; at most 64
            a round) are listed again, and files and names another client added, changed or removed are shown without
            waiting for the caches to expire: the kernel is told to drop what it cached of them.
            .B 0
            turns polling off.
            """,
            [Valued("poll_interval", (o, v) => v with { PollInterval = OptionValues.Seconds(o, allowZero: true) })]),
        new("connect_timeout=S", "seconds for connecting and the TLS handshake",
            ".BI connect_timeout= S",
            "Seconds for connecting and the TLS handshake.",
            [Valued("connect_timeout", (o, v) => v with { ConnectTimeout = OptionValues.Seconds(o, allowZero: false) })]),
        new("timeout=S",
            """
            what a program waits for a server that stopped answering, retries
            included: S s without a reply or data (default 30/60); a listing at
            most 4*S in all, each waiter 4*S + connect_timeout
            """,
            ".BI timeout= S",
            """
            What a program waits for a server that stops answering, retries included (default 30 for replies, 60 for
            data). An operation fails once the server has not answered it (no complete reply, no data) for
            .I S
            seconds, however many fresh connections it tried; a reply dripped a byte at a time is no answer. A read fails
            .I S
            seconds after its data stopped; reads of the same file queued behind it fail with it. A directory listing fails
            after 4\(mu\c
            .I S
            in all, even while its bytes keep coming, and every program waiting for it leaves after 4\(mu\c
            .IR S + connect_timeout
            on its own. Waiting behind busy connections is not counted while they make progress; once none has for
            4\(mu\c
            .I S
            (at most 120), the waiter fails.
            """,
            [Valued("timeout", (o, v) => v with { IoTimeout = OptionValues.Seconds(o, allowZero: false) })]),
        new("tls=none|explicit|implicit", string.Empty,
            ".BR tls=none | explicit | implicit",
            """
            TLS mode; implicit is also chosen by an
            .B ftps://
            URL.
            """,
            [Valued("tls", (o, v) => v with { Tls = OptionValues.Tls(o) })]),
        new("fingerprint=HEX", "SHA-256 of the server certificate (colons allowed); accepts self-signed",
            ".BI fingerprint= HEX",
            @"SHA\-256 of the server certificate (colons allowed); accepts a self\-signed certificate with that fingerprint.",
            [Valued("fingerprint", (o, v) => v with { CertificateSha256 = OptionValues.Fingerprint(o) })]),
        new("tls_host=NAME", "name to check the certificate against",
            ".BI tls_host= NAME",
            "Name to check the certificate against.",
            [Valued("tls_host", (o, v) => v with { TlsHostName = OptionValues.HostName(o) })]),
        new("active, passive", "data connection mode (default passive)",
            """.BR active ", " passive""",
            "Data connection mode (default passive).",
            [
                Flag("active", v => v with { DataConnectionMode = FtpDataConnectionMode.Active }),
                Flag("passive", v => v with { DataConnectionMode = FtpDataConnectionMode.Passive }),
            ]),
        new("user=NAME, ftp_user=NAME", "FTP user when SOURCE names none",
            @".BI user= NAME\fR,\fP\ ftp_user= NAME",
            """
            FTP user when
            .I SOURCE
            names none.
            """,
            [
                Valued("user", (o, v) => v with { User = OptionValues.UserName(o) }),
                Valued("ftp_user", (o, v) => v with { FtpUser = OptionValues.UserName(o) }),
            ]),
        new("password_file=PATH", "file holding the password (must not be readable by group or others)",
            ".BI password_file= PATH",
            "File whose first line is the password; it must not be readable or writable by group or others.",
            [PathValued("password_file", (v, path) => v with { PasswordFile = path })]),
        new("password_env=VAR", "environment variable holding the password (default FTPMOUNT_PASSWORD)",
            ".BI password_env= VAR",
            """
            Environment variable holding the password (default
            .BR FTPMOUNT_PASSWORD ).
            """,
            [Valued("password_env", (o, v) => v with { PasswordEnvironmentVariable = OptionValues.VariableName(o) })]),
        new("netrc=PATH", "netrc file (default ~/.netrc)",
            ".BI netrc= PATH",
            """
            netrc file (default
            .IR ~/.netrc ).
            """,
            [PathValued("netrc", (v, path) => v with { NetrcFile = path })]),
        new("spool_dir=PATH", "local directory for files being written (created 0700)",
            ".BI spool_dir= PATH",
            """
            Local directory for files being written and for saves not yet on the server (default
            .IR ~/.cache/ftpmount/spool ).
            Created 0700 when missing; checked before mounting (a file, a folder that cannot be created or written, or one
            others may write without the sticky bit is refused). Each source and server folder gets its own locked
            subfolder, so several mounts may share one
            .BR spool_dir= ;
            a second mount of the same server folder on it is refused while the first runs.
            """,
            [PathValued("spool_dir", (v, path) => v with { SpoolDirectory = path })]),
        new("cache=off|full",
            """
            full keeps what is read in a cache folder on disk, reused across opens
            and mounts while the server lists the same size and time; read by the
            kernel from there (passthrough) with libfuse 3.17+, Linux 6.9+ and root
            (default off)
            """,
            ".BR cache=off | full",
            """
            .B full
            keeps the bytes read from the server in sparse files in a cache folder, one per server file, and serves later
            reads of them from disk, also after a remount, for as long as the server's listing gives the file the size and
            modification time it had when they were read; a file changed on the server, or through the mount, is read from
            the server again. A range is listed as cached only once its bytes are on disk, so a crash never serves a
            half\-written range. With libfuse 3.17 or later, Linux 6.9 or later (CONFIG_FUSE_PASSTHROUGH) and root, a file
            the cache holds whole is read by the kernel straight from its cache file (FUSE passthrough), as fast as local
            disk; elsewhere, or while the file is partly cached, changed or open for writing, reads go through the mount.
            Default
            .BR off .
            """,
            [Valued("cache", (o, v) => v with { ReadCache = v.ReadCache with { Enabled = ReadCacheValues.Mode(o) } })]),
        new("cache_dir=PATH, cache_max_size=SIZE, cache_max_age=T",
            """

            where cache=full keeps its files (default ~/.cache/ftpmount/cache,
            /var/cache/ftpmount for root), at most SIZE (default 10G) and files
            not opened for T (default 30d; s, m, h, d); least recently used go first
            """,
            @".BI cache_dir= PATH\fR,\fP\ cache_max_size= SIZE\fR,\fP\ cache_max_age= T",
            """
            Where
            .B cache=full
            keeps its files (default
            .I $XDG_CACHE_HOME/ftpmount/cache
            or
            .IR ~/.cache/ftpmount/cache ,
            and
            .I /var/cache/ftpmount
            for root); each source gets its own 0700 subfolder, locked while a mount uses it (a second mount of the same
            source reads without the cache). At most
            .I SIZE
            bytes are kept (default 10G; units as
            .BR bwlimit= ),
            and files not opened for
            .I T
            (seconds, or with m, h or d; default 30d) are removed; beyond the size the least recently used files go first,
            never one that is open.
            """,
            [
                PathValued("cache_dir", (v, path) => v with { ReadCache = v.ReadCache with { Directory = path } }),
                Valued("cache_max_size", (o, v) => v with { ReadCache = v.ReadCache with { MaxBytes = ReadCacheValues.Size(o) } }),
                Valued("cache_max_age", (o, v) => v with { ReadCache = v.ReadCache with { MaxAge = ReadCacheValues.Age(o) } }),
            ]),
        new("fsname=NAME", "source name shown in mount tables",
            ".BI fsname= NAME",
            "Source name shown in mount tables.",
            [Valued("fsname", (o, v) => v with { FileSystemName = OptionValues.Text(o) })]),
        new("log_level=trace|debug|info|warning|error", string.Empty,
            ".BR log_level=trace | debug | info | warning | error",
            "How much to log (to standard error; to the journal under systemd). trace also prints libfuse's (or Dokan's) trace of every file system request.",
            [Valued("log_level", (o, v) => v with { LogLevel = OptionValues.Level(o) })]),
        new("log_file=PATH", "also append the log to PATH (kept after a background mount's starter exits)",
            ".BI log_file= PATH",
            """
            Also append the log to
            .I PATH
            (created 0600). A background mount's standard error is read only until the command that started it returns;
            its log after that goes to this file. Past 16 MiB the file is renamed to
            .IR PATH .1
            and a new one is begun.
            """,
            [PathValued("log_file", (v, path) => v with { LogFile = path })]),
        new("daemon_timeout=S", "seconds to wait for the background mount (default 60)",
            ".BI daemon_timeout= S",
            "Seconds to wait for the background mount to be ready (default 60).",
            [Valued("daemon_timeout", (o, v) => v with { DaemonTimeout = OptionValues.Seconds(o, allowZero: false) })]),
        new("foreground", "same as -f",
            ".B foreground",
            """
            Same as
            .BR \-f .
            """,
            [Flag("foreground", v => v with { Foreground = true })]),
        new("network", @"(Windows) a network drive answering to \\ftpmount\HOST, needs a drive letter",
            ".B network",
            """
            Windows only: mount as a network drive named \\\\ftpmount\\HOST; a host name longer than 53 characters is cut to
            44 and ends in \- and 8 hex digits of its hash, and characters a share name cannot hold become _ (accepted and
            ignored on Linux).
            """,
            [Flag("network", v => v with { NetworkDrive = true })]),
    ];
}
