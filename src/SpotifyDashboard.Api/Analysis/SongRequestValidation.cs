using SpotifyDashboard.Core.Contracts.Dashboard;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>The checks of a typed song (<c>POST /api/predict-major</c>, <c>POST /api/twins</c>): errors by field, none when it is fine.</summary>
public static class SongRequestValidation
{
    public const int MaxLength = 200;

    public static Dictionary<string, string[]> Validate(this PredictMajorRequest request) =>
        SongErrors(request.Song, request.Artist, "predict a major for");

    /// <summary>The song's checks plus the number of twins.</summary>
    public static Dictionary<string, string[]> Validate(this TwinsRequest request, int maxTwins)
    {
        var errors = SongErrors(request.Song, request.Artist, "find twins for");
        if (request.K is < 1 || request.K > maxTwins)
        {
            errors["k"] = [$"k must be a whole number from 1 to {maxTwins}; got '{request.K}'."];
        }

        return errors;
    }

    private static Dictionary<string, string[]> SongErrors(string? song, string? artist, string purpose)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(song))
        {
            errors["song"] = [$"song is required: the title of the song to {purpose}."];
        }
        else if (song.Length > MaxLength)
        {
            errors["song"] = [$"song must be at most {MaxLength} characters."];
        }

        if (artist is { Length: > MaxLength })
        {
            errors["artist"] = [$"artist must be at most {MaxLength} characters."];
        }

        return errors;
    }
}
