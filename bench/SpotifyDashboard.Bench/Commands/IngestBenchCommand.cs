using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion.Reading;
using SpotifyDashboard.Ingestion.Validation;
using StackExchange.Redis;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// Generates a Forms-shaped CSV and reads it through the ingestion: parse, then map + validate +
/// ids (no storage), then, when a Redis/Garnet server is given, the full ingest that stores every
/// row (and a re-read that must find nothing new). Targets for 100,000 rows: &lt; 5 s, &lt; 300 MB.
/// </summary>
public sealed class IngestBenchCommand : IBenchCommand
{
    private const string Source = "bench";
    private const string BenchKey = "bench-key";

    public string Name => "ingest";

    public string Usage => "[--rows 100000] [--redis local|host:port] [--keep-file]  parse, validate and (with --redis) store generated CSV rows; 'local' runs Garnet inside the bench (its memory then counts in the peak)";

    public async Task<int> RunAsync(string[] args)
    {
        var rows = int.Parse(Option(args, "--rows") ?? "100000", CultureInfo.InvariantCulture);
        using var localGarnet = LocalGarnet.StartIfAsked(Option(args, "--redis"));
        var redisAddress = localGarnet?.Address ?? Option(args, "--redis");
        var path = Path.Combine(Path.GetTempPath(), $"sd-ingest-bench-{Environment.ProcessId}.csv");
        try
        {
            var generated = Stopwatch.StartNew();
            var stats = await SurveyCsvGenerator.WriteAsync(path, rows, seed: 42);
            Console.WriteLine($"generated  {rows:N0} rows, {new FileInfo(path).Length / 1e6:F1} MB in {generated.Elapsed.TotalSeconds:F2} s (expected ≈{stats.Invalid:N0} invalid, {stats.Duplicates:N0} duplicates)");
            ResetPeak();

            var clock = Stopwatch.StartNew();
            var table = await new CsvFileReader(path).ReadAsync(CancellationToken.None);
            var parse = clock.Elapsed;

            clock.Restart();
            var (accepted, quarantined, duplicates) = MapAndValidate(table);
            var validate = clock.Elapsed;
            var peakWithoutStore = PeakMegabytes();
            Console.WriteLine($"parse      {parse.TotalSeconds,6:F2} s   ({table.Rows.Count:N0} rows)");
            Console.WriteLine($"validate   {validate.TotalSeconds,6:F2} s   map + validate + ids: {accepted:N0} accepted + {quarantined:N0} quarantined + {duplicates:N0} duplicates");
            Console.WriteLine($"parse+validate {(parse + validate).TotalSeconds,6:F2} s, peak working set {peakWithoutStore:F0} MB");

            if (redisAddress is not null)
            {
                await StoreAsync(redisAddress, table, parse);
            }
            else
            {
                Console.WriteLine("store      skipped (give --redis host:port of a Garnet/Redis server to measure storing)");
            }

            Console.WriteLine($"peak working set {PeakMegabytes():F0} MB, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB in total");
            return 0;
        }
        finally
        {
            if (!args.Contains("--keep-file"))
            {
                File.Delete(path);
            }
        }
    }

    private static (long Accepted, long Quarantined, long Duplicates) MapAndValidate(SurveyTable table)
    {
        var mapping = new HeaderMapper().Map(table.Headers);
        var validator = new RowValidator(new SurveyOptions());
        var timestampColumn = mapping.ColumnOf(SurveyField.Timestamp)!.Value;
        var keys = new Pseudonymizer(BenchKey);
        var seen = new HashSet<string>();
        long accepted = 0, quarantined = 0, duplicates = 0;
        var ids = new List<string>(table.Rows.Count);
        foreach (var row in table.Rows)
        {
            var id = RowIdentity.RowId(keys, row.Cells[timestampColumn], row.Cells);
            ids.Add(id);
            if (!seen.Add(id))
            {
                duplicates++;
            }
            else if (validator.Validate(row.Cells, mapping).IsValid)
            {
                accepted++;
            }
            else
            {
                quarantined++;
            }
        }

        _ = RowIdentity.Chain(table.Headers, ids);
        return (accepted, quarantined, duplicates);
    }

    private static async Task StoreAsync(string redisAddress, SurveyTable table, TimeSpan parse)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress);
        var db = redis.GetDatabase();
        await db.KeyDeleteAsync([RedisKeys.Responses(Source), RedisKeys.ResponsesByTime(Source), RedisKeys.Pending(Source), RedisKeys.Unmatched(Source),
            RedisKeys.Quarantine(Source), RedisKeys.Checkpoint(Source), RedisKeys.SourceStatus(Source), IngestionKeys.Columns(Source)]);
        var statuses = new SourceStatusStore(redis);
        var ingestor = new SurveyIngestor(
            new SurveyResponseStore(redis),
            new QuarantineStore(redis),
            statuses,
            new HeaderMapper(),
            MsOptions.Create(new SurveyOptions()),
            new NamePolicy(new Pseudonymizer(BenchKey), StoreNames: false),
            TimeProvider.System,
            NullLogger<SurveyIngestor>.Instance);

        var clock = Stopwatch.StartNew();
        var first = await ingestor.IngestAsync(Source, SurveySourceKind.Csv, table);
        var ingest = clock.Elapsed;
        clock.Restart();
        var again = await ingestor.IngestAsync(Source, SurveySourceKind.Csv, table);
        var reread = clock.Elapsed;

        var status = await statuses.GetAsync(Source);
        var reconciles = status!.RowsRead == status.Accepted + status.Quarantined + status.Duplicates;
        Console.WriteLine($"ingest     {ingest.TotalSeconds,6:F2} s   map + validate + ids + store: {first.Added:N0} stored, {first.Quarantined:N0} quarantined, {first.Duplicates:N0} duplicates; reconciles: {reconciles}");
        Console.WriteLine($"end-to-end {(parse + ingest).TotalSeconds,6:F2} s   parse + ingest");
        Console.WriteLine($"re-read    {reread.TotalSeconds,6:F2} s   unchanged source ({again.NewRows} new rows)");
        await db.KeyDeleteAsync([RedisKeys.Responses(Source), RedisKeys.ResponsesByTime(Source), RedisKeys.Pending(Source), RedisKeys.Unmatched(Source),
            RedisKeys.Quarantine(Source), RedisKeys.Checkpoint(Source), RedisKeys.SourceStatus(Source), IngestionKeys.Columns(Source)]);
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The generation of the file is not measured: start the peak after it.</summary>
    private static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Linux: writing 5 to clear_refs resets VmHWM, the peak resident set.
        try
        {
            File.WriteAllText($"/proc/{Environment.ProcessId}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static double PeakMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1e6;
    }
}
