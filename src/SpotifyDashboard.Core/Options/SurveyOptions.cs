using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Core.Options;

/// <summary>The <c>Survey</c> section: which source feeds the app.</summary>
public sealed class SurveyOptions
{
    public const string SectionName = "Survey";

    /// <summary>Demo (default), GoogleSheet or Csv.</summary>
    public SurveySourceKind Source { get; set; } = SurveySourceKind.Demo;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
