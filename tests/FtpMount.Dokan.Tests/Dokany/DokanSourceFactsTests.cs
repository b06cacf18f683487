using System.Text.RegularExpressions;

namespace FtpMount.Dokan.Tests.Dokany;

/// <summary>
/// The library and driver behaviour the binding is built on, read from both releases' sources: if a release
/// changes one of these statements, this fails and the code that relies on it must be looked at again. Whitespace
/// is ignored (the releases format the same code differently).
/// </summary>
public sealed partial class DokanSourceFactsTests
{
    /// <summary>(file, statement, what relies on it).</summary>
    private static readonly Dictionary<string, (string File, string Statement)> Facts = new()
    {
        // DokanMountOptions.Timeout is validated into the range the driver clamps it to.
        ["the driver lowers a longer Timeout to the 5 min maximum"] =
            ("sys/event.c", "if (eventStart->IrpTimeout > DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX) { eventStart->IrpTimeout = DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX; }"),
        ["the driver raises a shorter Timeout to the 15 s minimum"] =
            ("sys/event.c", "if (eventStart->IrpTimeout < DOKAN_IRP_PENDING_TIMEOUT) { eventStart->IrpTimeout = DOKAN_IRP_PENDING_TIMEOUT; }"),

        // RequestKeepAlive: a reset is cut to the maximum and sets the deadline from now.
        ["DokanResetTimeout is cut to the 5 min maximum"] =
            ("sys/timeout.c", "if (DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX < timeout) { timeout = DOKAN_IRP_PENDING_TIMEOUT_RESET_MAX; }"),
        ["a reset makes the deadline now plus the timeout"] =
            ("sys/timeout.c", "KeQueryTickCount(TickCount); TickCount->QuadPart += Timeout * 1000 * 10 / KeQueryTimeIncrement();"),
        ["DokanResetTimeout takes the request from DokanContext, unchecked"] =
            ("dokan/timeout.c", "ioEvent = (PDOKAN_IO_EVENT)(UINT_PTR)FileInfo->DokanContext; if (ioEvent->EventContext == NULL"),
        ["a timed-out create is cancelled"] =
            ("sys/timeout.c", "canceled ? STATUS_CANCELLED : STATUS_INSUFFICIENT_RESOURCES);"),
        ["any other timed-out request is failed while the callback may still run"] =
            ("sys/timeout.c", "DokanCompleteIrpRequest(irp, STATUS_INSUFFICIENT_RESOURCES);"),

        // DokanMountOptions.Validate: the lengths the library copies without checking.
        ["the mount point is copied with wcscpy_s into MountPoint[MAX_PATH]"] =
            ("dokan/dokan.c", "wcscpy_s(dokanInstance->MountPoint, sizeof(dokanInstance->MountPoint) / sizeof(WCHAR), DokanOptions->MountPoint);"),
        ["the UNC name is copied with wcscpy_s into UNCName[64]"] =
            ("dokan/dokan.c", "wcscpy_s(dokanInstance->UNCName, sizeof(dokanInstance->UNCName) / sizeof(WCHAR), DokanOptions->UNCName);"),
        ["the driver cuts \\DosDevices\\ + folder at MAXIMUM_FILENAME_LENGTH"] =
            ("sys/event.c", "RtlStringCchCopyW(dokanControl.MountPoint, MAXIMUM_FILENAME_LENGTH, L\"\\\\DosDevices\\\\\");"),
        ["the folder is appended within MAXIMUM_FILENAME_LENGTH"] =
            ("sys/event.c", "RtlStringCchCatW(dokanControl.MountPoint, MAXIMUM_FILENAME_LENGTH, eventStart->MountPoint);"),
        ["a network drive without UNC name is refused"] =
            ("dokan/dokan.c", "DokanOptions->UNCName == NULL) { DbgPrintW(L\"Dokan: Network filesystem is enabled without UNC name.\\n\"); return DOKAN_MOUNT_POINT_ERROR; }"),

        // DokanHost unmounts through DokanCloseHandle: it removes the mount point the driver assigned.
        ["the mount manager's letter replaces the requested one"] =
            ("dokan/dokan.c", "if (driverLetter && mountManager) { DokanInstance->MountPoint[0] = driverInfo"),
        ["DokanCloseHandle unmounts the instance's own mount point and waits"] =
            ("dokan/dokan.c", "instance->FileSystemStopped = TRUE; DokanRemoveMountPoint(instance->MountPoint); DokanWaitForFileSystemClosed((DOKAN_HANDLE)instance, INFINITE);"),
        ["Mounted is told the instance's mount point"] =
            ("dokan/dokan.c", "DokanOperations->Mounted(dokanInstance->MountPoint, &fileInfo);"),

        // DokanMountOptions.Validate refuses what dokany's own sample refuses.
        ["the mount manager is refused for a network drive"] =
            ("samples/dokan_mirror/mirror.c", "fwprintf(stderr, L\"Mount manager cannot be used on network drive.\\n\"); return EXIT_FAILURE;"),
        ["the mount manager is refused with the current session"] =
            ("samples/dokan_mirror/mirror.c", "L\"Mount Manager always mount the drive for all user sessions.\\n\"); return EXIT_FAILURE;"),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var release in DokanySources.Releases)
            {
                foreach (var fact in Facts.Keys)
                {
                    cases.Add(release, fact);
                }
            }

            return cases;
        }
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public void Dokany_source_still_says_what_the_binding_relies_on(string release, string fact)
    {
        var (file, statement) = Facts[fact];
        var source = Normalized(DokanySources.Read(release, file));
        Assert.True(
            source.Contains(Normalized(statement), StringComparison.Ordinal),
            $"dokany {release} {file} no longer says \"{statement}\" ({fact})");
    }

    /// <summary>Runs of whitespace become one space; none is kept after an opening or before a closing bracket.</summary>
    private static string Normalized(string text) => Brackets().Replace(Whitespace().Replace(text, " "), string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[({]) | (?=[)}])")]
    private static partial Regex Brackets();
}
