namespace SpotifyDashboard.Core.Demo;

/// <summary>
/// How a demo genre sounds: a mean and spread for each continuous audio feature. The demo
/// catalogue draws its songs from these, so the genres form real clusters in feature space.
/// </summary>
public sealed record GenreProfile(
    string Genre,
    (double Mean, double Sd) Danceability,
    (double Mean, double Sd) Energy,
    (double Mean, double Sd) Loudness,
    (double Mean, double Sd) Speechiness,
    (double Mean, double Sd) Acousticness,
    (double Mean, double Sd) Instrumentalness,
    (double Mean, double Sd) Liveness,
    (double Mean, double Sd) Valence,
    (double Mean, double Sd) Tempo,
    (double Mean, double Sd) DurationSeconds,
    double MajorModeProbability,
    double WaltzProbability)
{
    public static IReadOnlyList<GenreProfile> All { get; } =
    [
        new("Pop", (0.70, 0.08), (0.68, 0.10), (-5.5, 1.5), (0.07, 0.03), (0.15, 0.10), (0.01, 0.02), (0.15, 0.06), (0.62, 0.15), (118, 14), (205, 25), 0.65, 0.03),
        new("Rock", (0.48, 0.10), (0.83, 0.09), (-5.0, 1.8), (0.05, 0.02), (0.08, 0.08), (0.06, 0.08), (0.21, 0.09), (0.50, 0.18), (132, 20), (240, 35), 0.70, 0.05),
        new("Hip-Hop", (0.79, 0.08), (0.64, 0.11), (-6.5, 1.8), (0.28, 0.09), (0.14, 0.10), (0.01, 0.02), (0.18, 0.08), (0.48, 0.17), (97, 16), (210, 30), 0.50, 0.02),
        new("Electronic", (0.68, 0.09), (0.88, 0.07), (-4.5, 1.5), (0.07, 0.03), (0.04, 0.04), (0.55, 0.20), (0.22, 0.10), (0.40, 0.15), (126, 6), (300, 50), 0.45, 0.01),
        new("Folk", (0.52, 0.10), (0.32, 0.10), (-11.0, 2.5), (0.04, 0.02), (0.80, 0.10), (0.05, 0.08), (0.12, 0.05), (0.42, 0.15), (105, 18), (220, 35), 0.70, 0.15),
        new("Classical", (0.28, 0.09), (0.15, 0.08), (-21.0, 4.0), (0.04, 0.01), (0.93, 0.05), (0.85, 0.10), (0.10, 0.04), (0.22, 0.10), (95, 25), (380, 90), 0.60, 0.30),
    ];
}
