namespace SpotifyDashboard.Web.Tests.Spotify;

public sealed class PkceTests
{
    // RFC 7636 Appendix B prints this challenge (checked against openssl too). A challenge often quoted
    // for it, "E9Melhoa2OwvFrEM4JTNEfV2Bz2LLJQw2wVGEF0VsWM", shares only its first 16 characters with it.
    [Fact]
    public void TheChallengeOfRfc7636AppendixBsVerifierIsItsChallenge() =>
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public void EveryVerifierIs128UnreservedCharactersAndNoTwoAreAlike()
    {
        var verifiers = Enumerable.Range(0, 2000).Select(_ => Pkce.NewVerifier()).ToList();

        Assert.All(verifiers, v =>
        {
            Assert.Equal(128, v.Length);
            Assert.Matches("^[A-Za-z0-9._~-]{128}$", v);
            Assert.True(Pkce.IsValidVerifier(v));
        });
        Assert.Equal(verifiers.Count, verifiers.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void AChallengeIs43CharactersOfUnpaddedBase64Url()
    {
        var challenge = Pkce.ChallengeOf(Pkce.NewVerifier());

        Assert.Matches("^[A-Za-z0-9_-]{43}$", challenge);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk+")]
    [InlineData("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk=")]
    public void AVerifierOutsideTheRfcsAlphabetOrLengthIsRefused(string verifier)
    {
        Assert.False(Pkce.IsValidVerifier(verifier));
        Assert.Throws<ArgumentException>(() => Pkce.ChallengeOf(verifier));
    }

    [Fact]
    public void AVerifierOf129CharactersIsRefused() => Assert.False(Pkce.IsValidVerifier(new string('a', 129)));

    [Fact]
    public void StatesCarryAtLeast128BitsAndDiffer()
    {
        var states = Enumerable.Range(0, 500).Select(_ => Pkce.NewState()).ToList();

        Assert.All(states, s => Assert.True(s.Length * 6 >= 128));
        Assert.Equal(states.Count, states.Distinct(StringComparer.Ordinal).Count());
    }
}
