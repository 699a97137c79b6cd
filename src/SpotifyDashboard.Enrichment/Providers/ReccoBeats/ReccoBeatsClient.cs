using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Enrichment.Lookup;
using SpotifyDashboard.Enrichment.Telemetry;

namespace SpotifyDashboard.Enrichment.Providers.ReccoBeats;

/// <summary>
/// Audio features from ReccoBeats for up to 40 Spotify ids per request. It leaves out the ids it does not know and
/// answers in its own order, so rows are matched by the Spotify id in their <c>href</c>. A request it refuses (400,
/// 404…) is about the ids, not an outage: the batch is halved until the refused ids are alone, and those are answered
/// as refused while the others get their features.
/// </summary>
public sealed class ReccoBeatsClient(IHttpClientFactory httpClients, ProviderStatusRegistry registry, EnrichmentTelemetry telemetry)
{
    public const int MaxIdsPerRequest = 40;

    public async Task<ReccoBeatsAnswer> GetAudioFeaturesAsync(IReadOnlyList<string> spotifyIds, CancellationToken cancellationToken)
    {
        if (spotifyIds.Count is 0 or > MaxIdsPerRequest)
        {
            throw new ArgumentOutOfRangeException(nameof(spotifyIds), spotifyIds.Count, $"1 to {MaxIdsPerRequest} ids per request");
        }

        var answer = new ReccoBeatsAnswer(new Dictionary<string, AudioFeatures>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
        await FetchAsync(httpClients.CreateClient(ProviderNames.ReccoBeats), [.. spotifyIds.Distinct(StringComparer.Ordinal)], answer, cancellationToken);
        return answer;
    }

    private async Task FetchAsync(HttpClient client, string[] ids, ReccoBeatsAnswer answer, CancellationToken cancellationToken)
    {
        var path = $"audio-features?ids={string.Join(',', ids.Select(Uri.EscapeDataString))}";
        using var response = await client.GetAsync(path, cancellationToken);
        if (SongRefusedException.IsRefusal(response.StatusCode))
        {
            if (ids.Length == 1)
            {
                answer.Refused[ids[0]] = EnrichmentReasons.FeaturesRefused(ids[0], (int)response.StatusCode, response.ReasonPhrase);
                return;
            }

            // One at a time would cost 40 requests for one bad id; halving costs about 2·log2(40) ≈ 11.
            var half = ids.Length / 2;
            await FetchAsync(client, ids[..half], answer, cancellationToken);
            await FetchAsync(client, ids[half..], answer, cancellationToken);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw UpstreamJson.Failure(ProviderNames.ReccoBeats, $"http-{status}", $"{ProviderNames.ReccoBeats} answered {status}", registry, telemetry);
        }

        var body = await UpstreamJson.ReadAsync<ReccoBeatsFeaturesResponse>(response, ProviderNames.ReccoBeats, registry, telemetry, cancellationToken);

        var asked = ids.ToHashSet(StringComparer.Ordinal);
        foreach (var item in body?.Content ?? [])
        {
            // A row for an id not asked about (another spelling, a stray) would put features on the wrong track.
            if (item?.SpotifyId() is { } id && asked.Contains(id))
            {
                answer.Features.TryAdd(id, item.ToFeatures());
            }
        }
    }
}

/// <summary>
/// What ReccoBeats said about a request's ids: the features it has, and why it refused the ids it would not look up.
/// An id in neither is one it does not know.
/// </summary>
public sealed record ReccoBeatsAnswer(Dictionary<string, AudioFeatures> Features, Dictionary<string, string> Refused);
