using SpotifyDashboard.Web.Security;

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
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(3, 2000)]
    [InlineData(4, 4000)]
    [InlineData(40, 4000)]
    public void EachFailureInARowWaitsLongerUpToFourSeconds(int failures, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TeacherPassword.DelayAfter(failures));

    [Theory]
    [InlineData("secret-key", "secret-key", true)]
    [InlineData("secret-key", "secret-kez", false)]
    [InlineData("secret-key", "secret-key ", false)]
    [InlineData("secret-key", "", false)]
    public void ThePasswordMustBeTheKeyExactly(string key, string password, bool matches) =>
        Assert.Equal(matches, TeacherPassword.Matches(key, password));
}
