namespace FtpMount.Dokan.Adapter;

/// <summary>What ZwCreateFile decided: the status for the driver and, when something was opened, the open.</summary>
internal readonly record struct CreateOutcome(NtStatus Status, OpenHandle? Handle = null);
