using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Analysis;
using SpotifyDashboard.Core.Commands;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Duties;
using SpotifyDashboard.Core.Ingestion;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Core.Telemetry;
using SpotifyDashboard.Core.Privacy;
using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Enrichment;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Ingestion;
using SpotifyDashboard.Ingestion.Ingest;
using SpotifyDashboard.Worker.Duties;
using SpotifyDashboard.Worker.Analysis;
using SpotifyDashboard.Worker.Commands;
using StackExchange.Redis;

namespace SpotifyDashboard.Worker.Tests;

/// <summary>
/// One worker replica wired as the worker's Program.cs wires it (the ingest, enrich, analyse and commands duties, one lock),
/// with its own connection to a shared Garnet, and a shared clock; the song lookup is <see cref="CountingSongLookup"/> instead of Spotify. Its loops
/// are not started: the tests drive the steps.
/// </summary>
public sealed class WorkerReplica : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ConnectionMultiplexer _redis;

    public WorkerReplica(string redisAddress, TimeProvider time, CountingSongLookup lookup, Dictionary<string, string?>? settings = null)
    {
        // Its own connection, as a replica has; the track cache disposes it with the services.
        var redis = _redis = ConnectionMultiplexer.Connect(redisAddress);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analysis:Clusters"] = "3",
            ["Analysis:Restarts"] = "2",
            ["Analysis:CvFolds"] = "3",
            ["Analysis:PermutationImportance"] = "false",
        }).AddInMemoryCollection(settings ?? []).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IConnectionMultiplexer>(redis);
        services.AddSingleton(time);
        services.AddMetrics();
        services.AddSingleton<PipelineTelemetry>();
        services.AddSingleton<CacheHitTelemetry>();
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.SectionName));
        services.AddOptions<AnalysisOptions>().Bind(configuration.GetSection(AnalysisOptions.SectionName));
        services.AddSingleton<SurveyResponseStore>();
        services.AddSingleton<SourceStatusStore>();
        services.AddSingleton<ActiveSourceStore>();
        services.AddSingleton<QuarantineStore>();
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton(new NamePolicy(new Pseudonymizer("test-key"), false));
        services.AddSingleton<WorkerLeaderLock>();
        services.AddSingleton<WorkerHealth>();
        services.AddSurveyIngestion();
        services.AddDuty<IngestDuty>();
        services.AddSongLookup(configuration);
        services.AddSingleton<ISongFeatureLookup>(lookup);
        services.AddSingleton<SongEnricher>();
        services.AddDuty<EnrichDuty>();
        services.AddSingleton<AnalysisRunner>();
        services.AddDuty<AnalyseDuty>();
        services.AddSingleton<WorkerCommandQueue>();
        services.AddSingleton<RefreshProgressStore>();
        services.AddSingleton<WorkerCommandRunner>();
        services.AddDuty<CommandsDuty>();
        _services = services.BuildServiceProvider();
    }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public IngestDuty Ingestion => Get<IngestDuty>();

    public EnrichDuty Enrichment => Get<EnrichDuty>();

    public CommandsDuty Commands => Get<CommandsDuty>();

    /// <summary>One tick of the duty's loop, as the worker makes it: true when this replica led and the duty stepped.</summary>
    public Task<bool> StepAsync<TDuty>() where TDuty : IWorkerDuty =>
        _services.GetServices<IHostedService>().OfType<DutyLoop>().Single(l => l.Duty is TDuty).StepAsync(CancellationToken.None);

    public WorkerLeaderLock Lock => Get<WorkerLeaderLock>();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _redis.DisposeAsync();
    }

    /// <summary>A Google Forms CSV of the demo class's first <paramref name="students"/> students.</summary>
    public static string ClassCsv(int students)
    {
        var generator = new DemoClassGenerator(42);
        var csv = new StringBuilder("Timestamp,Your name,How old are you?,What is your major?,What year are you in?,Where are you from (hometown)?,What's your favourite song?,Who is the artist?,How many hours a day do you listen to music?,When do you usually listen to music?\r\n");
        for (var i = 0; i < students; i++)
        {
            var student = generator.Generate(i);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"11/20/2026 {9 + i / 60}:{i % 60:D2}:00,Student {i},20,{Quote(student.Major)},1st year,Town,{Quote(student.Song.Title)},{Quote(student.Song.Artist)},2,In the morning\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string text) => $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}

/// <summary>Finds every song of the demo catalogue, and counts how often each song was asked for, across replicas.</summary>
public sealed class CountingSongLookup : ISongFeatureLookup
{
    private readonly Dictionary<string, DemoSong> _songs;

    public CountingSongLookup()
    {
        var generator = new DemoClassGenerator(42);
        _songs = Enumerable.Range(0, 400).Select(i => generator.Generate(i).Song).DistinctBy(s => new SongQuery(s.Title, s.Artist).Key)
            .ToDictionary(s => new SongQuery(s.Title, s.Artist).Key);
    }

    public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, every song waits with this reason, as when the providers cannot be asked.</summary>
    public string? DeferWith { get; set; }

    public async Task<SongOutcome> LookupAsync(string title, string artist, CancellationToken cancellationToken = default)
    {
        var query = new SongQuery(title, artist);
        return (await LookupManyAsync([query], cancellationToken))[query.Key];
    }

    public Task<IReadOnlyDictionary<string, SongOutcome>> LookupManyAsync(IEnumerable<SongQuery> songs, CancellationToken cancellationToken = default)
    {
        var outcomes = new Dictionary<string, SongOutcome>(StringComparer.Ordinal);
        foreach (var song in songs.DistinctBy(s => s.Key))
        {
            Calls.AddOrUpdate(song.Key, 1, (_, n) => n + 1);
            outcomes[song.Key] = DeferWith is { } reason ? SongOutcome.Deferred(reason)
                : _songs.TryGetValue(song.Key, out var known)
                ? SongOutcome.Found(known.ToTrack(), known.Features)
                : SongOutcome.Unmatched("not in the demo catalogue");
        }

        return Task.FromResult<IReadOnlyDictionary<string, SongOutcome>>(outcomes);
    }
}
