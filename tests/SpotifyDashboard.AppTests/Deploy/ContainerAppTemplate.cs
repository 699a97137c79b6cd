using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Serialization;

namespace SpotifyDashboard.AppTests.Deploy;

/// <summary>
/// A committed Container Apps template (<c>src/SpotifyDashboard.AppHost/infra/&lt;service&gt;.tmpl.yaml</c>) read as azd
/// would see it after filling it in, closely enough to check its structure: the lines that only open or close a
/// Go-template block are dropped (so every optional setting counts as present), an unquoted target port becomes 8080 and
/// an unquoted azd-environment value a placeholder. Everything else a template says in <c>{{ }}</c> is quoted, so the rest
/// is plain YAML.
/// </summary>
public static partial class ContainerAppTemplate
{
    public const string AzdEnvironmentValue = "(from the azd environment)";

    public static string Folder { get; } = Path.Combine(AppHostDirectory(Projects.SpotifyDashboard_AppHost.ProjectPath), "infra");

    public static string TextOf(string service) => File.ReadAllText(Path.Combine(Folder, $"{service}.tmpl.yaml"));

    public static JsonObject Read(string service)
    {
        var text = TextOf(service);
        // azd reads the whole file as a Go template, comments too: an action in a comment would be run (or fail to parse).
        Assert.DoesNotContain(text.Split('\n'), line => line.TrimStart().StartsWith('#') && line.Contains("{{", StringComparison.Ordinal));
        var blocks = BlockOpening().Count(text);
        Assert.True(blocks == BlockEnd().Count(text), $"{service}.tmpl.yaml: every {{{{ with }}}} or {{{{ if }}}} needs its {{{{ end }}}}");

        var lines = text.Split('\n').Where(line => !(line.Trim().StartsWith("{{", StringComparison.Ordinal) && line.Trim().EndsWith("}}", StringComparison.Ordinal)));
        var yaml = string.Join('\n', lines);
        yaml = UnquotedTargetPort().Replace(yaml, "$1");
        yaml = UnquotedAzdValue().Replace(yaml, $"\"{AzdEnvironmentValue}\"");

        var graph = new DeserializerBuilder().Build().Deserialize(new StringReader(yaml));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(graph!);
        return JsonNode.Parse(json)!.AsObject();
    }

    public static JsonObject Container(JsonObject template) =>
        Assert.IsType<JsonObject>(Assert.Single(template["properties"]!["template"]!["containers"]!.AsArray()), exactMatch: false);

    /// <summary>The container's variables: name → (value, secretRef).</summary>
    public static IReadOnlyDictionary<string, (string? Value, string? SecretRef)> EnvironmentOf(JsonObject template) =>
        Container(template)["env"]!.AsArray().ToDictionary(e => (string)e!["name"]!, e => ((string?)e!["value"], (string?)e["secretRef"]));

    /// <summary>The Container App's secrets: name → value (a template expression).</summary>
    public static IReadOnlyDictionary<string, string> SecretsOf(JsonObject template) =>
        template["properties"]!["configuration"]!["secrets"]?.AsArray().ToDictionary(s => (string)s!["name"]!, s => (string)s!["value"]!) ?? [];

    /// <summary>The parameters (manifest names) that a text names with <c>securedParameter "…"</c> or <c>parameter "…"</c> (or a `…` string).</summary>
    public static IReadOnlySet<string> ParametersNamedIn(string text) =>
        ParameterReference().Matches(text).Select(m => m.Groups[1].Value.Replace('_', '-')).ToHashSet();

    /// <summary>The generated project metadata names the AppHost's folder; a path to its .csproj is taken too.</summary>
    private static string AppHostDirectory(string projectPath) =>
        projectPath.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) ? Path.GetDirectoryName(projectPath)! : projectPath;

    [GeneratedRegex(@"\{\{-?\s*(with|if|range)\b")]
    private static partial Regex BlockOpening();

    [GeneratedRegex(@"\{\{-?\s*end\s*-?\}\}")]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"(?<=: )\{\{ targetPortOrDefault (\d+) \}\}")]
    private static partial Regex UnquotedTargetPort();

    [GeneratedRegex(@"(?<=: )\{\{ printf ""%q"" \. \}\}")]
    private static partial Regex UnquotedAzdValue();

    [GeneratedRegex(@"(?:securedParameter|parameter) [""`]([a-z0-9_]+)[""`]")]
    private static partial Regex ParameterReference();
}
