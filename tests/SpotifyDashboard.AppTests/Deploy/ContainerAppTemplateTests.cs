using System.Text.RegularExpressions;
using SpotifyDashboard.AppHost;

namespace SpotifyDashboard.AppTests.Deploy;

/// <summary>
/// The committed Container Apps templates (azd deploys each service with its template instead of one generated from the
/// manifest) against the manifest: nothing the manifest gives a service may be missing, every secret must come from a
/// parameter, and the Container Apps settings a manifest cannot say must be there.
/// </summary>
[Collection(PublishedManifestCollection.Name)]
public sealed partial class ContainerAppTemplateTests(PublishedManifestFixture fixture)
{
    private static readonly string[] Projects = ["worker", "api", "web"];

    private PublishedManifest Manifest => fixture.Manifest;

    [Theory]
    [InlineData("worker")]
    [InlineData("api")]
    [InlineData("web")]
    public void EveryVariableOfTheManifestIsInTheTemplate(string service)
    {
        var template = ContainerAppTemplate.EnvironmentOf(ContainerAppTemplate.Read(service));

        var manifest = Manifest.EnvironmentOf(service).Keys.Where(k => k != "Survey__SheetId");
        Assert.Empty(manifest.Except(template.Keys));
    }

    [Theory]
    [InlineData("cache")]
    [InlineData("worker")]
    [InlineData("api")]
    [InlineData("web")]
    public void SecretsAreSecretRefsToTheParametersTheManifestUses(string service)
    {
        var template = ContainerAppTemplate.Read(service);
        var environment = ContainerAppTemplate.EnvironmentOf(template);
        var secrets = ContainerAppTemplate.SecretsOf(template);

        foreach (var (variable, value) in Manifest.EnvironmentOf(service))
        {
            var parameters = ParametersIn(value);
            if (parameters.Count == 0)
            {
                continue;
            }

            var (plain, secretRef) = environment[variable];
            Assert.True(plain is null && secretRef is not null, $"{service}: {variable} must be a secretRef, not a value");
            Assert.Equal(parameters.Order(), ContainerAppTemplate.ParametersNamedIn(secrets[secretRef!]).Order());
        }

        // No secret holds a literal: each is filled from a parameter by azd at deploy time.
        Assert.All(secrets, s => Assert.NotEmpty(ContainerAppTemplate.ParametersNamedIn(s.Value)));
        Assert.All(environment.Values.Where(e => e.SecretRef is not null), e => Assert.Contains(e.SecretRef!, secrets.Keys));
    }

    [Fact]
    public void EveryParameterATemplateNamesIsInTheManifest()
    {
        var named = ((string[])["cache", .. Projects]).SelectMany(s => ContainerAppTemplate.ParametersNamedIn(ContainerAppTemplate.TextOf(s))).ToHashSet();

        // azd fails a deploy whose template names a parameter it never provisioned.
        Assert.Empty(named.Except(Manifest.Parameters));
        Assert.Contains(OptionalSecrets.GoogleServiceAccount, named);
    }

    [Fact]
    public void OnlyTheWebIsExternalAndItKeepsABrowserOnItsReplica()
    {
        var web = Ingress("web");
        Assert.Equal("true", (string?)web["external"]);
        Assert.Equal("false", (string?)web["allowInsecure"]);
        Assert.Equal("sticky", (string?)web["stickySessions"]?["affinity"]);

        Assert.All((string[])["api", "worker", "cache"], service => Assert.Equal("false", (string?)Ingress(service)["external"]));
        Assert.Equal("tcp", (string?)Ingress("cache")["transport"]);
        Assert.Equal("6379", (string?)Ingress("cache")["targetPort"]);
    }

    [Theory]
    [InlineData("worker")]
    [InlineData("api")]
    [InlineData("web")]
    public void LivenessAsksAliveAndReadinessAsksHealth(string service)
    {
        var probes = ContainerAppTemplate.Container(ContainerAppTemplate.Read(service))["probes"]!.AsArray()
            .ToDictionary(p => (string)p!["type"]!, p => (string?)p!["httpGet"]?["path"]);

        Assert.Equal("/alive", probes["Liveness"]);
        Assert.Equal("/health", probes["Readiness"]);
    }

    [Fact]
    public void TheCacheRunsLikeTheManifestSaysOnTheManifestsVolume()
    {
        var template = ContainerAppTemplate.Read("cache");
        var container = ContainerAppTemplate.Container(template);
        var manifest = Manifest.Resource("cache");

        Assert.Equal([(string?)manifest["entrypoint"]], container["command"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(manifest["args"]!.AsArray().Select(a => (string?)a), container["args"]!.AsArray().Select(a => (string?)a));
        // azd names the share's storage after the manifest's volume name, without dots and dashes.
        var storage = $"SERVICE_CACHE_VOLUME_{CacheResourceExtensions.VolumeName.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()}_NAME";
        var volume = Assert.Single(template["properties"]!["template"]!["volumes"]!.AsArray())!;
        Assert.Equal($"{{{{ .Env.{storage} }}}}", (string?)volume["storageName"]);
        Assert.Equal("AzureFile", (string?)volume["storageType"]);
        var mount = Assert.Single(container["volumeMounts"]!.AsArray())!;
        Assert.Equal(((string?)volume["name"], "/data"), ((string?)mount["volumeName"], (string?)mount["mountPath"]));
        // One Redis per append-only file.
        Assert.Equal(("1", "1"), Scale("cache"));
    }

    [Fact]
    public void TheWorkerAndTheCacheNeverScaleToZero()
    {
        // A worker at zero replicas would stop reading the survey; Container Apps' default minimum is zero.
        Assert.All((string[])["worker", "cache", "web", "api"], service => Assert.True(int.Parse(Scale(service).Min!, System.Globalization.CultureInfo.InvariantCulture) >= 1, $"{service} may scale to zero"));
    }

    [Fact]
    public void TheDeployedRedirectIsTheWebsOwnHttpsAddressUnlessTheAzdEnvironmentNamesOne()
    {
        var (value, _) = ContainerAppTemplate.EnvironmentOf(ContainerAppTemplate.Read("web"))["Spotify__RedirectUri"];

        Assert.Contains("index .Env `SPOTIFY_REDIRECT_URI`", value);
        Assert.Contains("https://web.%s" + DeployedWeb.SpotifyCallbackPath, value);
        Assert.Contains(".Env.AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN", value);
    }

    [Fact]
    public void TheApiKeepsTheTeachersUploadInItsOwnFolderOnTheCachesShare()
    {
        Assert.Equal(SurveyDataFolder.DeployedPath, Manifest.EnvironmentOf("api")["ActiveSource__DataPath"]);
        var template = ContainerAppTemplate.Read("api");
        var container = ContainerAppTemplate.Container(template);
        Assert.Equal(SurveyDataFolder.DeployedPath, ContainerAppTemplate.EnvironmentOf(template)["ActiveSource__DataPath"].Value);

        // The share azd creates for the cache's volume, mounted above the folder (not on it: the folder is the api's own).
        var volume = Assert.Single(template["properties"]!["template"]!["volumes"]!.AsArray())!;
        var cacheVolume = Assert.Single(ContainerAppTemplate.Read("cache")["properties"]!["template"]!["volumes"]!.AsArray())!;
        Assert.Equal((string?)cacheVolume["storageName"], (string?)volume["storageName"]);
        var mount = Assert.Single(container["volumeMounts"]!.AsArray())!;
        Assert.Equal((string?)volume["name"], (string?)mount["volumeName"]);
        Assert.Equal((string?)mount["mountPath"], Path.GetDirectoryName(SurveyDataFolder.DeployedPath));
        // The container runs as the .NET image's non-root user, who must be able to write there.
        Assert.Contains("uid=1654", (string?)volume["mountOptions"]);
    }

    private static System.Text.Json.Nodes.JsonNode Ingress(string service) => ContainerAppTemplate.Read(service)["properties"]!["configuration"]!["ingress"]!;

    private static (string? Min, string? Max) Scale(string service)
    {
        var scale = ContainerAppTemplate.Read(service)["properties"]!["template"]!["scale"]!;
        return ((string?)scale["minReplicas"], (string?)scale["maxReplicas"]);
    }

    private IReadOnlyList<string> ParametersIn(string value)
    {
        var names = new List<string>();
        foreach (Match reference in Reference().Matches(value))
        {
            var (resource, property) = (reference.Groups[1].Value, reference.Groups[2].Value);
            if (Manifest.TypeOf(resource) == "parameter.v0")
            {
                names.Add(resource);
            }
            else if (property == "connectionString")
            {
                names.AddRange(ParametersIn((string)Manifest.Resource(resource)["connectionString"]!));
            }
        }

        return names;
    }

    [GeneratedRegex(@"\{([a-z0-9-]+)\.(value|connectionString)\}")]
    private static partial Regex Reference();
}
