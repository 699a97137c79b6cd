using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpotifyDashboard.CacheHost;

/// <summary>
/// The memory sizes Garnet runs with. Small ones (1 MB index, 1 MB log pages, 8 MB of 4 MB append-only-file pages)
/// keep the cache host ≈ 50 MB smaller at 10,000 answers than Garnet's own (128 MB index, 16 MB pages, 64 MB of 32 MB
/// AOF pages), and hold far more than a class: values are kept beside the log, so a 48 MB one still fits
/// (GarnetBigValueTests). But a data folder recovers only with the sizes that wrote it (a folder written for hours with
/// 16 MB pages did not recover with 1 MB ones), so the sizes are fixed per folder: a new folder gets the small ones and
/// a <see cref="MarkerFile"/> saying so; a folder with data and no marker was written with Garnet's own and keeps them.
/// </summary>
public static partial class GarnetSizes
{
    public const string MarkerFile = "spotifydashboard-garnet-sizes.json";

    /// <summary>What a new data folder, or a cache without one, gets.</summary>
    public static IReadOnlyList<string> Small { get; } = ["--index", "1m", "--page", "1m", "--aof-page-size", "4m", "--aof-memory", "8m"];

    /// <summary>Garnet's own sizes: no arguments.</summary>
    public static IReadOnlyList<string> GarnetDefaults { get; } = [];

    /// <summary>The options a marker may set; anything else in it is refused rather than passed to Garnet.</summary>
    private static readonly HashSet<string> SizeOptions = new(StringComparer.Ordinal) { "--index", "--page", "--aof-page-size", "--aof-memory" };

    /// <summary>
    /// The sizes for <paramref name="dataPath"/>: the marker's, else Garnet's own when the folder already holds data,
    /// else the small ones, written down first. Creates the folder when missing.
    /// </summary>
    public static IReadOnlyList<string> ForDataFolder(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        var marker = Path.Combine(dataPath, MarkerFile);
        if (File.Exists(marker))
        {
            return Read(marker);
        }

        if (Directory.EnumerateFileSystemEntries(dataPath).Any())
        {
            return GarnetDefaults;
        }

        // Written before Garnet starts, so a crash in between leaves a marker and no data: the next start agrees.
        File.WriteAllText(marker, JsonSerializer.Serialize(new Marker([.. Small])));
        return Small;
    }

    private static string[] Read(string marker)
    {
        Marker? read;
        try
        {
            read = JsonSerializer.Deserialize<Marker>(File.ReadAllText(marker));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{marker} is not the JSON this app writes ({ex.Message}). Restore it, or move the data folder away to start empty.", ex);
        }

        var arguments = read?.Arguments ?? [];
        if (arguments.Length % 2 != 0
            || !arguments.Where((_, i) => i % 2 == 0).All(SizeOptions.Contains)
            || !arguments.Where((_, i) => i % 2 == 1).All(value => SizeValue().IsMatch(value)))
        {
            throw new InvalidDataException(
                $"{marker} must list pairs of {string.Join(", ", SizeOptions)} and sizes such as 4m; it has: {string.Join(' ', arguments)}");
        }

        return arguments;
    }

    [GeneratedRegex("^[0-9]{1,6}[kmg]$")]
    private static partial Regex SizeValue();

    private sealed record Marker(string[] Arguments);
}
