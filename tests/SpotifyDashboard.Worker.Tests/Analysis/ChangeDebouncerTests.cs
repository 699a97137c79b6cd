using SpotifyDashboard.Worker.Analysis;

namespace SpotifyDashboard.Worker.Tests.Analysis;

public class ChangeDebouncerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 10, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NothingIsDueWithoutAChange()
    {
        var debouncer = new ChangeDebouncer(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));

        Assert.False(debouncer.IsDue(T0.AddHours(1)));
    }

    [Fact]
    public void AChangeIsDueAfterTheQuietPeriod()
    {
        var debouncer = new ChangeDebouncer(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));

        debouncer.Notice(T0);

        Assert.False(debouncer.IsDue(T0.AddSeconds(1.9)));
        Assert.True(debouncer.IsDue(T0.AddSeconds(2)));
    }

    [Fact]
    public void ASteadyStreamOfChangesIsDueAtTheMaxDelay()
    {
        var debouncer = new ChangeDebouncer(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));

        for (var second = 0; second < 15; second++)
        {
            debouncer.Notice(T0.AddSeconds(second));
            Assert.False(debouncer.IsDue(T0.AddSeconds(second + 0.5)));
        }

        Assert.True(debouncer.IsDue(T0.AddSeconds(15)));
    }

    [Fact]
    public void AnUrgentChangeIsDueAtOnceAndResetClearsEverything()
    {
        var debouncer = new ChangeDebouncer(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15));

        debouncer.NoticeUrgent(T0);
        Assert.True(debouncer.IsDue(T0));

        debouncer.Reset();
        Assert.False(debouncer.HasPendingChange);
        Assert.False(debouncer.IsDue(T0.AddMinutes(1)));
    }
}
