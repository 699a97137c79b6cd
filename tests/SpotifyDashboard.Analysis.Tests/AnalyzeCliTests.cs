using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Analysis.Tests;

/// <summary>
/// The analysis CLI (<c>SpotifyDashboard.Bench analyze</c>) run as a user runs it, in a process of its own, on a CSV of
/// the demo class: what it prints must be what the worker's engine computes from the same rows and settings.
/// </summary>
public sealed class AnalyzeCliTests : IDisposable
{
    private static readonly string BenchAssembly = typeof(AnalyzeCliTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BenchAssembly").Value!;

    private readonly string _csv = Path.Combine(Path.GetTempPath(), $"analyze-cli-{Guid.NewGuid():N}.csv");
    private readonly List<AnalysisRow> _rows = TestData.DemoClass(120);

    public AnalyzeCliTests() => File.WriteAllText(_csv, Csv(_rows), Encoding.UTF8);

    [Fact]
    public async Task PrintsTheFeatureImportanceTheWorkersEngineComputes()
    {
        var expected = AnalysisEngine.Run(AsTheCliReadsThem(_rows), Settings()).Model.FeatureImportance;

        var printed = await RunAnalyzeAsync();

        Assert.NotEmpty(expected);
        Assert.Equal(
            expected.Select(f => (f.Feature, Math.Round(f.AccuracyDrop, 4))),
            printed.GetProperty("classifier").GetProperty("featureImportance").EnumerateArray()
                .Select(f => (f.GetProperty("feature").GetString()!, f.GetProperty("drop").GetDouble())));
    }

    [Fact]
    public async Task NoImportanceSkipsIt()
    {
        var printed = await RunAnalyzeAsync("--no-importance");

        Assert.Equal("Trained", printed.GetProperty("classifier").GetProperty("state").GetString());
        Assert.Empty(printed.GetProperty("classifier").GetProperty("featureImportance").EnumerateArray());
    }

    public void Dispose() => File.Delete(_csv);

    /// <summary>The settings the CLI builds from the options <see cref="RunAnalyzeAsync"/> passes.</summary>
    private static AnalysisOptions Settings() => new()
    {
        Clusters = "3",
        Restarts = 2,
        Seed = 42,
        CvFolds = 3,
        ClassifierIterations = 20,
        ClassifierLeaves = 20,
        IncludeStandardizedRows = false,
    };

    private async Task<JsonElement> RunAnalyzeAsync(params string[] extra)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            BenchAssembly, "analyze", "--train", _csv, "--label", "major", "--clusters", "3", "--restarts", "2",
            "--seed", "42", "--folds", "3", "--iterations", "20", "--leaves", "20", .. extra,
        ];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A bound on a hung process, not a measurement: the run itself takes a second or two.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.True(process.ExitCode == 0, $"analyze exited with {process.ExitCode}: {await error}");
        using var document = JsonDocument.Parse(await output);
        return document.RootElement.Clone();
    }

    /// <summary>The CLI's reader keeps the id column and adds the line number, so ids stay unique.</summary>
    private static List<AnalysisRow> AsTheCliReadsThem(List<AnalysisRow> rows) =>
        [.. rows.Select((r, i) => r with { Id = $"{r.Id}#{i + 1}" })];

    private static string Csv(List<AnalysisRow> rows)
    {
        var csv = new StringBuilder("id,major,").AppendJoin(',', AudioFeatures.Names).Append('\n');
        foreach (var row in rows)
        {
            csv.Append(row.Id).Append(",\"").Append(row.Label!.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            foreach (var value in row.Features.ToVector())
            {
                csv.Append(',').Append(double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
