using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace SpotifyDashboard.Web.Services;

/// <summary>
/// How the web's api clients retry and when they stop asking, in place of the defaults every HttpClient gets. One breaker
/// serves every visitor, so it counts only what says the api itself is in trouble (no answer, a timeout, 500, 502, 504),
/// never a 429 or 503 that the api gives one busy user or one busy queue: otherwise one visitor's refusals would cut off
/// everybody else. Retries follow the same rule, for reads only: a post (a song lookup, a teacher's action) is sent once.
/// The breaker's and timeouts' own exceptions become <see cref="HttpRequestException"/>, which every page already turns
/// into a message.
/// </summary>
public static class ApiResilience
{
    public const string PipelineName = "api";

    public static IHttpClientBuilder AddApiResilience(this IHttpClientBuilder client)
    {
        client.AddHttpMessageHandler(() => new RejectionAsFailureHandler());
        client.AddResilienceHandler(PipelineName, pipeline =>
        {
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(IsApiInTrouble(args.Outcome)),
            };
            retry.DisableForUnsafeHttpMethods();

            pipeline
                .AddTimeout(TimeSpan.FromSeconds(30))
                .AddRetry(retry)
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    ShouldHandle = args => ValueTask.FromResult(IsApiInTrouble(args.Outcome)),
                })
                .AddTimeout(TimeSpan.FromSeconds(10));
        });
        return client;
    }

    /// <summary>What counts against the api as a whole: no answer, or a server error that is not about one user or one queue.</summary>
    public static bool IsApiInTrouble(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };

    /// <summary>Outside the pipeline: an open breaker or a timeout reads as the api not answering.</summary>
    private sealed class RejectionAsFailureHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (BrokenCircuitException ex)
            {
                throw new HttpRequestException("The api failed repeatedly; it is left alone for a few seconds.", ex);
            }
            catch (TimeoutRejectedException ex)
            {
                throw new HttpRequestException("The api took too long to answer.", ex);
            }
        }
    }
}
