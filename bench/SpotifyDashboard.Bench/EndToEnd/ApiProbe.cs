using System.Text.Json;

namespace SpotifyDashboard.Bench.EndToEnd;

/// <summary>What the api says about the class (<c>/api/status</c> and <c>/api/overview</c>), read as a user of it would.</summary>
public sealed class ApiProbe(HttpClient http, string apiUrl)
{
    /// <summary>Counts over every stored answer (superseded ones included) and the source's read counts; null while the api does not answer.</summary>
    public async Task<StatusCounts?> StatusAsync()
    {
        using var json = await GetAsync("/api/status");
        if (json is null)
        {
            return null;
        }

        var root = json.RootElement;
        var source = root.GetProperty("sources").EnumerateArray().FirstOrDefault();
        var enrichment = root.GetProperty("enrichment");
        return new StatusCounts(
            source.ValueKind == JsonValueKind.Object ? source.GetProperty("rowsRead").GetInt64() : 0,
            source.ValueKind == JsonValueKind.Object ? source.GetProperty("accepted").GetInt64() : 0,
            source.ValueKind == JsonValueKind.Object ? source.GetProperty("quarantined").GetInt64() : 0,
            source.ValueKind == JsonValueKind.Object ? source.GetProperty("duplicates").GetInt64() : 0,
            root.GetProperty("responses").GetInt64(),
            enrichment.GetProperty("enriched").GetInt64(),
            enrichment.GetProperty("pending").GetInt64(),
            enrichment.GetProperty("unmatched").GetInt64());
    }

    /// <summary>Counts over the current answers (each student's latest) and how many rows the served analysis holds.</summary>
    public async Task<OverviewCounts?> OverviewAsync()
    {
        using var json = await GetAsync("/api/overview");
        if (json is null)
        {
            return null;
        }

        var root = json.RootElement;
        var analysis = root.GetProperty("analysis");
        return new OverviewCounts(
            root.GetProperty("responses").GetInt64(),
            root.GetProperty("students").GetInt64(),
            root.GetProperty("enriched").GetInt64(),
            root.GetProperty("pending").GetInt64(),
            root.GetProperty("unmatched").GetInt64(),
            analysis.ValueKind == JsonValueKind.Object ? analysis.GetProperty("analysedRows").GetInt32() : null);
    }

    /// <summary>The points <c>/api/clusters</c> serves and the size of that answer.</summary>
    public async Task<(int Points, long Bytes)> ClustersAsync()
    {
        var body = await http.GetByteArrayAsync(apiUrl + "/api/clusters");
        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("points").GetArrayLength(), body.LongLength);
    }

    private async Task<JsonDocument?> GetAsync(string path)
    {
        try
        {
            using var response = await http.GetAsync(apiUrl + path);
            return response.IsSuccessStatusCode ? JsonDocument.Parse(await response.Content.ReadAsStreamAsync()) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}

public sealed record StatusCounts(long RowsRead, long Accepted, long Quarantined, long Duplicates, long Stored, long Enriched, long Pending, long Unmatched);

/// <param name="Stored">Every stored answer; <paramref name="Current"/> the students' latest ones, which the other counts are over.</param>
public sealed record OverviewCounts(long Stored, long Current, long Enriched, long Pending, long Unmatched, int? AnalysedRows);
