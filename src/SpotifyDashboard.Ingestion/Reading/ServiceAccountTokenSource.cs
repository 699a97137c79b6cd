using System.Text.Json;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Responses;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Ingestion.Options;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Access tokens for the Sheets API from the service-account key in <c>Survey:ServiceAccount</c>
/// (a file path or the JSON itself). The token endpoint is the key's own <c>token_uri</c>, so a test
/// key can point at a fake. The credential caches and refreshes its token. Never logs the key.
/// </summary>
public sealed class ServiceAccountTokenSource(IOptions<SurveyIngestionOptions> options)
{
    public const string ReadOnlyScope = "https://www.googleapis.com/auth/spreadsheets.readonly";

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
                $"Google refused a token for the service account {email}: {ex.Error?.Error} {ex.Error?.ErrorDescription}. " +
                "The key may be revoked or deleted: create a new key and set the google-service-account parameter.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SurveySourceException($"Could not reach Google's token endpoint for the service account {email}: {ex.Message}", ex);
        }
    }

    private (GoogleCredential Credential, string Email) Load()
    {
        lock (_gate)
        {
            return _loaded ??= Create(options.Value.ServiceAccount);
        }
    }

    private static (GoogleCredential, string) Create(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            throw new SurveySourceException("Survey:ServiceAccount (the secret parameter google-service-account) is not set.");
        }

        var json = setting.TrimStart().StartsWith('{') ? setting : ReadKeyFile(setting);
        try
        {
            var account = CredentialFactory.FromJson<ServiceAccountCredential>(json);
            var credential = account.ToGoogleCredential().CreateScoped(ReadOnlyScope);
            return (credential, account.Id);
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or ArgumentException or FormatException or Newtonsoft.Json.JsonException)
        {
            // The message of these exceptions never contains the private key.
            throw new SurveySourceException($"Survey:ServiceAccount is not a usable service-account key ({ex.GetType().Name}): download a JSON key of type service_account from the Google Cloud console.", ex);
        }
    }

    private static string ReadKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new SurveySourceException($"Survey:ServiceAccount looks like a file path, but '{path}' does not exist. Give the path to the key JSON file, or the JSON itself.");
        }

        return File.ReadAllText(path);
    }
}
