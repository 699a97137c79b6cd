using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Options;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Apis;

/// <summary>The api serves only the configured source's data, so sources never mix.</summary>
public static class ActiveSource
{
    public static string StorageName(this IOptions<SurveyOptions> options) => options.Value.Source.StorageName();
}
