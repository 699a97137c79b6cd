using System.Diagnostics;

namespace SpotifyDashboard.Web.Tests.Http;

/// <summary>Guessing the teacher's password: refused after a few failures (per address and overall), timing tells nothing.</summary>
public sealed class TeacherSignInLimitTests : IDisposable
{
    private static readonly int PerAddress = new WebLimitsOptions().TeacherFailuresPerAddress;
    private static readonly TimeSpan AnswerTime = new WebLimitsOptions().TeacherAnswerTime;

    private readonly TestClock _clock = new(DateTimeOffset.UtcNow);
    private readonly WebFactory _web;

    public TeacherSignInLimitTests() => _web = new WebFactory(clock: _clock);

    public void Dispose() => _web.Dispose();

    [Fact]
    public async Task ParallelGuessesGet429WithRetryAfterAndThenSoDoesTheRightKey()
    {
        var post = await SignInForm.LoadAsync(_web.CreateBrowserAt("203.0.113.5"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => post($"wrong-guess-{i}")));

        Assert.Equal(PerAddress, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(30 - PerAddress, refused.Count);
        Assert.All(refused, a => Assert.InRange(a.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15)));

        var right = await post(WebFactory.AdminKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.NotNull(right.Headers.RetryAfter?.Delta);
        Assert.Contains("id=\"signin-refused\"", await right.Content.ReadAsStringAsync());
        Assert.DoesNotContain(SignInForm.SetCookies(right), c => c.StartsWith(TeacherSignIn.CookieName + "=", StringComparison.Ordinal));
        Assert.DoesNotContain(_web.Logs, line => line.Contains("wrong-guess", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherAddressStillSignsInAndTheRefusedOneDoesOnceTheWindowHasPassed()
    {
        var guesser = await SignInForm.LoadAsync(_web.CreateBrowserAt("203.0.113.5"));
        for (var i = 0; i < PerAddress; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await guesser("wrong-guess")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser(WebFactory.AdminKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInForm.PostAsync(_web.CreateBrowserAt("198.51.100.20"), WebFactory.AdminKey)).StatusCode);

        _clock.Advance(new WebLimitsOptions().TeacherFailureWindow);

        Assert.Equal(HttpStatusCode.Redirect, (await guesser(WebFactory.AdminKey)).StatusCode);
    }

    [Fact]
    public async Task PastTheOverallRateEveryAddressIsRefusedTheRightKeyToo()
    {
        using var web = new WebFactory(settings: new Dictionary<string, string> { ["WebLimits:TeacherFailuresOverall"] = "4" });
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInForm.PostAsync(web.CreateBrowserAt($"203.0.113.{i}"), "wrong-guess")).StatusCode);
        }

        var teacher = await SignInForm.PostAsync(web.CreateBrowserAt("198.51.100.20"), WebFactory.AdminKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, teacher.StatusCode);
        Assert.NotNull(teacher.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task AWrongPasswordTakesAsLongAsTheRightOne()
    {
        var wrong = new List<TimeSpan>();
        var right = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var guesser = await SignInForm.LoadAsync(_web.CreateBrowserAt($"203.0.113.{10 + i}"));
            wrong.Add(await TimeAsync(() => guesser("wrong-guess"), HttpStatusCode.OK));
            var teacher = await SignInForm.LoadAsync(_web.CreateBrowserAt($"198.51.100.{10 + i}"));
            right.Add(await TimeAsync(() => teacher(WebFactory.AdminKey), HttpStatusCode.Redirect));
        }

        // Both wait for the fixed answer time; what is left is noise, far below the delay a slowed-down failure would add (≥ 0.5 s).
        Assert.All(wrong.Concat(right), t => Assert.True(t >= AnswerTime - TimeSpan.FromMilliseconds(20), $"An answer came after {t.TotalMilliseconds} ms."));
        var gap = Median(wrong) - Median(right);
        Assert.True(gap.Duration() < TimeSpan.FromMilliseconds(150), $"Wrong answers took {Median(wrong).TotalMilliseconds} ms, right ones {Median(right).TotalMilliseconds} ms.");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await send();
        var took = Stopwatch.GetElapsedTime(started);
        Assert.Equal(expected, response.StatusCode);
        return took;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
