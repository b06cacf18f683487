namespace FtpMount.Cli.Tests.Installer.PowerShell;

/// <summary>
/// installer/windows/*.ps1 cannot run here: there is no PowerShell in Debian 12's repositories, and the scripts drive
/// Windows services, the Credential Manager and the Dokan driver. These tests check what can be checked without
/// running them (see <see cref="PsScriptCheck"/>), that the checker catches each mistake it claims to catch, and that
/// the scripts do the steps the installer must do.
/// </summary>
public sealed class PowerShellScriptTests : IDisposable
{
    private static readonly string WindowsInstaller = Path.Combine(InstallerPaths.RepositoryRoot, "installer", "windows");

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, bool> Scripts() => new()
    {
        { "install.ps1", true },
        { "uninstall.ps1", true },
        { "system-credential.ps1", true },
        { "setup-common.ps1", false },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Windows_script_passes_the_structural_check(string script, bool isEntryScript)
    {
        var problems = PsScriptCheck.Check(Path.Combine(WindowsInstaller, script), isEntryScript);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_script_in_the_folder_is_checked()
    {
        var files = Directory.GetFiles(WindowsInstaller, "*.ps1").Select(Path.GetFileName).Order();
        Assert.Equal(Scripts().Select(row => row.Data.Item1).Order(), files);
    }

    [Fact]
    public void Install_script_checks_dokan_copies_the_binary_stores_the_password_and_registers_the_service()
    {
        var install = File.ReadAllText(Path.Combine(WindowsInstaller, "install.ps1"));
        var common = File.ReadAllText(Path.Combine(WindowsInstaller, "setup-common.ps1"));
        var helper = File.ReadAllText(Path.Combine(WindowsInstaller, "system-credential.ps1"));
        Assert.Contains("System32\\dokan2.dll", install, StringComparison.Ordinal);
        Assert.Contains("HKLM:\\SYSTEM\\CurrentControlSet\\Services\\dokan2", install, StringComparison.Ordinal);
        Assert.Contains("https://github.com/dokan-dev/dokany/releases", install, StringComparison.Ordinal);
        Assert.Contains("Join-Path $env:ProgramFiles 'FtpMount'", common, StringComparison.Ordinal);
        Assert.Matches(@"New-Service -Name \$ServiceName -BinaryPathName \('""' \+ \$executable \+ '"" service'\)", install);
        Assert.Contains("$ServiceName = 'FtpMount'", common, StringComparison.Ordinal);
        Assert.Contains("cmdkey.exe \"/generic:$Target\"", helper, StringComparison.Ordinal);
        Assert.Contains("New-ScheduledTaskPrincipal -UserId 'SYSTEM'", common, StringComparison.Ordinal);
        Assert.Contains("\"url = $MountUrl\"", install, StringComparison.Ordinal);
        Assert.Contains("\"mountpoint = $MountPoint\"", install, StringComparison.Ordinal);
        // The password never reaches a command line of ours, nor the config file.
        Assert.DoesNotContain("password =", install, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Uninstall_script_removes_service_credentials_and_files()
    {
        var uninstall = File.ReadAllText(Path.Combine(WindowsInstaller, "uninstall.ps1"));
        Assert.Contains("& sc.exe delete $ServiceName", uninstall, StringComparison.Ordinal);
        Assert.Contains("'-Action', 'Delete'", uninstall, StringComparison.Ordinal);
        Assert.Contains("Remove-Item -LiteralPath $InstallDir -Recurse -Force", uninstall, StringComparison.Ordinal);
        Assert.Contains("Remove-Item -LiteralPath $DataDir -Recurse -Force", uninstall, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("function Get-Thing {\n    param([string] $Name)\n    return $Name\n", "{ is never closed")]
    [InlineData("$a = (1 + 2]\n", "] where ) closes ( of line 1")]
    [InlineData("$a = 'unterminated\n", "string ' is never closed")]
    [InlineData("$a = \"unterminated\n", "string \" is never closed")]
    [InlineData("<# never closed\n", "block comment <# is never closed")]
    [InlineData("Get-Thing\nfunction Get-Thing {\n    param()\n}\n", "Get-Thing is neither a function defined above")]
    [InlineData("Copy-Items -Path a -Destination b\n", "Copy-Items is neither a function defined above")]
    [InlineData("Copy-Item -Path a -Dest b\n", "Copy-Item has no parameter -Dest")]
    [InlineData("function Get-Thing {\n    param([string] $Name)\n}\nGet-Thing -Nmae x\n", "Get-Thing has no parameter -Nmae")]
    [InlineData("Remove-Service -Name FtpMount\n", "Remove-Service exists only in PowerShell 6+")]
    [InlineData("function Fetch-Thing {\n    param()\n}\n", "function Fetch-Thing is not named Verb-Noun with an approved verb")]
    [InlineData("function Get-Thing($Name) {\n}\n", "must declare its parameters in a param() block")]
    [InlineData("$total = $count + 1\n", "$count is used before any assignment")]
    [InlineData("$a = \u2018x\u2019\n", "typographic quote")]
    [InlineData("# caf\u00e9\n", "non-ASCII text")]
    public void Checker_reports_each_kind_of_mistake(string script, string expected)
    {
        var problems = CheckSnippet(script, isEntryScript: false);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Write-Host 'no param block'\n", "does not start with a param() block")]
    [InlineData("param()\n", "no #Requires -Version 5.1")]
    [InlineData("param()\n", "no Set-StrictMode -Version Latest")]
    [InlineData("param()\n", "no $ErrorActionPreference = 'Stop'")]
    public void Checker_requires_the_entry_script_preamble(string script, string expected)
    {
        Assert.Contains(CheckSnippet(script, isEntryScript: true), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_accepts_what_powershell_accepts()
    {
        var script = """
            #Requires -Version 5.1
            [CmdletBinding()]
            param(
                [Parameter(Mandatory = $true)]
                [string] $Name = 'x'
            )
            Set-StrictMode -Version Latest
            $ErrorActionPreference = 'Stop'
            . (Join-Path $PSScriptRoot 'lib.ps1')
            function Get-Greeting {
                param([string] $Who)
                return "Hello $Who from $($env:COMPUTERNAME) and $(Join-Path $LibRoot "x $Who")"
            }
            $items = foreach ($item in @(1, 2)) { $item * 2 }
            $here = @"
            Value: $Name "quoted"
            "@
            Write-Host (Get-Greeting -Who $Name) `
                -ForegroundColor Green
            Use-Library -Value $items
            Unregister-ScheduledTask -TaskName $Name -Confirm:$false
            """;
        File.WriteAllText(Path.Combine(_temp.Path, "lib.ps1"), "$LibRoot = 'C:\\lib'\nfunction Use-Library {\n    param($Value)\n    return $Value\n}\n");
        var problems = CheckSnippet(script, isEntryScript: true);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private IReadOnlyList<string> CheckSnippet(string script, bool isEntryScript)
    {
        var path = Path.Combine(_temp.Path, "snippet.ps1");
        File.WriteAllText(path, script);
        return PsScriptCheck.Check(path, isEntryScript);
    }
}
