namespace FtpMount.Cli.Tests.Installer.PowerShell;

/// <summary>
/// The cmdlets our Windows scripts may use, with their parameters as in Windows PowerShell 5.1 (the PowerShell every
/// Windows 10/11 and Server has), the approved verbs, and cmdlets that exist only from PowerShell 6 on.
/// A command or parameter missing here is reported: add it only after checking the cmdlet's documentation.
/// </summary>
internal static class PsCommandTable
{
    public static readonly HashSet<string> CommonParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    public static readonly HashSet<string> ApprovedVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "Add", "Approve", "Assert", "Backup", "Block", "Build", "Checkpoint", "Clear", "Close", "Compare", "Complete",
        "Compress", "Confirm", "Connect", "Convert", "ConvertFrom", "ConvertTo", "Copy", "Debug", "Deny", "Deploy",
        "Disable", "Disconnect", "Dismount", "Edit", "Enable", "Enter", "Exit", "Expand", "Export", "Find", "ForEach",
        "Format", "Get", "Grant", "Group", "Hide", "Import", "Initialize", "Install", "Invoke", "Join", "Limit", "Lock",
        "Measure", "Merge", "Mount", "Move", "New", "Open", "Optimize", "Out", "Ping", "Pop", "Protect", "Publish",
        "Push", "Read", "Receive", "Redo", "Register", "Remove", "Rename", "Repair", "Request", "Reset", "Resize",
        "Resolve", "Restart", "Restore", "Resume", "Revoke", "Save", "Search", "Select", "Send", "Set", "Show", "Skip",
        "Sort", "Split", "Start", "Step", "Stop", "Submit", "Suspend", "Switch", "Sync", "Test", "Trace", "Unblock",
        "Undo", "Uninstall", "Unlock", "Unprotect", "Unpublish", "Unregister", "Update", "Use", "Wait", "Watch",
        "Where", "Write",
    };

    /// <summary>Exist in PowerShell 6+ only; Windows PowerShell 5.1 fails on them.</summary>
    public static readonly HashSet<string> PowerShell6Only = new(StringComparer.OrdinalIgnoreCase)
    {
        "Remove-Service", "Join-String", "Test-Json", "Get-Uptime", "Get-Error", "ConvertFrom-Markdown", "Remove-Alias",
    };

    private static readonly string[] CimParameters = ["CimSession", "ThrottleLimit", "AsJob"];

    public static readonly Dictionary<string, HashSet<string>> Cmdlets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Join-Path"] = Set("Path", "ChildPath", "Resolve", "Credential"),
        ["Test-Path"] = Set("Path", "LiteralPath", "Filter", "Include", "Exclude", "PathType", "IsValid", "Credential", "OlderThan", "NewerThan"),
        ["Get-Service"] = Set("Name", "DisplayName", "Include", "Exclude", "InputObject", "DependentServices", "RequiredServices", "ComputerName"),
        ["Stop-Service"] = Set("Name", "DisplayName", "InputObject", "Include", "Exclude", "Force", "NoWait", "PassThru"),
        ["Start-Service"] = Set("Name", "DisplayName", "InputObject", "Include", "Exclude", "PassThru"),
        ["New-Service"] = Set("Name", "BinaryPathName", "DisplayName", "Description", "StartupType", "Credential", "DependsOn"),
        ["New-Item"] = Set("Path", "Name", "ItemType", "Value", "Force", "Credential"),
        ["Copy-Item"] = Set("Path", "LiteralPath", "Destination", "Container", "Force", "Filter", "Include", "Exclude", "Recurse", "PassThru", "Credential", "ToSession", "FromSession"),
        ["Remove-Item"] = Set("Path", "LiteralPath", "Filter", "Include", "Exclude", "Recurse", "Force", "Credential", "Stream"),
        ["Set-Content"] = Set("Path", "LiteralPath", "Value", "PassThru", "Filter", "Include", "Exclude", "Force", "Credential", "NoNewline", "Encoding", "Stream"),
        ["Get-Content"] = Set("Path", "LiteralPath", "ReadCount", "TotalCount", "Tail", "Filter", "Include", "Exclude", "Force", "Credential", "Delimiter", "Wait", "Raw", "Encoding", "Stream"),
        ["Get-ChildItem"] = Set("Path", "LiteralPath", "Filter", "Include", "Exclude", "Recurse", "Depth", "Force", "Name", "Attributes", "Directory", "File", "Hidden", "ReadOnly", "System"),
        ["Write-Host"] = Set("Object", "NoNewline", "Separator", "ForegroundColor", "BackgroundColor"),
        ["Write-Warning"] = Set("Message"),
        ["Write-Verbose"] = Set("Message"),
        ["Get-Credential"] = Set("Credential", "Message", "UserName", "Title"),
        ["New-ScheduledTaskAction"] = Set(["Execute", "Argument", "WorkingDirectory", "Id", .. CimParameters]),
        ["New-ScheduledTaskPrincipal"] = Set(["UserId", "GroupId", "LogonType", "RunLevel", "ProcessTokenSidType", "RequiredPrivilege", "Id", .. CimParameters]),
        ["Register-ScheduledTask"] = Set(["TaskName", "TaskPath", "Action", "Trigger", "Settings", "Principal", "User", "Password", "RunLevel", "Description", "Force", "InputObject", "Xml", .. CimParameters]),
        ["Start-ScheduledTask"] = Set(["TaskName", "TaskPath", "InputObject", .. CimParameters]),
        ["Get-ScheduledTaskInfo"] = Set(["TaskName", "TaskPath", "InputObject", .. CimParameters]),
        ["Unregister-ScheduledTask"] = Set(["TaskName", "TaskPath", "InputObject", "PassThru", .. CimParameters]),
        ["Start-Sleep"] = Set("Seconds", "Milliseconds"),
        ["Get-Date"] = Set("Date", "Year", "Month", "Day", "Hour", "Minute", "Second", "Millisecond", "DisplayHint", "Format", "UFormat"),
        ["Out-Null"] = Set("InputObject"),
        ["Set-StrictMode"] = Set("Version", "Off"),
    };

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);
}
