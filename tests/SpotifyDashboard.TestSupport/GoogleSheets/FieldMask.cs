using System.Text.Json.Nodes;

namespace SpotifyDashboard.TestSupport.GoogleSheets;

/// <summary>
/// A partial-response <c>fields</c> mask (<c>properties(timeZone,locale),sheets.properties(title)</c>): what
/// <c>spreadsheets.get</c> keeps of the spreadsheet.
/// </summary>
public sealed class FieldMask
{
    private readonly Dictionary<string, FieldMask?> _fields = new(StringComparer.Ordinal);

    /// <summary>Null when the mask does not parse.</summary>
    public static FieldMask? Parse(string text)
    {
        var position = 0;
        var mask = ParseList(text, ref position);
        return mask is not null && position == text.Length ? mask : null;
    }

    private static FieldMask? ParseList(string text, ref int position)
    {
        var mask = new FieldMask();
        while (true)
        {
            var start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
            {
                position++;
            }

            if (position == start)
            {
                return null;
            }

            var name = text[start..position];
            FieldMask? sub = null;
            if (position < text.Length && text[position] == '.')
            {
                position++;
                sub = ParseList(text, ref position, single: true);
            }
            else if (position < text.Length && text[position] == '(')
            {
                position++;
                sub = ParseList(text, ref position);
                if (sub is null || position >= text.Length || text[position] != ')')
                {
                    return null;
                }

                position++;
            }

            mask._fields[name] = mask._fields.TryGetValue(name, out var existing) ? Merge(existing, sub) : sub;
            if (position < text.Length && text[position] == ',')
            {
                position++;
                continue;
            }

            return mask;
        }
    }

    private static FieldMask? ParseList(string text, ref int position, bool single)
    {
        // a.b(c) is a(b(c)): one field, then whatever follows it.
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        if (position == start)
        {
            return null;
        }

        var inner = new FieldMask();
        var name = text[start..position];
        FieldMask? sub = null;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            sub = ParseList(text, ref position, single);
        }
        else if (position < text.Length && text[position] == '(')
        {
            position++;
            sub = ParseList(text, ref position);
            if (sub is null || position >= text.Length || text[position] != ')')
            {
                return null;
            }

            position++;
        }

        inner._fields[name] = sub;
        return inner;
    }

    private static FieldMask? Merge(FieldMask? a, FieldMask? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        foreach (var (name, sub) in b._fields)
        {
            a._fields[name] = a._fields.TryGetValue(name, out var existing) ? Merge(existing, sub) : sub;
        }

        return a;
    }

    /// <summary>The parts of <paramref name="node"/> the mask names.</summary>
    public JsonNode? Apply(JsonNode? node) => node switch
    {
        JsonArray array => new JsonArray([.. array.Select(Apply)]),
        JsonObject obj => Pick(obj),
        _ => node?.DeepClone(),
    };

    private JsonObject Pick(JsonObject obj)
    {
        // In the resource's own order, as Google writes them, not the mask's.
        var picked = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (value is not null && _fields.TryGetValue(name, out var sub))
            {
                picked[name] = sub is null ? value.DeepClone() : sub.Apply(value);
            }
        }

        return picked;
    }
}
