using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.Web.Tests.Infrastructure;

/// <summary>
/// The web's real pipeline in memory, its api calls answered by <see cref="Api"/>, its data-protection keys in memory
/// instead of the cache (unless it is given a real <paramref name="cache"/>, whose key ring it then uses as deployed), and
/// every log line kept in <see cref="Logs"/>. A request with the header <see cref="FromLoopbackHeader"/> arrives as if
/// from this machine, one with <see cref="FromAddressHeader"/> from the address it names (the test server has no remote
/// address otherwise). The teacher's sessions live in a memory cache unless a real <paramref name="cache"/> is given;
/// <paramref name="clock"/> replaces the app's clock, <paramref name="settings"/> add configuration.
/// </summary>
public sealed class WebFactory(
    string? adminKey = WebFactory.AdminKey,
    string environment = "Development",
    string? cache = null,
    TimeProvider? clock = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminKey = "web-tests-teacher-key-7Hq2vX9c";
    public const string FromLoopbackHeader = "X-Test-From-Loopback";
    public const string FromAddressHeader = "X-Test-From-Address";

    /// <summary>The key-encryption secret every web of a test shares unless the test gives one another.</summary>
    public const string KeyRingSecret = "test-key-ring-secret-0123456789abcdef";

    public FakeApi Api { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Admin:Key", adminKey ?? "");
        builder.UseSetting("DataProtection:KeyEncryptionSecret", KeyRingSecret);
        builder.UseSetting("ConnectionStrings:cache", cache ?? "localhost:1,abortConnect=false,connectTimeout=100");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            if (cache is null)
            {
                services.Configure<KeyManagementOptions>(options => options.XmlRepository = new MemoryXmlRepository());
                services.RemoveAll<IDistributedCache>();
                services.AddSingleton<IDistributedCache>(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
            }

            if (clock is not null)
            {
                services.AddSingleton(clock);
            }

            services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(() => new ForwardTo(Api)));
            services.AddSingleton<IStartupFilter, LoopbackFilter>();
        });
    }

    public HttpClient CreateBrowser(string baseAddress = "https://localhost") => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new(baseAddress),
        HandleCookies = true,
    });

    /// <summary>A browser whose requests come from <paramref name="address"/>.</summary>
    public HttpClient CreateBrowserAt(string address)
    {
        var browser = CreateBrowser();
        browser.DefaultRequestHeaders.Add(FromAddressHeader, address);
        return browser;
    }

    private sealed class ForwardTo(HttpMessageHandler target) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _invoker = new(target, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _invoker.SendAsync(request, cancellationToken);
    }

    private sealed class MemoryXmlRepository : IXmlRepository
    {
        private readonly List<XElement> _elements = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_elements)
            {
                return [.. _elements.Select(e => new XElement(e))];
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_elements)
            {
                _elements.Add(new XElement(element));
            }
        }
    }

    private sealed class LoopbackFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (context.Request.Headers.ContainsKey(FromLoopbackHeader))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Loopback;
                }
                else if (context.Request.Headers[FromAddressHeader] is [{ } address])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(" ", values.Select(v => $"{v.Key}={v.Value}")) : "";
                lines.Enqueue($"{logLevel}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
