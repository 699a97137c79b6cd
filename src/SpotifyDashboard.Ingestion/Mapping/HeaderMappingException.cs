using SpotifyDashboard.Core.Survey;
namespace SpotifyDashboard.Ingestion.Mapping;

/// <summary>A required column is missing: the source is not read at all rather than half-parsed.</summary>
public sealed class HeaderMappingException(IReadOnlyList<SurveyField> missing, IReadOnlyList<string> headersSeen)
    : Exception(
        $"No column for {string.Join(", ", missing)} ({string.Join("; ", missing.Select(Hint))}). " +
        $"Headers seen: {string.Join(" | ", headersSeen.Select(h => $"\"{h}\""))}.")
{
    /// <summary>For the public status: which fields and how to fix it, without the headers of the source.</summary>
    public string PublicMessage =>
        $"No column for {string.Join(", ", missing)}: rename the question or set Survey:Columns:{missing[0]} to its header.";

    public IReadOnlyList<SurveyField> Missing => missing;

    public IReadOnlyList<string> HeadersSeen => headersSeen;

    private static string Hint(SurveyField field) =>
        $"name it e.g. \"{BuiltInAliases.All[field][0]}\" or set Survey:Columns:{field} to its header";
}
