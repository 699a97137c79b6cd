using System.Text.Json.Nodes;

namespace SpotifyDashboard.Api.Tests;

/// <summary>
/// The analysis answers as the web reads them: every property's name, casing and kind (null included), and the
/// enums' spellings. A renamed property, a changed casing or a field that stops being null fails here first. Each
/// answer also reads into its contract type and writes back the same JSON: the web, which reads it so, loses nothing.
/// </summary>
public class AnswerShapeTests(DemoAnalysisFixture api) : IClassFixture<DemoAnalysisFixture>
{
    private const string FeaturesShape = """
        .acousticness: number
        .danceability: number
        .durationMs: number
        .energy: number
        .instrumentalness: number
        .key: number
        .liveness: number
        .loudness: number
        .mode: number
        .speechiness: number
        .tempo: number
        .timeSignature: number
        .valence: number
        """;

    [Fact]
    public async Task ClustersKeepTheirShape()
    {
        var clusters = await OkJsonAsync(await api.Client.GetAsync("/api/clusters"));

        AssertReadsBack<ClustersAnswer>(clusters);
        AssertShape("""
            : object
            .autoK: false
            .axes: array
            .axes[]: object
            .axes[].explainedVariance: number
            .axes[].name: string
            .axes[].topFeatures: array
            .axes[].topFeatures[]: object
            .axes[].topFeatures[].feature: string
            .axes[].topFeatures[].weight: number
            .clusters: array
            .clusters[]: object
            .clusters[].id: number
            .clusters[].name: string
            .clusters[].profile: array
            .clusters[].profile[]: object
            .clusters[].profile[].classMean: number
            .clusters[].profile[].clusterMean: number
            .clusters[].profile[].feature: string
            .clusters[].profile[].zScore: number
            .clusters[].size: number
            .excludedRows: number
            .explainedVariance: array
            .explainedVariance[]: number
            .fingerprint: string
            .inertiaPerRow: number
            .k: number
            .points: array
            .points[]: object
            .points[].artist: null
            .points[].cluster: number
            .points[].dnaScore: number
            .points[].id: string
            .points[].label: string
            .points[].major: null
            .points[].song: null
            .points[].student: null
            .points[].x: number
            .points[].y: number
            .points[].z: number
            .points[].year: null
            .silhouette: number
            .source: string
            .trainedAt: string
            .version: number
            .warnings: array
            """, clusters);
    }

    [Fact]
    public async Task TheModelKeepsItsShapeAndItsStateSpelling()
    {
        var model = await OkJsonAsync(await api.Client.GetAsync("/api/model"));

        AssertReadsBack<ModelAnswer>(model);
        Assert.Equal("trained", model.GetProperty("state").GetString());
        AssertShape("""
            : object
            .algorithm: string
            .baselineAccuracy: number
            .baselineBalancedAccuracy: number
            .baselineClass: string
            .classCounts: array
            .classCounts[]: number
            .classes: array
            .classes[]: string
            .confusionMatrix: array
            .confusionMatrix[]: array
            .confusionMatrix[][]: number
            .cvAccuracy: number
            .cvBalancedAccuracy: number
            .excludedRows: array
            .featureImportance: array
            .featureImportance[]: object
            .featureImportance[].accuracyDrop: number
            .featureImportance[].feature: string
            .fingerprint: string
            .folds: number
            .iterations: number
            .labelledRows: number
            .reason: null
            .source: string
            .standardization: array
            .standardization[]: object
            .standardization[].feature: string
            .standardization[].imputedWith: number
            .standardization[].mean: number
            .standardization[].missingCount: number
            .standardization[].note: null
            .standardization[].std: number
            .standardization[].used: true
            .state: string
            .trainedAt: string
            .usedFeatures: array
            .usedFeatures[]: string
            .version: number
            .warnings: array
            """, model);
    }

    [Fact]
    public async Task APredictionKeepsItsShapeAndItsStateSpelling()
    {
        var song = new DemoCatalog(TestSnapshots.DemoSeed).Songs[25];

        var prediction = await OkJsonAsync(await api.Client.PostAsJsonAsync("/api/predict-major", new PredictMajorRequest(song.Title, song.Artist), DashboardJson.Options));

        AssertReadsBack<PredictMajorAnswer>(prediction);
        Assert.Equal("predicted", prediction.GetProperty("state").GetString());
        AssertShape($"""
            : object
            .baselineAccuracy: number
            .confidence: number
            .cvAccuracy: number
            .major: string
            .probabilities: array
            .probabilities[]: object
            .probabilities[].major: string
            .probabilities[].probability: number
            .reason: null
            .song: object
            .song.artist: string
            .song.featureSource: string
            .song.features: object
            {Prefixed(FeaturesShape, ".song.features")}
            .song.title: string
            .song.trackId: string
            .state: string
            .version: number
            """, prediction);
    }

    [Fact]
    public async Task TwinsKeepTheirShape()
    {
        var twins = await OkJsonAsync(await api.Client.GetAsync("/api/twins/demo-000003?k=3"));

        AssertReadsBack<TwinsAnswer>(twins);
        AssertShape($"""
            : object
            .dnaFormula: string
            .k: number
            .responseId: string
            .sameSong: array
            .subject: object
            .subject.artist: string
            .subject.dnaScore: number
            .subject.featureSource: null
            .subject.features: null
            .subject.major: string
            .subject.responseId: string
            .subject.song: string
            .subject.student: null
            .subject.trackId: null
            .twins: array
            .twins[]: object
            .twins[].artist: string
            .twins[].because: array
            .twins[].because[]: object
            .twins[].because[].contribution: number
            .twins[].because[].feature: string
            .twins[].features: null
            .twins[].id: string
            .twins[].label: string
            .twins[].similarity: number
            .twins[].song: string
            .twins[].student: string
            .version: number
            """, twins);
    }

    private static void AssertReadsBack<T>(JsonElement json)
    {
        var read = JsonSerializer.Deserialize<T>(json.GetRawText(), DashboardJson.Options);
        var written = JsonSerializer.SerializeToNode(read, DashboardJson.Options);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json.GetRawText()), written), $"{typeof(T).Name} wrote back:\n{written}");
    }

    private static string Prefixed(string shape, string prefix) =>
        string.Join('\n', shape.Split('\n').Select(line => prefix + line));

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static void AssertShape(string expected, JsonElement json)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        Collect(json, "", lines);
        var actual = lines
            .GroupBy(l => l[..l.LastIndexOf(": ", StringComparison.Ordinal)], StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {string.Join('|', g.Select(l => l[(l.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]))}");
        var wanted = expected.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Order(StringComparer.Ordinal);
        var found = string.Join('\n', actual.Order(StringComparer.Ordinal));
        Assert.True(string.Join('\n', wanted) == found, "The answer's shape is now:\n" + found);
    }

    /// <summary>One line per path and kind; a kind seen in several elements of an array is one line.</summary>
    private static void Collect(JsonElement element, string path, SortedSet<string> lines)
    {
        lines.Add($"{path}: {Kind(element)}");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, $"{path}.{property.Name}", lines);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, path + "[]", lines);
                }

                break;
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };
}
