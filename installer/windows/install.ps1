#Requires -Version 5.1
#Requires -RunAsAdministrator
<#
.SYNOPSIS
Installs FtpMount as a Windows service that shows an FTP or FTPS server as a drive letter, through Dokan 2.

.DESCRIPTION
Checks that the Dokan 2 driver is installed, copies ftpmount.exe to Program Files\FtpMount, writes the mount's config
to ProgramData\FtpMount\mounts.d\NAME.conf (the same key = value format as on Linux: url, mountpoint, options),
stores the password in LocalSystem's Windows Credential Manager as the generic credential FtpMount:NAME, and
registers the service "FtpMount" (automatic start, restart on failure) running "ftpmount.exe service".
Run it again with another -Name to add a drive; uninstall.ps1 removes everything.

These scripts were written on Linux and are only syntax- and structure-checked there
(tests/FtpMount.Cli.Tests/Installer/PowerShellScriptTests.cs); they have not been run on Windows.

.EXAMPLE
.\install.ps1 -Binary .\publish\ftpmount.exe -Url ftp://alice@nas.example/pub -DriveLetter X:

.EXAMPLE
.\install.ps1 -Binary .\ftpmount.exe -Url ftps://bob@ftp.example.org/ -DriveLetter Y: -Name backup -Options 'ro' -Credential (Get-Credential bob)
#>
[CmdletBinding()]
param(
    # ftpmount.exe as published: dotnet publish src/FtpMount.Cli -c Release -r win-x64 -p:PublishAot=true
    [Parameter(Mandatory = $true)]
    [string] $Binary,

    # ftp://[USER@]HOST[:PORT][/PATH] or ftps://..., without a password.
    [Parameter(Mandatory = $true)]
    [ValidatePattern('^ftps?://')]
    [string] $Url,

    [Parameter(Mandatory = $true)]
    [ValidatePattern('^[A-Za-z]:$')]
    [string] $DriveLetter,

    # Config name: mounts.d\NAME.conf and the credential FtpMount:NAME.
    [ValidatePattern('^[A-Za-z0-9][A-Za-z0-9._@-]*$')]
    [string] $Name = 'default',

    # The -o list, e.g. 'ro,tls=explicit'.
    [string] $Options = '',

    # The FTP password; asked for when the URL names a user and this is not given.
    [System.Management.Automation.PSCredential] $Credential,

    [switch] $NoStart
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'setup-common.ps1')

$DokanReleases = 'https://github.com/dokan-dev/dokany/releases'

# Dokan 2 installs its library as System32\dokan2.dll and its kernel driver as the service key "dokan2".
function Test-Dokan2Installed {
    $library = Join-Path $env:SystemRoot 'System32\dokan2.dll'
    $driverKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\dokan2'
    return (Test-Path -LiteralPath $library -PathType Leaf) -and (Test-Path -LiteralPath $driverKey)
}

# The user of the URL, or '' for anonymous; a password in the URL is refused (the config is readable by all users).
function Get-UrlUser {
    param([Parameter(Mandatory = $true)] [string] $MountUrl)
    $userInfo = ([uri] $MountUrl).UserInfo
    if ($userInfo.Contains(':')) {
        throw 'The URL contains a password; leave it out, you will be asked for it (or pass -Credential).'
    }
    return [uri]::UnescapeDataString($userInfo)
}

function Stop-FtpMountService {
    $service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
    if ($null -ne $service -and $service.Status -ne 'Stopped') {
        Stop-Service -Name $ServiceName -Force
    }
}

function Copy-FtpMountFiles {
    param([Parameter(Mandatory = $true)] [string] $Executable)
    New-Item -ItemType Directory -Path $InstallDir -Force | Out-Null
    Copy-Item -LiteralPath $Executable -Destination (Join-Path $InstallDir 'ftpmount.exe') -Force
    Copy-Item -LiteralPath (Join-Path $PSScriptRoot 'system-credential.ps1') -Destination $CredentialHelper -Force
}

function Write-MountConfig {
    param(
        [Parameter(Mandatory = $true)] [string] $MountName,
        [Parameter(Mandatory = $true)] [string] $MountUrl,
        [Parameter(Mandatory = $true)] [string] $MountPoint,
        [string] $MountOptions = ''
    )
    New-Item -ItemType Directory -Path $ConfigDir -Force | Out-Null
    $lines = @(
        '# Written by install.ps1 and read by "ftpmount.exe service"; one mount per file.',
        "# The password is the generic credential $(Get-CredentialTarget -MountName $MountName) of LocalSystem.",
        "url = $MountUrl",
        "mountpoint = $MountPoint"
    )
    if ($MountOptions.Length -gt 0) {
        $lines += "options = $MountOptions"
    }
    Set-Content -LiteralPath (Join-Path $ConfigDir "$MountName.conf") -Value $lines -Encoding UTF8
}

# The password goes to SYSTEM's helper through a file in a folder that only SYSTEM and Administrators can read,
# never on a command line; the helper deletes it.
function Save-MountCredential {
    param(
        [Parameter(Mandatory = $true)] [string] $MountName,
        [Parameter(Mandatory = $true)] [System.Management.Automation.PSCredential] $FtpCredential
    )
    New-Item -ItemType Directory -Path $PendingDir -Force | Out-Null
    & icacls.exe $PendingDir /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
    if ($LASTEXITCODE -ne 0) {
        throw "icacls could not restrict $PendingDir (exit code $LASTEXITCODE)."
    }
    $secretFile = Join-Path $PendingDir ([guid]::NewGuid().ToString('N'))
    try {
        [System.IO.File]::WriteAllText($secretFile, $FtpCredential.GetNetworkCredential().Password)
        Invoke-CredentialHelperAsSystem -HelperArguments @(
            '-Action', 'Store',
            '-Target', (Get-CredentialTarget -MountName $MountName),
            '-UserName', $FtpCredential.UserName,
            '-SecretFile', $secretFile)
    }
    finally {
        Remove-Item -LiteralPath $secretFile -Force -ErrorAction SilentlyContinue
    }
}

function Register-FtpMountService {
    $executable = Join-Path $InstallDir 'ftpmount.exe'
    if ($null -eq (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) {
        New-Service -Name $ServiceName -BinaryPathName ('"' + $executable + '" service') -DisplayName 'FtpMount' `
            -Description 'Shows FTP and FTPS servers as drive letters (configs in ProgramData\FtpMount\mounts.d).' `
            -StartupType Automatic | Out-Null
    }
    # Like Restart=on-failure in the Linux unit: restart after 10 s, twice, then after a minute.
    & sc.exe failure $ServiceName reset= 86400 actions= restart/10000/restart/10000/restart/60000 | Out-Null
    if ($LASTEXITCODE -ne 0) {
        Write-Warning "sc.exe failure could not set the restart policy (exit code $LASTEXITCODE)."
    }
}

if (-not (Test-Dokan2Installed)) {
    throw "The Dokan 2 driver is not installed (no dokan2.dll in System32 or no dokan2 driver). Install Dokan 2.x from $DokanReleases (DokanSetup.exe), then run this script again."
}
if (-not (Test-Path -LiteralPath $Binary -PathType Leaf)) {
    throw "No ftpmount.exe at $Binary; publish it first: dotnet publish src/FtpMount.Cli -c Release -r win-x64 -p:PublishAot=true -o publish"
}

$user = Get-UrlUser -MountUrl $Url
if ($user.Length -gt 0 -and $null -eq $Credential) {
    $Credential = Get-Credential -UserName $user -Message "FTP password for $Url"
}
if ($user.Length -eq 0 -and $null -ne $Credential) {
    throw 'A credential was given but the URL names no user; write ftp://USER@HOST/.'
}

Stop-FtpMountService
Copy-FtpMountFiles -Executable $Binary
Write-MountConfig -MountName $Name -MountUrl $Url -MountPoint $DriveLetter.ToUpperInvariant() -MountOptions $Options
if ($null -ne $Credential) {
    Save-MountCredential -MountName $Name -FtpCredential $Credential
}
Register-FtpMountService
if (-not $NoStart) {
    Start-Service -Name $ServiceName
}
Write-Host "FtpMount is installed: $Url as drive $($DriveLetter.ToUpperInvariant()) (config $(Join-Path $ConfigDir "$Name.conf"))."
