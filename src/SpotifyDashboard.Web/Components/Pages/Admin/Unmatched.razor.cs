using System.Text.RegularExpressions;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// Songs no track was found for. The teacher maps one to a Spotify track; the api stores the override and puts the song's
/// answers back to pending, and the page follows them (on each <c>responses-enriched</c>) until none is pending.
/// </summary>
public partial class Unmatched
{
    private readonly Dictionary<string, string?> _tracks = [];
    private readonly Dictionary<string, string> _errors = [];
    private readonly Dictionary<string, Mapping> _mappings = [];
    private UnmatchedReport? _report;
    private ApiProblem? _problem;
    private bool _busy;

    [Inject]
    public required DashboardApiClient Api { get; init; }

    protected override string[] LiveEvents => [StoreEvent.ResponsesEnriched, StoreEvent.ResponseAdded];

    protected override async Task LoadAsync()
    {
        var report = await Admin.GetUnmatchedAsync();
        _problem = report.Problem;
        _report = report.Value ?? _report;
        foreach (var song in _report?.Items ?? [])
        {
            _tracks.TryAdd(song.SongKey, null);
        }

        foreach (var mapping in _mappings.Values.Where(m => !m.Done))
        {
            await CountAsync(mapping);
        }
    }

    private async Task MapAsync(UnmatchedSong song)
    {
        _errors.Remove(song.SongKey);
        var track = _tracks.GetValueOrDefault(song.SongKey)?.Trim();
        if (!SpotifyTrack.LooksLikeTrack(track))
        {
            _errors[song.SongKey] = "Paste a Spotify track link (open.spotify.com/track/…), a spotify:track: URI or the 22-character id.";
            return;
        }

        _busy = true;
        var result = await Admin.MapSongAsync(new OverrideRequest(song.SongKey, null, null, track));
        _busy = false;
        if (result.Value is not { } accepted)
        {
            _errors[song.SongKey] = result.Problem is { } p ? $"{p.Title}{(p.Detail is null ? "" : ": " + p.Detail)}" : "The api did not take it.";
            return;
        }

        var mapping = new Mapping(accepted.SongKey, song.Song, song.Artist, accepted.TrackId) { Requeued = accepted.Requeued, Pending = accepted.Requeued };
        _mappings[accepted.SongKey] = mapping;
        await LoadAsync();
    }

    /// <summary>
    /// Counts the song's answers by enrichment state (the same song and artist only), from <c>/api/responses</c>: the api
    /// reads its copy of the class again when it takes the override, and before it relays each <c>responses-enriched</c>,
    /// so every count follows the worker (the page polls as well while the event stream is down).
    /// </summary>
    private async Task CountAsync(Mapping mapping)
    {
        const int pageSize = 500;
        var rows = new List<ResponseItem>();
        try
        {
            for (var offset = 0; ; offset += pageSize)
            {
                var page = await Api.GetResponsesAsync(pageSize, offset);
                rows.AddRange(page.Items.Where(r => Same(r.Song, mapping.Song) && Same(r.Artist, mapping.Artist)));
                if (page.Items.Count < pageSize || offset + pageSize >= page.Total)
                {
                    break;
                }
            }
        }
        catch (HttpRequestException)
        {
            // The api cannot be reached now: keep the last counts; the next event or the fallback timer asks again.
            return;
        }

        mapping.Pending = rows.Count(r => r.Enrichment == EnrichmentState.Pending);
        mapping.Enriched = rows.Count(r => r.Enrichment == EnrichmentState.Enriched);
        mapping.Unmatched = rows.Count(r => r.Enrichment == EnrichmentState.Unmatched);
        mapping.Requeued = Math.Max(mapping.Requeued, rows.Count);
        mapping.Done = mapping.Pending == 0;
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private sealed record Mapping(string SongKey, string Song, string Artist, string TrackId)
    {
        public int Requeued { get; set; }
        public int Pending { get; set; }
        public int Enriched { get; set; }
        public int Unmatched { get; set; }
        public bool Done { get; set; }
    }
}

/// <summary>What the teacher may paste as a track: a link, a URI or a bare id. The api checks it again.</summary>
public static partial class SpotifyTrack
{
    public static bool LooksLikeTrack(string? value) => value is { Length: > 0 } && Pattern().IsMatch(value);

    [GeneratedRegex(@"^(?:https://open\.spotify\.com/(?:intl-[a-z]{2}(?:-[a-z]{2})?/)?track/[A-Za-z0-9]{22}(?:[?#].*)?|spotify:track:[A-Za-z0-9]{22}|[A-Za-z0-9]{22})$")]
    private static partial Regex Pattern();
}
