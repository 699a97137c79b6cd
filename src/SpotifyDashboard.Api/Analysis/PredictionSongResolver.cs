using SpotifyDashboard.Api.Limits;
using SpotifyDashboard.Api.Sources;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Lookup;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// Finds the audio features of a song someone asks about: from the demo catalogue in demo mode (its
/// songs are fictional, no provider knows them), otherwise through the enrichment's cached lookup, one of few at a
/// time (<see cref="UpstreamLookupGate"/>), with a miss remembered only briefly: whoever asks is anonymous.
/// </summary>
public sealed class PredictionSongResolver(ActiveSource activeSource, DemoSongIndex demo, UpstreamLookupGate gate, IServiceProvider services)
{
    public const string LookupNotConfigured =
        "Song lookup is not set up in the api (the enrichment services are not registered), so songs outside the survey cannot be enriched.";

    public async Task<SongOutcome> ResolveAsync(string title, string? artist, CancellationToken cancellationToken = default)
    {
        if ((await activeSource.GetAsync(cancellationToken)).Kind == SurveySourceKind.Demo)
        {
            return demo.Find(title, artist) is { } song
                ? SongOutcome.Found(song.ToTrack(), song.Features)
                : SongOutcome.Unmatched("Demo mode knows only its fictional catalogue, and no song there has this title and artist; GET /api/responses shows some.");
        }

        // The lookup lives in the enrichment library; the api may run without it.
        var lookup = services.GetService<ISongFeatureLookup>();
        if (lookup is null)
        {
            return SongOutcome.Deferred(LookupNotConfigured);
        }

        using var slot = await gate.EnterAsync(cancellationToken);
        return slot is null
            ? SongOutcome.Deferred(UpstreamLookupGate.Busy)
            : await lookup.LookupForVisitorAsync(title, artist ?? "", cancellationToken);
    }
}
