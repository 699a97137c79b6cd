using System.Text;
using Microsoft.Extensions.Options;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Api.Sources;

/// <summary>
/// The teacher's upload and choice of source as files in <see cref="ActiveSourceOptions.DataPath"/>: the originals,
/// written before their copies in the cache (which the worker and every api replica read) and read back when the cache
/// has lost them. Each write replaces the whole file at once (a temporary file renamed over it), so a crash leaves the
/// old file or the new one, never half of one.
/// </summary>
public sealed class SourceChoiceFiles(IOptions<ActiveSourceOptions> options, IHostEnvironment environment)
{
    public const string UploadFileName = "uploaded.csv";
    public const string ChoiceFileName = "active-source.txt";

    public string Folder { get; } = Path.GetFullPath(options.Value.DataPath, environment.ContentRootPath);

    public string UploadPath => Path.Combine(Folder, UploadFileName);

    public string ChoicePath => Path.Combine(Folder, ChoiceFileName);

    public bool HasUpload => File.Exists(UploadPath);

    public Task WriteUploadAsync(string text, CancellationToken cancellationToken) => ReplaceAsync(UploadPath, text, cancellationToken);

    public async Task<string?> ReadUploadAsync(CancellationToken cancellationToken) =>
        File.Exists(UploadPath) ? await File.ReadAllTextAsync(UploadPath, Encoding.UTF8, cancellationToken) : null;

    /// <summary>Keeps <paramref name="kind"/>, or forgets the choice (null: the configured source).</summary>
    public async Task WriteChoiceAsync(SurveySourceKind? kind, CancellationToken cancellationToken)
    {
        if (kind is { } chosen)
        {
            await ReplaceAsync(ChoicePath, chosen.ToString(), cancellationToken);
        }
        else
        {
            File.Delete(ChoicePath);
        }
    }

    /// <summary>The kept choice, or null when there is none (or it names no source).</summary>
    public async Task<SurveySourceKind?> ReadChoiceAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(ChoicePath))
        {
            return null;
        }

        var text = (await File.ReadAllTextAsync(ChoicePath, cancellationToken)).Trim();
        return Enum.TryParse<SurveySourceKind>(text, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;
    }

    private async Task ReplaceAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), cancellationToken);
                // On the disk before the rename makes it the file: a crash right after must not leave an empty one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
