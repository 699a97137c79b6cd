using SpotifyDashboard.Core.Security;

namespace SpotifyDashboard.Web.Tests.Http;

public sealed class SignInRulesTests
{
    [Theory]
    [InlineData("/admin/unmatched", true)]
    [InlineData("/admin/sources?tab=2", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/admin", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("admin/sources", false)]
    [InlineData("/admin/signin?returnUrl=/x", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyAPathOnThisSiteIsAReturnUrl(string? url, bool local) => Assert.Equal(local, SafeReturnUrl.IsLocal(url));

    [Theory]
    [InlineData("short-key-12345")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abababababababababab")]
    [InlineData("12345678901234567890")]
    [InlineData("abcdefghijklmnopqrst")]
    [InlineData("correct horse battery staple")]
    [InlineData("Correct-Horse-Battery-Staple")]
    [InlineData("SuperSecretPassword2026")]
    [InlineData("password1234567890")]
    public void AShortRepetitiveOrWellKnownKeyIsRefused(string key) => Assert.NotNull(AdminKeyStrength.Problem(key));

    [Theory]
    [InlineData("web-tests-teacher-key-7Hq2vX9c")]
    [InlineData("q8Zr1mT4xW0bN6yK")]
    [InlineData("lecture hall projector otter 42")]
    public void ALongVariedKeyIsAccepted(string key) => Assert.Null(AdminKeyStrength.Problem(key));

    [Fact]
    public void AWeakKeyLeavesTheTeachersPagesOffAndSaysWhyWithoutRepeatingIt()
    {
        var options = new AdminOptions { Key = "letmein" };

        Assert.False(options.IsConfigured);
        Assert.Contains("too short", options.KeyProblem, StringComparison.Ordinal);
        Assert.DoesNotContain("letmein", options.KeyProblem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("secret-key", "secret-key", true)]
    [InlineData("secret-key", "secret-kez", false)]
    [InlineData("secret-key", "secret-key ", false)]
    [InlineData("secret-key", "", false)]
    public void ThePasswordMustBeTheKeyExactly(string key, string password, bool matches) =>
        Assert.Equal(matches, TeacherPassword.Matches(key, password));
}
