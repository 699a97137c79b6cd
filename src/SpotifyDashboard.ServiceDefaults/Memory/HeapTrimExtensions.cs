using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SpotifyDashboard.ServiceDefaults.Memory;

public static class HeapTrimExtensions
{
    /// <summary>Every service trims its heap after a burst (<see cref="HeapTrimmer"/>), configured by <c>Memory:Trim</c>.</summary>
    public static IHostApplicationBuilder AddHeapTrimming(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HeapTrimOptions>().Bind(builder.Configuration.GetSection(HeapTrimOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<HeapTrimmer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HeapTrimmer>());
        return builder;
    }
}
