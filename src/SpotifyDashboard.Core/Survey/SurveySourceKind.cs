namespace SpotifyDashboard.Core.Survey;

/// <summary>Where survey rows come from (<c>Survey:Source</c>).</summary>
public enum SurveySourceKind
{
    Demo,
    GoogleSheet,
    Csv,
}

public static class SurveySourceNames
{
    /// <summary>The name a source's data is stored under, so sources never mix.</summary>
    public static string StorageName(this SurveySourceKind kind) => kind switch
    {
        SurveySourceKind.Demo => "demo",
        SurveySourceKind.GoogleSheet => "sheet",
        SurveySourceKind.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
