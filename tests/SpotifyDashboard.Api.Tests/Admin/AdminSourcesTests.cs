namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>The teacher's sources, refresh and quarantine, and what the class sees of the same data.</summary>
public class AdminSourcesTests(GarnetServerFixture garnet) : IClassFixture<GarnetServerFixture>
{
    [Fact]
    public async Task SourcesListsEveryKnownSourceWithTheActiveOneFirstAndTheFullError()
    {
        await garnet.FlushAsync();
        var statuses = new SourceStatusStore(garnet.Redis);
        await statuses.SetAsync(new SourceStatus { Name = "sheet", Kind = "GoogleSheet", Error = "The sheet could not be read." });
        await statuses.SetDetailAsync("sheet", "403 from https://sheets.googleapis.com/v4/spreadsheets/secret-sheet-id: caller lacks permission");
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var view = await AdminApi.ReadAsync<AdminSourcesView>(await client.GetAsync("/api/admin/sources"), HttpStatusCode.OK);

        Assert.Equal("demo", view.ActiveSource);
        Assert.Equal("demo", view.ConfiguredSource);
        Assert.False(view.Overridden);
        Assert.Equal(["demo", "sheet", "csv"], view.Sources.Select(s => s.Name));
        Assert.True(view.Sources[0].Active);
        var sheet = view.Sources.Single(s => s.Name == "sheet");
        Assert.Contains("secret-sheet-id", sheet.DetailedError);
        Assert.Equal("The sheet could not be read.", sheet.Status!.Error);
    }

    [Fact]
    public async Task TheTeacherChoosesTheActiveSourceAndGoesBackToTheConfiguredOne()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var chosen = await AdminApi.ReadAsync<AdminSourcesView>(
            await client.PostAsync("/api/admin/sources/active", AdminApi.Json("""{ "source": "csv" }""")), HttpStatusCode.OK);
        var statusWhileChosen = await ReadStatusAsync(client);
        var back = await AdminApi.ReadAsync<AdminSourcesView>(
            await client.PostAsync("/api/admin/sources/active", AdminApi.Json("""{ "source": null }""")), HttpStatusCode.OK);
        var statusAfter = await ReadStatusAsync(client);

        Assert.Equal("csv", chosen.ActiveSource);
        Assert.True(chosen.Overridden);
        Assert.Equal("csv", chosen.Sources[0].Name);
        Assert.Equal("csv", statusWhileChosen.ActiveSource);
        Assert.Equal("demo", back.ActiveSource);
        Assert.False(back.Overridden);
        Assert.Equal("demo", statusAfter.ActiveSource);
        Assert.False(await garnet.Redis.GetDatabase().KeyExistsAsync(RedisKeys.ActiveSourceOverride));
    }

    [Fact]
    public async Task AnUnknownSourceIsRefusedAndChangesNothing()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var response = await client.PostAsync("/api/admin/sources/active", AdminApi.Json("""{ "source": "2" }"""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "Unknown source");
        Assert.False(await garnet.Redis.GetDatabase().KeyExistsAsync(RedisKeys.ActiveSourceOverride));
    }

    [Fact]
    public async Task AnotherReplicaFollowsTheChangeOnTheSourceChangedEvent()
    {
        await garnet.FlushAsync();
        // A poll far away: only the event can make the second api follow within the test.
        var settings = new Dictionary<string, string> { ["ActiveSource:PollInterval"] = "00:10:00" };
        await using var first = AdminApi.Factory(garnet, settings: settings);
        await using var second = AdminApi.Factory(garnet, settings: settings);
        using var teacher = first.Teacher();
        using var other = second.CreateClient();
        Assert.Equal("demo", (await ReadStatusAsync(other)).ActiveSource);

        await teacher.PostAsync("/api/admin/sources/active", AdminApi.Json("""{ "source": "sheet" }"""));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string active;
        do
        {
            active = (await ReadStatusAsync(other)).ActiveSource;
        }
        while (active != "sheet" && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal("sheet", active);
    }

    [Fact]
    public async Task ReadNowQueuesACommandForTheWorker()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var command = await AdminApi.ReadAsync<WorkerCommand>(await client.PostAsync("/api/admin/sources/read", null), HttpStatusCode.Accepted);

        Assert.Equal(WorkerCommand.ReadNowType, command.Type);
        Assert.Equal(command.Id, Assert.Single(await AdminApi.QueuedCommandsAsync(garnet.Redis)).Id);
    }

    [Fact]
    public async Task ARefreshIsQueuedAndItsProgressIsReadable()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();
        var events = await garnet.Redis.GetSubscriber().SubscribeAsync(StackExchange.Redis.RedisChannel.Literal(RedisKeys.EventsChannel));

        var response = await client.PostAsync("/api/refresh", null);

        var accepted = await AdminApi.ReadAsync<RefreshAccepted>(response, HttpStatusCode.Accepted);
        Assert.Equal(new RefreshRequest(), accepted.Scope);
        Assert.Equal($"/api/admin/refresh/{accepted.Id}", response.Headers.Location?.OriginalString);
        var command = Assert.Single(await AdminApi.QueuedCommandsAsync(garnet.Redis));
        Assert.Equal((WorkerCommand.RefreshType, accepted.Id, new RefreshRequest()), (command.Type, command.Id, command.Refresh!));
        var progress = await AdminApi.ReadAsync<RefreshProgress>(await client.GetAsync($"/api/admin/refresh/{accepted.Id}"), HttpStatusCode.OK);
        Assert.Equal((accepted.Id, RefreshStages.Queued), (progress.Id, progress.Stage));
        var ttl = await garnet.Redis.GetDatabase().KeyTimeToLiveAsync(RedisKeys.Refresh(accepted.Id));
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromDays(1));
        var published = JsonSerializer.Deserialize<StoreEvent>((await events.ReadAsync(new CancellationTokenSource(5000).Token)).Message.ToString(), DashboardJson.Options)!;
        Assert.Equal((StoreEvent.RefreshProgress, accepted.Id), (published.Type, published.Id));
    }

    [Fact]
    public async Task ARefreshRunsOnlyTheStagesAskedFor()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        var accepted = await AdminApi.ReadAsync<RefreshAccepted>(
            await client.PostAsync("/api/refresh", AdminApi.Json("""{ "reenrich": false }""")), HttpStatusCode.Accepted);
        var nothing = await client.PostAsync("/api/refresh", AdminApi.Json("""{ "reread": false, "reenrich": false, "reanalyse": false }"""));

        Assert.Equal(new RefreshRequest(Reread: true, Reenrich: false, Reanalyse: true), accepted.Scope);
        Assert.Equal(accepted.Scope, Assert.Single(await AdminApi.QueuedCommandsAsync(garnet.Redis)).Refresh);
        await ProblemAssert.IsProblemAsync(nothing, HttpStatusCode.BadRequest, "Nothing to refresh");
    }

    [Fact]
    public async Task AnUnknownRefreshIsNotFound()
    {
        await garnet.FlushAsync();
        await using var factory = AdminApi.Factory(garnet);
        using var client = factory.Teacher();

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/admin/refresh/nope"), HttpStatusCode.NotFound, "No such refresh");
    }

    [Fact]
    public async Task TheClassQuarantineShowsNoNameUnmappedOrHometownValueEvenWhenNamesAreStored()
    {
        await garnet.FlushAsync();
        await IngestAsync(UploadCsv.Good.Replace("\"Volare\"", "\"\"", StringComparison.Ordinal));
        await using var factory = AdminApi.Factory(garnet, SurveySourceKind.Csv, settings: new Dictionary<string, string> { ["Privacy:StoreNames"] = "true" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/quarantine");

        var body = await response.Content.ReadAsStringAsync();
        var page = await AdminApi.ReadAsync<ClassQuarantinePage>(response, HttpStatusCode.OK);
        Assert.Equal(2, page.Total);
        Assert.Equal([2, 4], page.Items.Select(i => i.Row));
        var first = page.Items[0];
        Assert.Contains(first.Reasons, r => r.Contains("song", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Gipsy Kings", first.Fields["Artist"]);
        Assert.Equal("Biology", first.Fields["Major"]);
        Assert.Equal("19", first.Fields["Age"]);
        Assert.Equal(["Age", "Artist", "Major", "Song", "Timestamp", "Year"], first.Fields.Keys.Order(StringComparer.Ordinal));
        foreach (var value in UploadCsv.Identifying.Append("Your name").Append("Student ID").Append("Email address").Append("Hometown"))
        {
            Assert.DoesNotContain(value, body);
            Assert.DoesNotContain(JsonEncodedText.Encode(value).ToString(), body);
        }
    }

    [Fact]
    public async Task TheClassQuarantineShowsOnlyReasonsWhenNoMappingIsKnown()
    {
        await garnet.FlushAsync();
        await new QuarantineStore(garnet.Redis).AddAsync("csv",
            [new QuarantinedRow("r1", 2, new Dictionary<string, string> { ["Song"] = "", ["Email"] = "ana.secret@example.edu" }, ["no song"])]);
        await using var factory = AdminApi.Factory(garnet, SurveySourceKind.Csv);
        using var client = factory.CreateClient();

        var page = await AdminApi.ReadAsync<ClassQuarantinePage>(await client.GetAsync("/api/quarantine"), HttpStatusCode.OK);

        var item = Assert.Single(page.Items);
        Assert.Empty(item.Fields);
        Assert.Equal(["no song"], item.Reasons);
    }

    [Fact]
    public async Task TheTeacherSeesTheRawQuarantinedRows()
    {
        await garnet.FlushAsync();
        await IngestAsync(UploadCsv.Good);
        await using var factory = AdminApi.Factory(garnet, SurveySourceKind.Csv, settings: new Dictionary<string, string> { ["Privacy:StoreNames"] = "true" });
        using var client = factory.Teacher();

        var page = await AdminApi.ReadAsync<AdminQuarantinePage>(await client.GetAsync("/api/admin/quarantine"), HttpStatusCode.OK);

        var row = Assert.Single(page.Items);
        Assert.Equal(4, row.Row);
        Assert.Equal("S-555002", row.Raw["Student ID"]);
        Assert.Equal("Vandermeer-Secret", row.Raw["Last name"]);
    }

    [Fact]
    public async Task PublicAnswersCarryNoNameOrUnmappedValue()
    {
        await garnet.FlushAsync();
        await IngestAsync(UploadCsv.Good);
        await using var factory = AdminApi.Factory(garnet, SurveySourceKind.Csv, settings: new Dictionary<string, string> { ["Privacy:StoreNames"] = "true" });
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/api/status", "/api/responses", "/api/unmatched", "/api/quarantine", "/api/status/ingestion", "/api/data" })
        {
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            foreach (var value in UploadCsv.Identifying)
            {
                Assert.DoesNotContain(value, body);
                Assert.DoesNotContain(JsonEncodedText.Encode(value).ToString(), body);
            }
        }
    }

    [Fact]
    public async Task StatusShowsOnlyThePublicErrorNeverTheDetail()
    {
        await garnet.FlushAsync();
        var statuses = new SourceStatusStore(garnet.Redis);
        await statuses.SetAsync(new SourceStatus { Name = "csv", Kind = "Csv", Error = "The CSV could not be read." });
        await statuses.SetDetailAsync("csv", "Survey:CsvPath '/home/teacher/secret/answers.csv' does not exist");
        await using var factory = AdminApi.Factory(garnet, SurveySourceKind.Csv);
        using var client = factory.CreateClient();

        foreach (var path in new[] { "/api/status", "/api/status/ingestion" })
        {
            var body = await client.GetStringAsync(path);
            Assert.Contains("The CSV could not be read.", body);
            Assert.DoesNotContain("secret", body);
        }
    }

    private Task IngestAsync(string csv) => CsvIngestion.IngestAsync(garnet.Redis, csv, storeNames: true);

    private static async Task<StatusReport> ReadStatusAsync(HttpClient client) =>
        await AdminApi.ReadAsync<StatusReport>(await client.GetAsync("/api/status"), HttpStatusCode.OK);

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }
}
