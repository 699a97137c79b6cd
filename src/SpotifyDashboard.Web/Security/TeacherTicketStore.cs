using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Distributed;

namespace SpotifyDashboard.Web.Security;

/// <summary>
/// Keeps the teacher's sign-ins in the cache (every web replica sees the same ones); the cookie carries only the session
/// id, protected by the web's data-protection keys. An entry lives until its session's absolute end at the latest.
/// </summary>
public sealed class TeacherTicketStore(IDistributedCache cache, TimeProvider time) : ITicketStore
{
    public const string KeyPrefix = RedisKeys.TeacherSessionPrefix;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var sessionId = ticket.Principal.FindFirst(TeacherSessions.SessionIdClaim)?.Value
            ?? throw new InvalidOperationException("A teacher sign-in without a session id.");
        await RenewAsync(sessionId, ticket);
        return sessionId;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var left = (TeacherSessions.EndOf(ticket.Principal) ?? time.GetUtcNow()) - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            await RemoveAsync(key);
            return;
        }

        await cache.SetAsync(EntryKey(key), TicketSerializer.Default.Serialize(ticket), new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = left });
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        await cache.GetAsync(EntryKey(key)) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;

    public Task RemoveAsync(string key) => cache.RemoveAsync(EntryKey(key));

    // A hash of the id, so whoever reads the cache cannot take its keys for session ids.
    public static string EntryKey(string sessionId) => KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(sessionId)));

}
