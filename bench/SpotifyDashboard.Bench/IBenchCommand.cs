namespace SpotifyDashboard.Bench;

/// <summary>One subcommand of the bench tool (<c>analyze</c>, <c>ingest</c>, <c>enrich</c>, …). Found by reflection, so adding one touches no other file.</summary>
public interface IBenchCommand
{
    string Name { get; }

    string Usage { get; }

    Task<int> RunAsync(string[] args);
}
