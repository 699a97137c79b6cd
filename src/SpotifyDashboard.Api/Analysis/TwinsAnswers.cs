using SpotifyDashboard.Analysis;
using SpotifyDashboard.Analysis.Twins;
using SpotifyDashboard.Api.Data;
using SpotifyDashboard.Core.Contracts.Dashboard;
using SpotifyDashboard.Core.Music;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Analysis;

/// <summary>Turns the engine's twins into <see cref="TwinsAnswer"/>: the subject and each twin with what a page shows of them.</summary>
public static class TwinsAnswers
{
    public static TwinsAnswer ForResponse(string responseId, int k, ServedAnalysis analysis, ClassTable data, SnapshotPoint point, IReadOnlyList<MusicTwin> twins)
    {
        var item = data.Find(responseId);
        var subject = new TwinSubject(
            responseId,
            item?.Response.Student,
            item?.Response.FavoriteSong ?? "",
            item?.Response.Artist ?? "",
            item is null || string.IsNullOrWhiteSpace(item.Response.Major) ? point.Label : item.Response.Major,
            point.DnaScore,
            item?.Features,
            item?.Track?.Id,
            item?.Track?.FeatureSource);
        return new TwinsAnswer(responseId, k, analysis.Version, subject, Matches(twins, data), DnaScore.Formula);
    }

    public static TwinsAnswer ForSong(int k, ServedAnalysis analysis, ClassTable data, Track track, AudioFeatures features, double dnaScore, IReadOnlyList<MusicTwin> twins)
    {
        var subject = new TwinSubject(null, null, track.Name, string.Join(", ", track.Artists), null, dnaScore, features, track.Id, track.FeatureSource);
        return new TwinsAnswer(null, k, analysis.Version, subject, Matches(twins, data), DnaScore.Formula);
    }

    /// <summary>Each twin with the student, song and features the class data holds for it.</summary>
    public static List<TwinMatch> Matches(IReadOnlyList<MusicTwin> twins, ClassTable data) =>
        [.. twins.Select(twin =>
        {
            var item = data.Find(twin.Id);
            return new TwinMatch(
                twin.Id,
                twin.Label,
                twin.Similarity,
                [.. twin.Because.Select(b => new TwinFeature(b.Feature, b.Contribution))],
                item?.Response.Student ?? "",
                item?.Response.FavoriteSong ?? "",
                item?.Response.Artist ?? "",
                item?.Features);
        })];
}
