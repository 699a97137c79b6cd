namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// Cuts a quarantined row down to what the class may see. A raw row holds every column of the form, including ones
/// the app never asked for (student id, last name, e-mail) and, with <c>Privacy:StoreNames=true</c>, the name itself;
/// only the columns mapped to a non-identifying field are kept.
/// </summary>
public static class QuarantineFields
{
    /// <summary>Name and hometown are left out: a name identifies a student, a hometown nearly does in a small class.</summary>
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Timestamp", "Song", "Artist", "Major", "Year", "Age", "HoursPerDay", "ListeningTime",
    };

    public static ClassQuarantineItem ForClass(QuarantinedRow row, SourceColumns? columns)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (columns is not null)
        {
            var keys = RawKeys(columns.HeadersSeen);
            foreach (var match in columns.Matches)
            {
                if (Shown.Contains(match.Field)
                    && match.Column >= 0 && match.Column < keys.Count
                    && row.Raw.TryGetValue(keys[match.Column], out var value))
                {
                    fields[match.Field] = value;
                }
            }
        }

        return new ClassQuarantineItem(row.Row, fields, row.Reasons);
    }

    /// <summary>
    /// The key of each column in <see cref="QuarantinedRow.Raw"/>, as the ingestor makes them: the header, "Column n"
    /// for an empty one, " (2)", " (3)" … after a repeated one.
    /// </summary>
    private static List<string> RawKeys(IReadOnlyList<string> headers)
    {
        var keys = new List<string>(headers.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Length > 0 ? headers[i] : $"Column {i + 1}";
            var key = header;
            for (var n = 2; !taken.Add(key); n++)
            {
                key = $"{header} ({n})";
            }

            keys.Add(key);
        }

        return keys;
    }
}
