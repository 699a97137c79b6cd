namespace SpotifyDashboard.Web.Components.Pages;

/// <summary>
/// What a page hands from its prerendered render to its interactive one (<c>[PersistentState]</c>). The state travels
/// back to the server inside the message that starts the circuit, encrypted and base64-encoded twice (measured: a 3.7 KB
/// twins answer is 7.8 KB in the page), and a message over SignalR's 32 KB limit closes the circuit: the page would
/// never become interactive. So only a small answer is handed over; a bigger one (a class with very many majors or
/// excluded rows, say) is fetched again as before.
/// </summary>
public static class PrerenderedState
{
    /// <summary>The most JSON handed over: ≈ 21 KB in the message, leaving room for the root components' own markers.</summary>
    public const int MaxJsonBytes = 10 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><paramref name="value"/> when it is small enough to hand over, otherwise null.</summary>
    public static T? IfSmall<T>(T? value) where T : class =>
        value is not null && JsonSerializer.SerializeToUtf8Bytes(value, Json).Length <= MaxJsonBytes ? value : null;
}
