# Shared by install.ps1 and uninstall.ps1 (dot-sourced). Paths, and running a helper script as LocalSystem.

$ServiceName = 'FtpMount'
$InstallDir = Join-Path $env:ProgramFiles 'FtpMount'
$DataDir = Join-Path $env:ProgramData 'FtpMount'
$ConfigDir = Join-Path $DataDir 'mounts.d'
$PendingDir = Join-Path $DataDir 'pending'
$CredentialHelper = Join-Path $InstallDir 'system-credential.ps1'

# The generic credential "FtpMount:NAME" in LocalSystem's Credential Manager holds the password of mounts.d\NAME.conf.
function Get-CredentialTarget {
    param([Parameter(Mandatory = $true)] [string] $MountName)
    return "FtpMount:$MountName"
}

# Credential Manager is per account and the service runs as LocalSystem, so its credentials must be written and
# deleted as LocalSystem. A one-shot scheduled task is the built-in way to run a command as SYSTEM. The helper runs
# from Program Files (writable by administrators only), never from the folder the installer was started from.
function Invoke-CredentialHelperAsSystem {
    param(
        [Parameter(Mandatory = $true)] [string[]] $HelperArguments
    )
    $quoted = foreach ($argument in $HelperArguments) {
        if ($argument.Contains('"')) {
            throw "Argument $argument contains a double quote."
        }
        '"' + $argument + '"'
    }
    $argumentLine = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $CredentialHelper + '" ' + ($quoted -join ' ')
    $taskName = 'FtpMount-credential-' + [guid]::NewGuid().ToString('N')
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $argumentLine
    $principal = New-ScheduledTaskPrincipal -UserId 'SYSTEM' -LogonType ServiceAccount -RunLevel Highest
    Register-ScheduledTask -TaskName $taskName -Action $action -Principal $principal | Out-Null
    try {
        Start-ScheduledTask -TaskName $taskName
        # 267011 (0x41303): not run yet; 267009 (0x41301): still running.
        $deadline = (Get-Date).AddSeconds(60)
        do {
            Start-Sleep -Milliseconds 250
            $result = (Get-ScheduledTaskInfo -TaskName $taskName).LastTaskResult
        } while (($result -eq 267011 -or $result -eq 267009) -and (Get-Date) -lt $deadline)
        if ($result -ne 0) {
            throw "The credential helper running as SYSTEM failed (task result $result)."
        }
    }
    finally {
        Unregister-ScheduledTask -TaskName $taskName -Confirm:$false
    }
}
