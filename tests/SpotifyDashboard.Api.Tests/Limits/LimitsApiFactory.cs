using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SpotifyDashboard.Api.Tests.Limits;

/// <summary>
/// The real api on Garnet, where a test chooses the connection's address per request (<see cref="RemoteHeader"/>,
/// read before the api's own middleware) and the song lookup.
/// </summary>
public static class LimitsApiFactory
{
    public const string RemoteHeader = "X-Test-Remote-Address";
    public const string InternalKey = "test-internal-key-0123456789abcdef";

    public static async Task<AnalysisApiFactory> StartAsync(
        GarnetFixture garnet,
        Dictionary<string, string>? settings = null,
        ISongFeatureLookup? lookup = null,
        Action<IServiceCollection>? configureServices = null)
    {
        await garnet.FlushAsync();
        await TestSnapshots.SaveAsync(garnet.Redis, "csv");
        var all = new Dictionary<string, string> { ["Internal:Key"] = InternalKey };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new AnalysisApiFactory(garnet.ConnectionString, SurveySourceKind.Csv, services =>
        {
            services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();
            services.RemoveAll<ISongFeatureLookup>();
            services.RemoveAll<SongEnricher>();
            services.AddSingleton(lookup ?? new FakeSongFeatureLookup());
            configureServices?.Invoke(services);
        }, all);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string remote, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(RemoteHeader, remote);
        return request;
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
