namespace SpotifyDashboard.Web.Tests.Infrastructure;

public static class FigureAssert
{
    /// <summary>No user string reached the figure raw (the JSON writer escapes &lt; as \u003C, so look at the values).</summary>
    public static void NoRawMarkup(JsonNode figure)
    {
        foreach (var value in StringsIn(figure))
        {
            Assert.DoesNotContain("<img", value);
            Assert.DoesNotContain("<b>x", value);
            Assert.DoesNotContain("<u>", value);
            Assert.DoesNotContain("Women's", value);
            Assert.DoesNotContain("\"y\"", value);
        }
    }

    public static IEnumerable<string> StringsIn(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => StringsIn(p.Value)),
        JsonArray a => a.SelectMany(StringsIn),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };
}
