using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.FluentUI.AspNetCore.Components;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// A bUnit context with what the web's pages need: the api client over <see cref="Api"/>, the (never started) event
/// stream, a clock the test moves (<see cref="Time"/>; live refresh and debounces wait on it), the options, logging,
/// and Fluent UI with its JS calls answered loosely. Change <see cref="Dashboard"/>, <see cref="Survey"/> or <see cref="LiveFeed"/> before
/// the first render to try other settings.
/// </summary>
public class WebTestContext : BunitContext
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public WebTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddFluentUIComponents();
        Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(Options.Create(Dashboard));
        Services.AddSingleton(Options.Create(Survey));
        Services.AddSingleton(Options.Create(LiveFeed));
        Services.AddSingleton(new DashboardApiClient(new HttpClient(Api, disposeHandler: false) { BaseAddress = new("http://api") }));
        Services.AddSingleton<SharedBackendHealth>();
        Services.AddSingleton<IHttpClientFactory, OfflineHttpClientFactory>();
        Services.AddOptions<AdminOptions>().Configure(options => options.Key = Admin.Key);
        Services.AddSingleton(sp => new AdminApiClient(
            new HttpClient(new AdminKeyHandler(sp.GetRequiredService<IOptionsMonitor<AdminOptions>>()) { InnerHandler = Api }, disposeHandler: false)
            {
                BaseAddress = new("http://api"),
            }));
        Services.AddSingleton<ApiEventStream>();
        Charts = new ChartCalls(JSInterop);
    }

    /// <summary>The chart module's <c>render</c> calls, with the figures handed to plotly.</summary>
    public ChartCalls Charts { get; }

    /// <summary>The (never started) event stream: tests push events with <c>Publish</c> and set <c>IsConnected</c>.</summary>
    public ApiEventStream Events => Services.GetRequiredService<ApiEventStream>();

    /// <summary>
    /// Moves the clock in small steps until <paramref name="done"/> holds. A page sets its next timer from its own
    /// continuation, a moment after what woke it; one big jump could come before the timer exists.
    /// </summary>
    public void AdvanceUntil(Func<bool> done, TimeSpan step, TimeSpan limit)
    {
        for (var moved = TimeSpan.Zero; !done(); moved += step)
        {
            if (moved >= limit)
            {
                throw new Xunit.Sdk.XunitException($"Still not done after moving the clock {limit}.");
            }

            // Up to a second for the page to arm its next timer; then the move goes ahead either way.
            Time.WaitForArmedTimer(TimeSpan.FromSeconds(1));
            Time.Advance(step);
            Thread.Sleep(10);
        }
    }

    /// <summary>Pushes <paramref name="eventType"/> over the (connected) stream and moves the clock past the page's coalescing wait until <paramref name="done"/>.</summary>
    public void Push(string eventType, Func<bool> done)
    {
        Events.Publish(eventType);
        // With the stream up the fallback timer does nothing, so the clock may run on well past it.
        AdvanceUntil(done, TimeSpan.FromMilliseconds(25), TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> until it passes. For what happens after a render rather than in one (charts are
    /// drawn in OnAfterRender, when bUnit's WaitForAssertion has already looked), and for requests the page sends.
    /// </summary>
    public static void Eventually(Action assertion, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(3));
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(10);
            }
        }
    }

    /// <summary>Lets whatever the page's timers and events started run for a moment, for asserting that nothing happened.</summary>
    public static void Settle() => Thread.Sleep(100);

    public FakeApi Api { get; } = new();

    public TestClock Time { get; } = new(Now);

    public DashboardOptions Dashboard { get; } = new();

    public SurveyOptions Survey { get; } = new();

    public LiveFeedOptions LiveFeed { get; } = new();

    public const string AdminKey = "bunit-admin-key-5d81c0e7a2";

    /// <summary>The web's admin settings: a key by default; set <c>Key</c> to null before the first render for a web without one.</summary>
    public AdminOptions Admin { get; } = new() { Key = AdminKey };
}
