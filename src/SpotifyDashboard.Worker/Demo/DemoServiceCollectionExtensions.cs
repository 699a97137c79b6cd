using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Demo;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Worker.Demo;

public static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddDemoSurvey(this IServiceCollection services)
    {
        services.AddSingleton(sp => new DemoClassGenerator(sp.GetRequiredService<IOptions<DemoOptions>>().Value.Seed));
        services.AddSingleton<DemoResponseFactory>();
        services.AddHostedService<DemoSurveyWorker>();
        return services;
    }
}
