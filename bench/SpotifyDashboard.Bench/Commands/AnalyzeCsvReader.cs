using System.Globalization;
using System.Text;
using SpotifyDashboard.Analysis;
using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Bench.Commands;

/// <summary>
/// Reads any CSV with a header row into analysis rows: feature columns are matched by their Spotify
/// names (those of the 13 that are present; the rest stay missing), the label by the given column, the id
/// by <c>track_id</c>/<c>id</c> or else the row number. Quoted fields (commas, quotes, newlines) follow RFC 4180.
/// </summary>
internal static class AnalyzeCsvReader
{
    public static List<AnalysisRow> Read(string path, string? labelColumn)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        var header = ReadRecord(reader) ?? throw new InvalidDataException($"{path} is empty.");
        var index = header.Select((h, i) => (h: h.Trim(), i)).GroupBy(p => p.h, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().i, StringComparer.OrdinalIgnoreCase);
        var featureColumns = AudioFeatures.Names.Select(n => index.TryGetValue(n, out var i) ? i : -1).ToArray();
        if (featureColumns.All(i => i < 0))
        {
            throw new InvalidDataException($"{path} has none of the feature columns ({string.Join(", ", AudioFeatures.Names)}).");
        }

        var labelIndex = -1;
        if (labelColumn is not null && !index.TryGetValue(labelColumn, out labelIndex))
        {
            throw new InvalidDataException($"{path} has no column '{labelColumn}'.");
        }

        var idIndex = index.TryGetValue("track_id", out var t) ? t : index.TryGetValue("id", out var id) ? id : -1;
        var rows = new List<AnalysisRow>();
        var line = 0;
        while (ReadRecord(reader) is { } record)
        {
            line++;
            if (record.Length == 1 && string.IsNullOrWhiteSpace(record[0]))
            {
                continue;
            }

            double Get(int feature) => featureColumns[feature] >= 0 && featureColumns[feature] < record.Length
                && double.TryParse(record[featureColumns[feature]], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
            double? Nullable(int feature) => Get(feature) is var v && double.IsNaN(v) ? null : v;
            int? Integer(int feature) => Nullable(feature) is { } v && double.IsFinite(v) ? (int)Math.Round(v) : null;

            var features = new AudioFeatures
            {
                Danceability = Nullable(0),
                Energy = Nullable(1),
                Key = Integer(2),
                Loudness = Nullable(3),
                Mode = Integer(4),
                Speechiness = Nullable(5),
                Acousticness = Nullable(6),
                Instrumentalness = Nullable(7),
                Liveness = Nullable(8),
                Valence = Nullable(9),
                Tempo = Nullable(10),
                DurationMs = Integer(11),
                TimeSignature = Integer(12),
            };
            var rowId = idIndex >= 0 && idIndex < record.Length && record[idIndex].Length > 0 ? record[idIndex] : $"row-{line}";
            var label = labelIndex >= 0 && labelIndex < record.Length ? record[labelIndex] : null;
            rows.Add(new AnalysisRow($"{rowId}#{line}", label, features));
        }

        return rows;
    }

    private static string[]? ReadRecord(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (!any)
                {
                    return null;
                }

                fields.Add(field.ToString());
                return [.. fields];
            }

            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString());
                return [.. fields];
            }
            else if (ch != '\r')
            {
                field.Append(ch);
            }
        }
    }
}
