using SpotifyDashboard.Enrichment.Status;

namespace SpotifyDashboard.Api.Tests.Monitoring;

public class HealthDetailsTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    private static readonly string[] States = ["healthy", "degraded", "unhealthy", "not_configured", "unknown"];

    private static readonly Dictionary<string, string> SpotifyCredentials = new()
    {
        ["Spotify:ClientId"] = "test-client-id",
        ["Spotify:ClientSecret"] = "test-client-secret",
    };

    private static async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/details");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string StateOf(JsonElement json, string service) =>
        json.GetProperty("services").GetProperty(service).GetProperty("state").GetString()!;

    private static string ReasonOf(JsonElement json, string service) =>
        json.GetProperty("services").GetProperty(service).GetProperty("reason").GetString()!;

    private Task HoldWorkerLockAsync() =>
        garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.WorkerLock, "some-replica-token", TimeSpan.FromMinutes(1));

    private Task SaveProvidersAsync(params ProviderStatus[] statuses) => new ProviderStatusStore(garnet.Redis).SaveAsync(statuses);

    private Task SaveSheetStatusAsync(DateTimeOffset readAt, string? error = null) => new SourceStatusStore(garnet.Redis).SetAsync(new SourceStatus
    {
        Name = SurveySourceKind.GoogleSheet.StorageName(),
        Kind = nameof(SurveySourceKind.GoogleSheet),
        RowsRead = 3,
        Accepted = 3,
        LastReadAt = readAt,
        Error = error,
    });

    [Fact]
    public async Task DetailsHaveTheSeedsShapeAndTheApisVersion()
    {
        await garnet.FlushAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);

        var (_, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(["status", "timestamp", "services", "version"], json.EnumerateObject().Select(p => p.Name));
        Assert.Contains(json.GetProperty("status").GetString(), new[] { "healthy", "degraded", "unhealthy" });
        Assert.InRange(json.GetProperty("timestamp").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        var services = json.GetProperty("services");
        Assert.Equal(["spotify_api", "reccobeats", "google_sheets", "cache", "worker"], services.EnumerateObject().Select(p => p.Name));
        foreach (var service in services.EnumerateObject())
        {
            Assert.Equal(["state", "reason"], service.Value.EnumerateObject().Select(p => p.Name));
            Assert.Contains(service.Value.GetProperty("state").GetString(), States);
            Assert.False(string.IsNullOrWhiteSpace(service.Value.GetProperty("reason").GetString()));
        }

        Assert.Equal(Scrapes.ApiVersion, json.GetProperty("version").GetString());
    }

    [Fact]
    public async Task AWorkingDashboardIsHealthyInEveryPart()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        await SaveProvidersAsync(new ProviderStatus("spotify", ProviderState.Ok, null, null, null), new ProviderStatus("reccobeats", ProviderState.Ok, null, null, null));
        await SaveSheetStatusAsync(DateTimeOffset.UtcNow.AddSeconds(-5));
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.GoogleSheet, settings: SpotifyCredentials);

        var (status, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        foreach (var service in new[] { "spotify_api", "reccobeats", "google_sheets", "cache", "worker" })
        {
            Assert.Equal("healthy", StateOf(json, service));
        }
    }

    [Fact]
    public async Task RateLimitsOpenBreakersAndAFailedSheetReadDegradeTheirPartsAndTheWhole()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        var until = new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await SaveProvidersAsync(
            new ProviderStatus("spotify", ProviderState.Cooldown, until, "429", DateTimeOffset.UtcNow),
            new ProviderStatus("reccobeats", ProviderState.BreakerOpen, until, "timeout", DateTimeOffset.UtcNow));
        await SaveSheetStatusAsync(DateTimeOffset.UtcNow.AddMinutes(-1), error: "The sheet is not shared with the service account.");
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.GoogleSheet, settings: SpotifyCredentials);

        var (status, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal("degraded", StateOf(json, "spotify_api"));
        Assert.Equal("rate-limited: calls wait until 2099-01-02 03:04:05 UTC", ReasonOf(json, "spotify_api"));
        Assert.Equal("degraded", StateOf(json, "reccobeats"));
        Assert.Equal("failing: calls are paused until 2099-01-02 03:04:05 UTC", ReasonOf(json, "reccobeats"));
        Assert.Equal("degraded", StateOf(json, "google_sheets"));
        Assert.StartsWith("the last read failed", ReasonOf(json, "google_sheets"));
        Assert.Equal("healthy", StateOf(json, "cache"));
        // The sheet it could not read is the worker's ingest duty stuck, not the worker gone.
        Assert.Equal("degraded", StateOf(json, "worker"));
    }

    [Fact]
    public async Task ACsvSourceThatCannotBeReadDegradesTheWorkerAndTheWhole()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        var readAt = new DateTimeOffset(2026, 11, 25, 11, 59, 41, TimeSpan.Zero);
        await new SourceStatusStore(garnet.Redis).SetAsync(new SourceStatus
        {
            Name = SurveySourceKind.Csv.StorageName(),
            Kind = nameof(SurveySourceKind.Csv),
            RowsRead = 6,
            Accepted = 6,
            LastReadAt = readAt,
            Error = "The CSV file could not be read: check Survey:CsvPath.",
        });
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv);

        var (status, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal("degraded", StateOf(json, "worker"));
        Assert.Equal(
            "the survey source (csv) could not be read at the last poll; the answers read at 2026-11-25 11:59:41 UTC are served (the sources page says why)",
            ReasonOf(json, "worker"));
        Assert.Equal("not_configured", StateOf(json, "google_sheets"));
    }

    [Fact]
    public async Task ASourceNeverReadIsDegradedToo()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        await new SourceStatusStore(garnet.Redis).SetAsync(new SourceStatus
        {
            Name = SurveySourceKind.Csv.StorageName(),
            Kind = nameof(SurveySourceKind.Csv),
            Error = "Survey:CsvUrl or Survey:CsvPath must be set when Survey:Source is Csv.",
        });
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv);

        var (_, json) = await GetAsync(factory.CreateClient());

        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal("degraded", StateOf(json, "worker"));
        Assert.StartsWith("the survey source (csv) could not be read yet", ReasonOf(json, "worker"));
    }

    [Fact]
    public async Task AProviderThatRefusesUsIsUnhealthyButTheDashboardOnlyDegraded()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        await SaveProvidersAsync(new ProviderStatus("spotify", ProviderState.Unavailable, null, "403 Forbidden", DateTimeOffset.UtcNow));
        await SaveSheetStatusAsync(DateTimeOffset.UtcNow.AddHours(-1));
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.GoogleSheet, settings: SpotifyCredentials);

        var (status, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal("unhealthy", StateOf(json, "spotify_api"));
        Assert.Equal("unknown", StateOf(json, "reccobeats"));
        // Polled every 30 s by default: an hour without a read means the worker stopped reading it.
        Assert.Equal("degraded", StateOf(json, "google_sheets"));
        Assert.StartsWith("not read since", ReasonOf(json, "google_sheets"));
    }

    [Theory]
    [InlineData("Active premium subscription required for the owner of the app", "refused by Spotify: Active premium subscription required for the owner of the app;")]
    [InlineData("Spotify answers 403 to every call of this app (\"leak-upstream-body at https://leak.example.test\")", "refused by Spotify: Spotify answers 403 to every call of this app;")]
    public async Task AnAppSpotifyRefusesIsUnhealthyWithTheReasonAndTheNextProbe(string reason, string expected)
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        var nextProbe = new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await SaveProvidersAsync(new ProviderStatus("spotify", ProviderState.Refused, nextProbe, reason, DateTimeOffset.UtcNow));
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv, settings: SpotifyCredentials);

        var (_, json) = await GetAsync(factory.CreateClient());

        Assert.Equal("unhealthy", StateOf(json, "spotify_api"));
        Assert.StartsWith(expected, ReasonOf(json, "spotify_api"));
        Assert.EndsWith("songs wait as pending, and Spotify is asked again at 2099-01-02 03:04:05 UTC", ReasonOf(json, "spotify_api"));
        Assert.DoesNotContain("leak", ReasonOf(json, "spotify_api"));
    }

    [Fact]
    public async Task WhatIsNotSetUpSaysSoAndNoWorkerMeansUnhealthy()
    {
        await garnet.FlushAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv);

        var (status, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("not_configured", StateOf(json, "spotify_api"));
        Assert.Equal("not_configured", StateOf(json, "google_sheets"));
        Assert.Equal("the active survey source is csv", ReasonOf(json, "google_sheets"));
        Assert.Equal("unknown", StateOf(json, "reccobeats"));
        Assert.Equal("healthy", StateOf(json, "cache"));
        Assert.Equal("unhealthy", StateOf(json, "worker"));
    }

    [Fact]
    public async Task TheDemoClassNeedsNeitherProviderSoNeitherIsAFault()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo);

        var (status, json) = await GetAsync(factory.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        foreach (var provider in new[] { "spotify_api", "reccobeats" })
        {
            Assert.Equal("not_configured", StateOf(json, provider));
            Assert.Equal("not used: the demo class's songs carry their own features", ReasonOf(json, provider));
        }
    }

    [Fact]
    public async Task AWorkerWithoutCredentialsMakesSpotifyNotConfiguredEvenWhenTheApiHasThem()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        await SaveProvidersAsync(new ProviderStatus("spotify", ProviderState.Unavailable, null, EnrichmentReasons.NoCredentials, DateTimeOffset.UtcNow));
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Demo, settings: SpotifyCredentials);

        var (_, json) = await GetAsync(factory.CreateClient());

        Assert.Equal("not_configured", StateOf(json, "spotify_api"));
    }

    [Fact]
    public async Task ACacheThatStopsAnsweringMakesTheDetailsUnhealthyAndTheRestUnknown()
    {
        var cache = InProcessGarnet.Start();
        var stopped = false;
        try
        {
            await cache.Redis.GetDatabase().StringSetAsync(RedisKeys.WorkerLock, "some-replica-token", TimeSpan.FromMinutes(1));
            await using var factory = new AnalysisApiFactory(cache.Address, SurveySourceKind.Demo, settings: SpotifyCredentials);
            var client = factory.CreateClient();
            var (before, _) = await GetAsync(client);
            Assert.Equal(HttpStatusCode.OK, before);

            stopped = true;
            await cache.DisposeAsync();
            var (status, json) = await GetAsync(client);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unhealthy", json.GetProperty("status").GetString());
            Assert.Equal("unhealthy", StateOf(json, "cache"));
            Assert.Equal("does not answer", ReasonOf(json, "cache"));
            Assert.Equal("unknown", StateOf(json, "worker"));
            Assert.Equal("unknown", StateOf(json, "spotify_api"));
            Assert.Equal("unknown", StateOf(json, "reccobeats"));
            Assert.Equal(Scrapes.ApiVersion, json.GetProperty("version").GetString());
        }
        finally
        {
            if (!stopped)
            {
                await cache.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task NoSecretUrlOrUpstreamTextAppearsInTheDetails()
    {
        await garnet.FlushAsync();
        await HoldWorkerLockAsync();
        // Every value below is one that must never leave the api through this endpoint.
        var secrets = new Dictionary<string, string>
        {
            ["Spotify:ClientId"] = "leak-client-id-7f1",
            ["Spotify:ClientSecret"] = "leak-client-secret-7f2",
            ["Spotify:ApiBaseUrl"] = "https://leak-spotify-7f3.example.test/v1",
            ["Spotify:AccountsBaseUrl"] = "https://leak-accounts-7f4.example.test",
            ["ReccoBeats:BaseUrl"] = "https://leak-recco-7f5.example.test/v1",
            ["Enrichment:AdminKey"] = "leak-admin-key-7f6",
            ["Internal:Key"] = "leak-internal-key-7f7",
            ["Privacy:PseudonymKey"] = "leak-pseudonym-key-7f8",
            ["Survey:SheetId"] = "leak-sheet-id-7f9",
            ["Survey:ServiceAccount"] = "leak-service-account-7fa",
        };
        var upstreamSaid = "leak-upstream-body-7fb at https://leak-upstream-7fc.example.test/v1/search?q=x for someone@example.test";
        await SaveProvidersAsync(
            new ProviderStatus("spotify", ProviderState.Unavailable, null, upstreamSaid, DateTimeOffset.UtcNow),
            new ProviderStatus("reccobeats", ProviderState.Cooldown, DateTimeOffset.UtcNow.AddMinutes(5), upstreamSaid, DateTimeOffset.UtcNow));
        await SaveSheetStatusAsync(DateTimeOffset.UtcNow, error: upstreamSaid);
        await new SourceStatusStore(garnet.Redis).SetDetailAsync("sheet", upstreamSaid);
        await using var factory = new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.GoogleSheet, settings: secrets);

        var response = await factory.CreateClient().GetAsync("/health/details");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("degraded", JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
        Assert.DoesNotContain("leak-", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("://", body, StringComparison.Ordinal);
        Assert.DoesNotContain("example", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
    }
}
