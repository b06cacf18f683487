#Requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
Removes what install.ps1 installed: the FtpMount service, the credentials FtpMount:NAME of every config, the
configs (unless -KeepConfig) and Program Files\FtpMount. Dokan itself is left installed.

.DESCRIPTION
Written on Linux and only syntax- and structure-checked there; not run on Windows.
#>
[CmdletBinding()]
param(
    # Keep ProgramData\FtpMount\mounts.d (the drive configs) for a later install.
    [switch] $KeepConfig
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'setup-common.ps1')

function Remove-FtpMountService {
    $service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
    if ($null -eq $service) {
        return
    }
    if ($service.Status -ne 'Stopped') {
        Stop-Service -Name $ServiceName -Force
    }
    # Remove-Service exists only from PowerShell 6 on; sc.exe works on Windows PowerShell 5.1 too.
    & sc.exe delete $ServiceName | Out-Null
    if ($LASTEXITCODE -ne 0) {
        throw "sc.exe delete $ServiceName failed (exit code $LASTEXITCODE)."
    }
}

function Remove-MountCredentials {
    if (-not (Test-Path -LiteralPath $ConfigDir) -or -not (Test-Path -LiteralPath $CredentialHelper)) {
        return
    }
    foreach ($config in Get-ChildItem -LiteralPath $ConfigDir -Filter '*.conf') {
        Invoke-CredentialHelperAsSystem -HelperArguments @(
            '-Action', 'Delete',
            '-Target', (Get-CredentialTarget -MountName $config.BaseName))
    }
}

Remove-FtpMountService
# The helper that deletes credentials lives in Program Files: credentials first, files after.
Remove-MountCredentials
if (Test-Path -LiteralPath $InstallDir) {
    Remove-Item -LiteralPath $InstallDir -Recurse -Force
}
if (Test-Path -LiteralPath $PendingDir) {
    Remove-Item -LiteralPath $PendingDir -Recurse -Force
}
if (-not $KeepConfig -and (Test-Path -LiteralPath $DataDir)) {
    Remove-Item -LiteralPath $DataDir -Recurse -Force
}
Write-Host 'FtpMount is uninstalled.'
