using SpotifyDashboard.Core.Music;

namespace SpotifyDashboard.Core.Contracts.Dashboard;

/// <summary>
/// <c>GET /api/twins/{responseId}</c> and <c>POST /api/twins</c>: whom a taste is most like. <see cref="Subject"/>
/// is the student (or the typed song) the twins are for; <see cref="DnaFormula"/> says how its Music DNA score is made.
/// The twins each have a song of their own; classmates who chose the subject's very song are <see cref="SameSong"/>.
/// </summary>
public sealed record TwinsAnswer(
    string? ResponseId,
    int K,
    long Version,
    TwinSubject Subject,
    IReadOnlyList<TwinMatch> Twins,
    IReadOnlyList<SameSongPeer> SameSong,
    string DnaFormula);

/// <summary>A classmate who chose the same song as the subject (by its pseudonym).</summary>
public sealed record SameSongPeer(string Id, string Student);

/// <summary>
/// Who or what the twins are for. For a typed song <see cref="ResponseId"/> and <see cref="Student"/> are null and
/// <see cref="DnaScore"/> places the song among the class's answers.
/// </summary>
public sealed record TwinSubject(
    string? ResponseId,
    string? Student,
    string Song,
    string Artist,
    string? Major,
    double DnaScore,
    AudioFeatures? Features,
    string? TrackId,
    string? FeatureSource);

/// <summary>
/// One twin, best first. <see cref="Id"/>, <see cref="Label"/> (the major), <see cref="Similarity"/> (cosine, −1..1) and
/// <see cref="Because"/> (the three features adding most to it) are the engine's; the rest is the response's, for display.
/// </summary>
public sealed record TwinMatch(
    string Id,
    string? Label,
    double Similarity,
    IReadOnlyList<TwinFeature> Because,
    string Student,
    string Song,
    string Artist,
    AudioFeatures? Features);

public sealed record TwinFeature(string Feature, double Contribution);

/// <summary>The body of <c>POST /api/twins</c>: any song, compared with the class without being added to it.</summary>
public sealed record TwinsRequest(string? Song, string? Artist, int? K);
