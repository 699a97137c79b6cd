using System.Text;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Configuration;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Access tokens for the Sheets API from the service-account key in <c>Survey:ServiceAccount</c>:
/// the key JSON itself, base64 of it (one line, easy to put in an environment variable), or the path
/// of the key file. The token endpoint is the key's own <c>token_uri</c>, so a test key can point at a
/// fake. The credential caches and refreshes its token. Its requests go through the <see cref="HttpClientName"/> client
/// of the app's <see cref="System.Net.Http.IHttpClientFactory"/>, so they carry the handlers every client has (the
/// product's User-Agent among them).
/// The setting's value never appears in a message, a log or a status: a malformed value may be a
/// pasted private key, so a failure says what kind of value was expected, not what was given.
/// </summary>
public sealed class ServiceAccountTokenSource(IOptions<SurveyOptions> options, IHttpMessageHandlerFactory handlers)
{
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/spreadsheets.readonly";

    /// <summary>The named client whose handlers carry the token requests.</summary>
    public const string HttpClientName = "google-token";

    private const string NotUsable = "Survey:ServiceAccount (the secret parameter google-service-account) is not a usable service-account key.";

    private readonly Lock _gate = new();
    private (GoogleCredential Credential, string Email)? _loaded;

    /// <summary>The service account's e-mail: the address the sheet must be shared with.</summary>
    public string ClientEmail => Load().Email;

    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var (credential, email) = Load();
        try
        {
            return await ((ITokenAccess)credential).GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
        }
        catch (TokenResponseException ex)
        {
            throw new SurveySourceException(
                "Google refused the service account's key: create a new key and set the google-service-account parameter.",
                $"Google refused a token for the service account {email}: {ex.Error?.Error} {ex.Error?.ErrorDescription}. " +
                "The key may be revoked or deleted: create a new key and set the google-service-account parameter.");
        }
        catch (HttpRequestException ex)
        {
            throw new SurveySourceException(SurveySourceException.DidNotAnswer, $"Could not reach Google's token endpoint for the service account {email}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Forgets the credential and its cached token, so the next request fetches a new token: for a token the API
    /// refused, which it will go on refusing.
    /// </summary>
    public void DropToken()
    {
        lock (_gate)
        {
            _loaded = null;
        }
    }

    /// <summary>
    /// The key JSON the setting holds, decodes to or names; null when it is none of these. Never
    /// throws with the value in the message.
    /// </summary>
    public static string? KeyJson(string setting)
    {
        var text = setting.Trim();
        try
        {
            return text.StartsWith('{') ? text : FromBase64(text) ?? (File.Exists(text) ? File.ReadAllText(text) : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The path is the setting's value: say that the file is unreadable, not which file.
            throw new SurveySourceException(NotUsable, $"Survey:ServiceAccount names a file that could not be read ({ex.GetType().Name}).");
        }
    }

    private (GoogleCredential Credential, string Email) Load()
    {
        lock (_gate)
        {
            return _loaded ??= Create(options.Value.ServiceAccount, handlers);
        }
    }

    private static (GoogleCredential, string) Create(string? setting, IHttpMessageHandlerFactory handlers)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            throw new SurveySourceException("Survey:ServiceAccount (the secret parameter google-service-account) is not set.");
        }

        var json = KeyJson(setting) ?? throw new SurveySourceException(
            NotUsable,
            "Survey:ServiceAccount (the secret parameter google-service-account) is neither a service-account key JSON, nor base64 of one, " +
            "nor the path of an existing file (its value is not shown). Download a JSON key of type service_account from the Google Cloud console " +
            "and give the JSON, its base64 or the path of the file.");
        try
        {
            var account = CredentialFactory.FromJson<ServiceAccountCredential>(json);
            // The library decompresses and follows redirects itself, and asks for a handler that does neither (as the
            // client's primary handler is set up).
            var http = new HttpClientFromMessageHandlerFactory(_ => new HttpClientFromMessageHandlerFactory.ConfiguredHttpMessageHandler(
                handlers.CreateHandler(HttpClientName), false, false));
            var credential = account.ToGoogleCredential().CreateScoped(ReadOnlyScope).CreateWithHttpClientFactory(http);
            return (credential, account.Id);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Neither the inner exception nor its message: a JSON parser quotes the text it choked on,
            // and that text is the key.
            throw new SurveySourceException(
                NotUsable,
                $"Survey:ServiceAccount (the secret parameter google-service-account) is not a usable service-account key ({ex.GetType().Name}): download a JSON key of type service_account from the Google Cloud console.");
        }
    }

    /// <summary>Standard or URL-safe base64, padded or not, wrapped or not, of something that looks like JSON.</summary>
    private static string? FromBase64(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)).Select(c => c switch { '-' => '+', '_' => '/', _ => c }));
        compact = compact.PadRight((compact.Length + 3) / 4 * 4, '=');
        var bytes = new byte[compact.Length];
        if (compact.Length == 0 || !Convert.TryFromBase64String(compact, bytes, out var written))
        {
            return null;
        }

        try
        {
            var decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, written).Trim();
            return decoded.StartsWith('{') ? decoded : null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
