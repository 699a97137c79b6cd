namespace SpotifyDashboard.Core.Demo;

/// <summary>One generated survey answer, before pseudonymization.</summary>
public sealed record DemoStudent(
    int Index,
    string Name,
    int Age,
    string Major,
    string Year,
    string Hometown,
    DemoSong Song,
    double HoursPerDay,
    string ListeningTime);
