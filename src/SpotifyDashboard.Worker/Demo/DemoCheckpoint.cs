namespace SpotifyDashboard.Worker.Demo;

/// <summary>How many demo students exist, and when the demo class was first created.</summary>
public sealed record DemoCheckpoint(int Generated, DateTimeOffset CreatedAt);
