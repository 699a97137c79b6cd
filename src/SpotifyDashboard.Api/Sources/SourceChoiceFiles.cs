namespace SpotifyDashboard.Api.Sources;

/// <summary>
/// The teacher's upload, choice of source and song mappings as files in <see cref="ActiveSourceOptions.DataPath"/>: the originals,
/// written before their copies in the cache (which the worker and every api replica read) and read back when the cache
/// has lost them. Each write replaces the whole file at once (a temporary file renamed over it), so a crash leaves the
/// old file or the new one, never half of one.
/// </summary>
public sealed class SourceChoiceFiles(IOptions<ActiveSourceOptions> options, IHostEnvironment environment)
{
    public const string UploadFileName = "uploaded.csv";
    public const string ChoiceFileName = "active-source.txt";
    public const string OverridesFileName = "song-overrides.json";

    public string Folder { get; } = Path.GetFullPath(options.Value.DataPath, environment.ContentRootPath);

    public string UploadPath => Path.Combine(Folder, UploadFileName);

    public string ChoicePath => Path.Combine(Folder, ChoiceFileName);

    public string OverridesPath => Path.Combine(Folder, OverridesFileName);

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

    /// <summary>The kept song mappings, one per song key; none when there is no file yet.</summary>
    public async Task<IReadOnlyList<SongOverride>> ReadOverridesAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(OverridesPath))
        {
            return [];
        }

        await using var stream = File.OpenRead(OverridesPath);
        return await JsonSerializer.DeserializeAsync<List<SongOverride>>(stream, DashboardJson.Options, cancellationToken) ?? [];
    }

    /// <summary>Keeps <paramref name="songOverride"/> beside the mappings already kept (and those only the cache holds).</summary>
    public async Task AddOverrideAsync(SongOverride songOverride, IEnumerable<SongOverride> inCache, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, SongOverride>(StringComparer.Ordinal);
        foreach (var kept in inCache.Concat(await ReadOverridesAsync(cancellationToken)))
        {
            if (!all.TryGetValue(kept.SongKey, out var other) || other.CreatedAt < kept.CreatedAt)
            {
                all[kept.SongKey] = kept;
            }
        }

        all[songOverride.SongKey] = songOverride;
        var json = JsonSerializer.Serialize(all.Values.OrderBy(o => o.SongKey, StringComparer.Ordinal), DashboardJson.Options);
        await ReplaceAsync(OverridesPath, json, cancellationToken);
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
