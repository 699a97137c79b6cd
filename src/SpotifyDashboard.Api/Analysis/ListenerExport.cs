using System.Text.Json.Nodes;
using SpotifyDashboard.Enrichment.Songs;
using SpotifyDashboard.Ingestion.Reading;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>
/// What a listener's own export file names, read in memory and never kept: a playlist CSV as Exportify writes it, or a
/// file of Spotify's "Download your data" (<c>StreamingHistory*.json</c>, the extended <c>Streaming_History_Audio_*.json</c>,
/// <c>YourLibrary.json</c>). Tracks with a Spotify id are compared by id (the 50 most played, or the first 50); a file with
/// only titles gives its 10 most played songs, resolved as typed songs are.
/// </summary>
public sealed record ListenerExport(string Kind, int Entries, IReadOnlyList<string> TrackIds, IReadOnlyList<CompareSong> Songs)
{
    /// <summary>What was read, in the listener's words.</summary>
    public string Summary => TrackIds.Count > 0
        ? $"{Kind}: {Entries} entries, compared by their {TrackIds.Count} {(Entries > TrackIds.Count ? "most played or first " : "")}tracks."
        : $"{Kind}: {Entries} entries, compared by the {Songs.Count} songs played most.";

    /// <summary>The file's tracks or songs; a <see cref="ListenerExportException"/> says why a file cannot be read.</summary>
    public static async Task<ListenerExport> ReadAsync(byte[] file, CancellationToken cancellationToken)
    {
        var start = file.AsSpan().TrimStart("\uFEFF"u8).TrimStart(" \t\r\n"u8);
        if (start.IsEmpty)
        {
            throw new ListenerExportException("The file is empty.");
        }

        return start[0] is (byte)'[' or (byte)'{' ? FromJson(file) : await FromCsvAsync(file, cancellationToken);
    }

    private static ListenerExport FromJson(byte[] file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(file, documentOptions: new() { AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            throw new ListenerExportException("The file starts like JSON but is not valid JSON. Upload the file as Spotify sent it.");
        }

        if (root is JsonObject library && library["tracks"] is JsonArray libraryTracks)
        {
            var plays = libraryTracks.OfType<JsonObject>()
                .Select(t => new Play(Text(t, "uri"), Text(t, "track"), Text(t, "artist"), 0)).ToList();
            return Choose("Your library (YourLibrary.json)", plays);
        }

        if (root is JsonArray entries && entries.OfType<JsonObject>().ToList() is { Count: > 0 } items)
        {
            if (items.Any(i => i.ContainsKey("master_metadata_track_name") || i.ContainsKey("spotify_track_uri")))
            {
                return Choose("Extended streaming history", [.. items.Select(i => new Play(
                    Text(i, "spotify_track_uri"), Text(i, "master_metadata_track_name"), Text(i, "master_metadata_album_artist_name"), Number(i, "ms_played")))]);
            }

            if (items.Any(i => i.ContainsKey("trackName")))
            {
                return Choose("Streaming history", [.. items.Select(i => new Play(null, Text(i, "trackName"), Text(i, "artistName"), Number(i, "msPlayed")))]);
            }
        }

        throw new ListenerExportException(
            "This JSON file is not one the page knows: use StreamingHistory_music_*.json, Streaming_History_Audio_*.json or YourLibrary.json from Spotify's \"Download your data\".");
    }

    private static async Task<ListenerExport> FromCsvAsync(byte[] file, CancellationToken cancellationToken)
    {
        SurveyTable table;
        try
        {
            table = await CsvTableParser.ParseAsync(new MemoryStream(file, writable: false), cancellationToken);
        }
        catch (Exception ex) when (ex is SurveySourceException or CsvHelper.CsvFormatException or CsvHelper.CsvValidationException or InvalidDataException)
        {
            throw new ListenerExportException("The file is neither JSON nor a readable CSV. Upload a playlist CSV (as Exportify writes it) or a JSON file from Spotify's \"Download your data\".");
        }

        var headers = table.Headers.Select(h => h.Trim()).ToList();
        int Column(params string[] names) =>
            names.Select(n => headers.FindIndex(h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(i => i >= 0, -1);
        var (uri, title, artist) = (Column("Track URI", "Spotify ID", "Track ID", "URI"), Column("Track Name", "Name", "Title", "Song"), Column("Artist Name(s)", "Artist Name", "Artist", "Artists"));
        if (uri < 0 && title < 0)
        {
            throw new ListenerExportException(
                $"The CSV has no \"Track URI\" or \"Track Name\" column (its columns: {string.Join(", ", table.Headers.Take(8))}). Export the playlist with Exportify, or keep those columns.");
        }

        string? Cell(SurveyRow row, int column) => column >= 0 && column < row.Cells.Count ? row.Cells[column] : null;
        return Choose("Playlist CSV", [.. table.Rows.Select(r => new Play(Cell(r, uri), Cell(r, title), Cell(r, artist), 0))]);
    }

    private static ListenerExport Choose(string kind, List<Play> plays)
    {
        if (plays.Count == 0)
        {
            throw new ListenerExportException($"The file ({kind}) holds no tracks.");
        }

        // The most played first; a file without play times keeps its own order (OrderBy is stable).
        var ids = plays.Select(p => (Id: SpotifyTrackId.TryParse(p.Uri, out var id) ? id : null, p.Played))
            .Where(p => p.Id is not null)
            .GroupBy(p => p.Id!, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Played: g.Sum(p => p.Played)))
            .OrderByDescending(p => p.Played)
            .Take(CompareLimits.MaxTrackIds)
            .Select(p => p.Id)
            .ToList();
        if (ids.Count > 0)
        {
            return new ListenerExport(kind, plays.Count, ids, []);
        }

        var songs = plays.Where(p => !string.IsNullOrWhiteSpace(p.Title))
            .GroupBy(p => (Title: p.Title!.Trim(), Artist: p.Artist?.Trim() ?? ""))
            .Select(g => (g.Key, Played: g.Sum(p => p.Played)))
            .OrderByDescending(p => p.Played)
            .Take(CompareLimits.MaxSongs)
            .Select(p => new CompareSong(Cut(p.Key.Title), p.Key.Artist.Length == 0 ? null : Cut(p.Key.Artist)))
            .ToList();
        return songs.Count > 0
            ? new ListenerExport(kind, plays.Count, [], songs)
            : throw new ListenerExportException($"The file ({kind}) names no track: no Spotify track id and no title in its {plays.Count} entries.");
    }

    private static string Cut(string text) => text.Length > RequestValidation.MaxLength ? text[..RequestValidation.MaxLength] : text;

    private static string? Text(JsonObject item, string name) => item[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long Number(JsonObject item, string name) => item[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : 0;

    private sealed record Play(string? Uri, string? Title, string? Artist, long Played);
}

/// <summary>A listener's file that cannot be read, with the reason in the listener's words.</summary>
public sealed class ListenerExportException(string message) : Exception(message);
