using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.AppHost;

/// <summary>
/// Passes the app's settings sections from the AppHost's configuration (command line,
/// environment, user-secrets) to a service, so a user configures everything in one place.
/// Settings whose names look like secrets are not passed: a plain environment variable shows in
/// the dashboard and in the deployment manifest. They must come in as secret parameters, and a
/// warning at start names each refused setting and the parameter to use (never its value).
/// </summary>
public static partial class AppSettingsForwarding
{
    /// <summary>What the worker and the api read.</summary>
    public static readonly string[] BackendSections = ["Survey", "Spotify", "ReccoBeats", "Enrichment", "Analysis", "Privacy", "Demo", "RateLimits", "UserAgent", "Telemetry"];

    /// <summary>
    /// What the web front reads: its own sections, the survey form's link for the join panel, and the listener sign-in's
    /// Spotify addresses (the client id comes as the <c>spotify-client-id</c> parameter; the secret never goes to the web), and
    /// the address its User-Agent names.
    /// </summary>
    public static readonly string[] WebSections =
        ["LiveFeed", "Dashboard", "WebLimits", "Survey:FormUrl", "Spotify:AccountsBaseUrl", "Spotify:ApiBaseUrl", "Spotify:RedirectUri", "UserAgent", "Telemetry"];

    /// <summary>The secret parameter that carries each secret setting the app knows.</summary>
    public static readonly IReadOnlyDictionary<string, string> ParameterFor = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Survey:ServiceAccount"] = "google-service-account",
        ["Spotify:ClientSecret"] = "spotify-client-secret",
        ["Enrichment:AdminKey"] = "admin-key",
        ["Privacy:PseudonymKey"] = "pseudonym-key",
    };

    /// <summary>Contained anywhere in a name segment (case-insensitive), these make it a secret.</summary>
    private static readonly string[] SecretFragments = ["secret", "password", "passwd", "token", "credential", "serviceaccount", "connectionstring", "privatekey", "apikey"];

    /// <summary>
    /// A last word that describes a property of a secret rather than holding it ("PseudonymKeyRotation",
    /// "TokenUrl"). Only for the last segment and only after another word, so "Url" alone is nothing special.
    /// </summary>
    private static readonly HashSet<string> DescriptiveLastWords = new(StringComparer.Ordinal)
    {
        "url", "uri", "endpoint", "interval", "timeout", "ttl", "lifetime", "length", "rotation", "enabled", "count",
    };

    public static IResourceBuilder<ProjectResource> WithAppSettings(this IResourceBuilder<ProjectResource> project, IConfiguration configuration, params string[] sections)
    {
        var (forwarded, refused) = Plan(configuration, sections);
        foreach (var (key, value) in forwarded)
        {
            project.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
        }

        if (refused.Count > 0)
        {
            var resource = project.Resource.Name;
            project.ApplicationBuilder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
            {
                var logger = e.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AppSettingsForwarding).FullName!);
                foreach (var key in refused)
                {
                    LogRefused(logger, RefusalWarning(key, resource));
                }

                return Task.CompletedTask;
            });
        }

        return project;
    }

    /// <summary>The settings of <paramref name="sections"/> that are passed on, and the names of those that are not.</summary>
    public static (IReadOnlyList<KeyValuePair<string, string>> Forwarded, IReadOnlyList<string> Refused) Plan(IConfiguration configuration, IEnumerable<string> sections)
    {
        var forwarded = new List<KeyValuePair<string, string>>();
        var refused = new List<string>();
        foreach (var section in sections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
            {
                if (value is null)
                {
                    continue;
                }

                if (LooksSecret(key))
                {
                    refused.Add(key);
                }
                else
                {
                    forwarded.Add(new(key, value));
                }
            }
        }

        return (forwarded, refused);
    }

    /// <summary>
    /// Whether a setting's name looks like it holds a secret. Every segment after the section counts
    /// (<c>Survey:ServiceAccount:private_key</c> is a key bound as an object); a segment is secret-looking
    /// when it contains one of <see cref="SecretFragments"/>, has the word key/keys/pwd (camel case or
    /// separated) or ends in "key" (a lower-case <c>pseudonymkey</c>). Not secret: <c>Survey:Columns:*</c>
    /// (header aliases), and a last segment whose last word only describes a secret (<c>TokenUrl</c>,
    /// <c>PseudonymKeyRotation</c>). When in doubt a name is refused: passing a setting as a parameter
    /// costs a line, a leaked key costs a new key.
    /// </summary>
    public static bool LooksSecret(string key)
    {
        var segments = key.Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0].Equals("Survey", StringComparison.OrdinalIgnoreCase) && segments[1].Equals("Columns", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        for (var i = Math.Min(1, segments.Length - 1); i < segments.Length; i++)
        {
            var words = Words(segments[i]);
            if (i == segments.Length - 1 && words.Count > 1 && DescriptiveLastWords.Contains(words[^1]))
            {
                continue;
            }

            var flat = string.Concat(words);
            if (SecretFragments.Any(flat.Contains)
                || words.Any(w => w is "key" or "keys" or "pwd")
                || flat.EndsWith("key", StringComparison.Ordinal)
                || flat.EndsWith("keys", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the console says about a refused setting: its name and the parameter to use, never its value.</summary>
    public static string RefusalWarning(string key, string resource)
    {
        var instead = ParameterFor.TryGetValue(key, out var parameter)
            ? $"set the secret parameter '{parameter}' instead (Parameters:{parameter} in the AppHost's user-secrets)"
            : "pass it as a secret parameter instead (builder.AddParameter(name, secret: true), set with Parameters:<name> in the AppHost's user-secrets)";
        return $"The setting {key} looks like a secret and is not passed to {resource} as a plain environment variable: {instead}.";
    }

    /// <summary>"PseudonymKey" → pseudonym, key; "private_key" → private, key; lower case.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            // A new word at an upper-case letter after a lower-case one, or before a lower-case one in a run ("APIKey" → api, key).
            if (char.IsUpper(c) && current.Length > 0
                && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogRefused(ILogger logger, string warning);
}
