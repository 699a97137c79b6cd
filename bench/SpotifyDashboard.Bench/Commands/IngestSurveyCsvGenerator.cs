using System.Globalization;
using System.Text;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// A Forms "Download responses" CSV of any size: question-title headers, BOM, CRLF, quoted commas
/// and quotes, emoji, a multi-line cell now and then, ~3 % unusable rows and ~1 % exact duplicates.
/// Songs come from a list of ten hits sung by any of ten artists, or, with <c>songs</c>, from that many made-up
/// titles each with its own artist (so enrichment has that many songs to look up, not a few hundred).
/// </summary>
public static class SurveyCsvGenerator
{
    private static readonly string[] Songs = ["Despacito", "Bohemian Rhapsody", "Yellow", "Zombie", "Blinding Lights", "Volare", "Halo", "Hey Jude", "Levitating", "Shape of You"];
    private static readonly string[] Artists = ["Luis Fonsi, Daddy Yankee", "Queen", "Coldplay", "The Cranberries", "The Weeknd", "Domenico Modugno", "Beyoncé", "The Beatles", "Dua Lipa", "Ed Sheeran"];
    private static readonly string[] Majors = ["Biology", "Computer Science", "Music", "Physics", "Law", "History", "Economics"];
    private static readonly string[] Years = ["Freshman", "2nd year", "Junior", "senior", "Masters"];
    private static readonly string[] Hours = ["2", "2.5", "2,5", "1-3", "3 hours", "0.5", "4"];
    private static readonly string[] Times = ["Morning", "in the afternoon", "Evening", "late at night", "all the time"];

    /// <param name="UniqueSongs">Distinct (song, artist) cells among the rows with a song, as written (decorations included).</param>
    public sealed record Stats(int Invalid, int Duplicates, int UniqueSongs);

    public static async Task<Stats> WriteAsync(string path, int rows, int seed, int? songs = null)
    {
        var random = new Random(seed);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16) { NewLine = "\r\n" };
        await writer.WriteLineAsync("Timestamp,Your name,How old are you?,What is your major?,What year are you in?,Where are you from (hometown)?,What's your favourite song?,Who is the artist?,How many hours a day do you listen to music?,When do you usually listen to music?");
        var start = new DateTime(2026, 9, 1, 8, 0, 0);
        string? previous = null;
        int invalid = 0, duplicates = 0;
        var uniqueSongs = new HashSet<(string, string)>();
        for (var i = 0; i < rows; i++)
        {
            if (previous is not null && random.NextDouble() < 0.01)
            {
                await writer.WriteLineAsync(previous);
                duplicates++;
                continue;
            }

            var bad = random.NextDouble() < 0.03;
            invalid += bad ? 1 : 0;
            // Drawn in the same order as before the songs option, so the default file is byte for byte the same as then.
            var pick = bad ? 0 : random.Next(songs ?? Songs.Length);
            var title = songs is null ? Songs[pick] : $"Made-up Song {pick}";
            var song = bad ? "" : title + (random.Next(20) == 0 ? " 🎶" : "") + (random.Next(200) == 0 ? "\r\n(live)" : "");
            string[] cells =
            [
                start.AddSeconds(i * 7).ToString("M/d/yyyy H:mm:ss", CultureInfo.InvariantCulture),
                $"Student {random.Next(rows)}",
                random.Next(17, 30).ToString(CultureInfo.InvariantCulture),
                Majors[random.Next(Majors.Length)],
                Years[random.Next(Years.Length)],
                $"City {random.Next(500)}, Country",
                song,
                songs is null ? Artists[random.Next(Artists.Length)] : $"Made-up Artist {pick}",
                Hours[random.Next(Hours.Length)],
                Times[random.Next(Times.Length)],
            ];
            if (!bad)
            {
                uniqueSongs.Add((cells[6], cells[7]));
            }

            previous = string.Join(',', cells.Select(Quote));
            await writer.WriteLineAsync(previous);
        }

        return new Stats(invalid, duplicates, uniqueSongs.Count);
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
