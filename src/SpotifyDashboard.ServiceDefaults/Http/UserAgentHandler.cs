namespace SpotifyDashboard.ServiceDefaults.Http;

/// <summary>
/// Puts the product's User-Agent first on every request. What a client library already put there (Google's auth
/// library names itself) stays after it, so both are told.
/// </summary>
public sealed class UserAgentHandler(ProductUserAgent userAgent) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var header = request.Headers.UserAgent;
        var ours = userAgent.Values;
        if (!header.Take(ours.Count).SequenceEqual(ours))
        {
            var theirs = header.ToList();
            header.Clear();
            foreach (var value in ours.Concat(theirs))
            {
                header.Add(value);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
