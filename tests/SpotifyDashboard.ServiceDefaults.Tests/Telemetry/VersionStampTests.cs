using System.Diagnostics;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.ServiceDefaults.Telemetry;

namespace SpotifyDashboard.ServiceDefaults.Tests.Telemetry;

/// <summary>Directory.Build.props stamps every assembly of the repository alike: the shared library, the domain and these tests stand for all.</summary>
public class VersionStampTests
{
    [Fact]
    public void EveryAssemblyCarriesTheVersionMinVerTookFromGit()
    {
        var version = ServiceIdentity.VersionOf(typeof(ServiceIdentity).Assembly);
        var root = RepositoryRoot();

        if (Path.Exists(Path.Combine(root, ".git")))
        {
            // MinVer's SemVer (no tag yet: 0.0.0-alpha.0.<commits>), then the commit the SDK appends.
            Assert.Matches($@"^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?\+{Git(root, "rev-parse HEAD")}$", version);
        }
        else
        {
            // Built from a tree without git metadata: Directory.Build.props tells MinVer so.
            Assert.Equal("0.0.0-unversioned", version);
        }

        foreach (var assembly in new[] { typeof(PipelineTelemetry).Assembly, typeof(VersionStampTests).Assembly })
        {
            Assert.Equal(version, ServiceIdentity.VersionOf(assembly));
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "SpotifyDashboard.slnx")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("The tests run outside the repository.");
        }

        return directory.FullName;
    }

    private static string Git(string directory, string arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true })!;
        var output = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return output;
    }
}
