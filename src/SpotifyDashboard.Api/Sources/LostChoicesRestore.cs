using SpotifyDashboard.Core.Storage;
using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Enrichment.Curation;
using StackExchange.Redis;

namespace SpotifyDashboard.Api.Sources;

/// <summary>
/// Puts the teacher's upload, choice of source and song mappings back into the cache from <see cref="SourceChoiceFiles"/> when the
/// cache has lost them (a new or flushed cache, a restored backup): the worker then reads the uploaded class again
/// instead of falling back to the configured source. Only what is missing is written, so a newer value is never
/// overwritten.
/// </summary>
public sealed partial class LostChoicesRestore(
    SourceChoiceFiles files,
    ActiveSourceStore store,
    SongOverrideStore overrides,
    IConnectionMultiplexer redis,
    ILogger<LostChoicesRestore> logger)
{
    /// <summary>
    /// Restores what the cache lacks; the answer is the choice the cache now holds (<paramref name="inCache"/> when it had
    /// one). A file that cannot be read is logged and leaves the cache as it is.
    /// </summary>
    public async Task<SurveySourceKind?> RestoreAsync(SurveySourceKind? inCache, CancellationToken cancellationToken)
    {
        try
        {
            // The upload before the choice: once csv is the active source the worker reads the upload.
            if (files.HasUpload && !await redis.GetDatabase().KeyExistsAsync(RedisKeys.UploadedCsv)
                && await files.ReadUploadAsync(cancellationToken) is { } upload
                && await redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, upload, when: When.NotExists))
            {
                LogRestoredUpload(files.UploadPath);
            }

            if (!await overrides.AnyAsync() && await files.ReadOverridesAsync(cancellationToken) is { Count: > 0 } kept
                && await overrides.RestoreAsync(kept) is > 0 and var restored)
            {
                LogRestoredOverrides(restored, files.OverridesPath);
            }

            if (inCache is null && await files.ReadChoiceAsync(cancellationToken) is { } choice)
            {
                if (await store.RestoreOverrideAsync(choice))
                {
                    LogRestoredChoice(choice.StorageName(), files.ChoicePath);
                }

                return await store.GetOverrideAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            LogFilesUnreadable(ex, files.Folder);
        }

        return inCache;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache had lost the teacher's uploaded CSV; restored it from {Path}")]
    private partial void LogRestoredUpload(string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache had lost the teacher's song mappings; restored {Count} from {Path}")]
    private partial void LogRestoredOverrides(int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache had lost the teacher's choice of source; restored {Source} from {Path}")]
    private partial void LogRestoredChoice(string source, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not read the teacher's upload, choice of source or song mappings in {Folder}")]
    private partial void LogFilesUnreadable(Exception exception, string folder);
}
