using Microsoft.AspNetCore.DataProtection;

namespace SpotifyDashboard.Web.Tests.Spotify;

public sealed class SpotifySignInStateTests
{
    private readonly EphemeralDataProtectionProvider _keys = new();
    private readonly MemorySpotifySessionStore _store = new();

    private SpotifySignInState State() => new(_keys, _store);

    [Fact]
    public async Task TheStateInTheCookieRedeemsOnceForTheVerifierThatMatchesTheChallenge()
    {
        var pending = await State().BeginAsync();

        var verifier = await State().RedeemAsync(pending.Cookie, pending.State);

        Assert.NotNull(verifier);
        Assert.Equal(pending.Challenge, Pkce.ChallengeOf(verifier));
    }

    [Fact]
    public async Task ASecondUseOfTheSameStateIsRefused()
    {
        var pending = await State().BeginAsync();
        await State().RedeemAsync(pending.Cookie, pending.State);

        Assert.Null(await State().RedeemAsync(pending.Cookie, pending.State));
    }

    [Fact]
    public async Task AStateOtherThanTheCookiesIsRefusedAndTheRightOneStillWorks()
    {
        var pending = await State().BeginAsync();
        var other = await State().BeginAsync();

        Assert.Null(await State().RedeemAsync(pending.Cookie, other.State));
        Assert.NotNull(await State().RedeemAsync(pending.Cookie, pending.State));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-protected-cookie")]
    public async Task WithoutAGenuineCookieNoStateIsAccepted(string? cookie)
    {
        var pending = await State().BeginAsync();

        Assert.Null(await State().RedeemAsync(cookie, pending.State));
    }

    [Fact]
    public async Task TheCookieDoesNotShowTheVerifier()
    {
        var pending = await State().BeginAsync();
        var verifier = await new SpotifySignInState(_keys, new MemorySpotifySessionStore()).RedeemAsync(pending.Cookie, pending.State);

        Assert.Null(verifier); // another store never saw this sign-in
        Assert.DoesNotContain(pending.State, pending.Cookie, StringComparison.Ordinal);
    }
}
