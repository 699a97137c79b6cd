using System.Globalization;
using System.Text;

namespace SpotifyDashboard.TestSupport;

/// <summary>One line of a Prometheus text-format scrape: <c>name{label="value",…} 1.5</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? this[string label] => Labels.GetValueOrDefault(label);

    /// <summary>Every sample of a scrape; comments (<c># HELP</c>, <c># TYPE</c>) and blank lines are skipped.</summary>
    public static IReadOnlyList<PrometheusSample> Parse(string scrape) =>
        [.. scrape.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0 && line[0] != '#').Select(ParseLine)];

    private static PrometheusSample ParseLine(string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var nameEnd = line.IndexOfAny(['{', ' ']);
        var name = line[..nameEnd];
        var rest = nameEnd;
        if (line[nameEnd] == '{')
        {
            rest = ReadLabels(line, nameEnd + 1, labels);
        }

        var value = line[rest..].Trim().Split(' ')[0];
        return new PrometheusSample(name, labels, value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(value, CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Reads <c>k="v",…}</c> from <paramref name="at"/>; returns the index after the closing brace.</summary>
    private static int ReadLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (line[at] != '}')
        {
            var equals = line.IndexOf('=', at);
            var key = line[at..equals].TrimStart(',');
            var value = new StringBuilder();
            var i = equals + 2; // past ="
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[key] = value.ToString();
            at = i + 1;
            if (line[at] == ',')
            {
                at++;
            }
        }

        return at + 1;
    }
}
