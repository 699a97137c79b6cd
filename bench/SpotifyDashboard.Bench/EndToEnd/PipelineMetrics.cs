using System.Globalization;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>
/// The worker's own timing of its stages: <c>data_processing_time_seconds</c> {stage, outcome} as its <c>/metrics</c>
/// (Prometheus text) shows it at one moment — how many runs of each stage and the seconds they took together.
/// </summary>
public sealed partial record PipelineMetrics(IReadOnlyDictionary<string, StageRuns> Stages)
{
    public StageRuns Of(string stage) => Stages.GetValueOrDefault(stage) ?? new StageRuns(0, 0, 0);

    public static async Task<PipelineMetrics> ScrapeAsync(HttpClient http, string workerUrl)
    {
        var text = await http.GetStringAsync(workerUrl + "/metrics");
        return Parse(text);
    }

    public static PipelineMetrics Parse(string prometheusText)
    {
        var stages = new Dictionary<string, StageRuns>(StringComparer.Ordinal);
        foreach (Match line in SeriesLine().Matches(prometheusText))
        {
            var labels = line.Groups["labels"].Value;
            var stage = Label(labels, "stage");
            if (stage is null)
            {
                continue;
            }

            var value = double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            var failed = Label(labels, "outcome") == "failed";
            var runs = stages.GetValueOrDefault(stage) ?? new StageRuns(0, 0, 0);
            stages[stage] = line.Groups["kind"].Value switch
            {
                "sum" => runs with { Seconds = runs.Seconds + value },
                _ => runs with { Runs = runs.Runs + (long)value, Failed = runs.Failed + (failed ? (long)value : 0) },
            };
        }

        return new PipelineMetrics(stages);
    }

    private static string? Label(string labels, string name) =>
        Regex.Match(labels, $"(?:^|,){name}=\"(?<v>[^\"]*)\"") is { Success: true } m ? m.Groups["v"].Value : null;

    [GeneratedRegex(@"^data_processing_time_seconds_(?<kind>sum|count)\{(?<labels>[^}]*)\}\s+(?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}

/// <summary>Runs of one stage so far (failed ones included in <see cref="Runs"/>) and their total time.</summary>
public sealed record StageRuns(long Runs, long Failed, double Seconds)
{
    public static StageRuns operator -(StageRuns a, StageRuns b) => new(a.Runs - b.Runs, a.Failed - b.Failed, a.Seconds - b.Seconds);
}
