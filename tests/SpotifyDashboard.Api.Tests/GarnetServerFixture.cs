namespace SpotifyDashboard.Api.Tests;

/// <summary>
/// Garnet for one api test class. The api gets <see cref="GarnetFixture.ConnectionString"/> as
/// <c>ConnectionStrings:cache</c> and connects without allowAdmin; the tests flush through <see cref="GarnetFixture.Redis"/>.
/// </summary>
public class GarnetServerFixture : GarnetFixture;
