#Requires -Version 5.1
<#
.SYNOPSIS
Adds or removes FtpMount's generic credential in the Credential Manager of the account it runs as.

.DESCRIPTION
install.ps1 and uninstall.ps1 copy this file to Program Files and run it as LocalSystem through a one-shot
scheduled task, because the FtpMount service runs as LocalSystem and Credential Manager is per account.
For Store, the password is read from the first line of SecretFile (in a folder only SYSTEM and Administrators can
read), handed to cmdkey, and the file is deleted whatever happens.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [ValidateSet('Store', 'Delete')]
    [string] $Action,

    [Parameter(Mandatory = $true)]
    [string] $Target,

    [string] $UserName = '',

    [string] $SecretFile = ''
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

if ($Action -eq 'Store') {
    try {
        $password = Get-Content -LiteralPath $SecretFile -TotalCount 1 -Encoding UTF8
        & cmdkey.exe "/generic:$Target" "/user:$UserName" "/pass:$password" | Out-Null
        if ($LASTEXITCODE -ne 0) {
            throw "cmdkey could not store $Target (exit code $LASTEXITCODE)."
        }
    }
    finally {
        Remove-Item -LiteralPath $SecretFile -Force -ErrorAction SilentlyContinue
    }
}
else {
    # cmdkey fails when there is nothing to delete; that is the wanted end state too.
    & cmdkey.exe "/delete:$Target" | Out-Null
}
exit 0
