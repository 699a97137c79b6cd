using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SpotifyDashboard.Bench.Reads;

/// <summary>
/// <c>reads-bare</c>, started by <c>reads</c> as a process of its own: a bare ASP.NET Core app (slim builder, no
/// logging, one <c>MapGet</c> per path) that answers each path with the bytes the api gave for it, as fast as
/// Kestrel goes. What <c>reads</c> compares the api with.
/// </summary>
public sealed class BareEndpointCommand : IBenchCommand
{
    /// <summary>One line per path in the folder: <c>path \t content type \t file name</c>.</summary>
    public const string IndexFile = "index.tsv";

    public string Name => "reads-bare";

    public string Usage => "--folder <dir with index.tsv> --url http://127.0.0.1:PORT   (started by reads)";

    public async Task<int> RunAsync(string[] args)
    {
        var folder = Option(args, "--folder") ?? throw new ArgumentException("--folder is required");
        var url = Option(args, "--url") ?? throw new ArgumentException("--url is required");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(folder, IndexFile)))
        {
            var parts = line.Split('\t');
            var (path, contentType, body) = (parts[0], parts[1], await File.ReadAllBytesAsync(Path.Combine(folder, parts[2])));
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.ContentType = contentType;
                context.Response.ContentLength = body.Length;
                return context.Response.Body.WriteAsync(body).AsTask();
            });
        }

        await app.RunAsync();
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
