using SpotifyDashboard.Core.Commands;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// The teacher uploads the Forms "Download responses (.csv)" file (or the .zip it comes in): previewed first, then made
/// the CSV source; the CSV text is what is stored.
/// A file that cannot be used changes nothing.
/// </summary>
public static partial class UploadApi
{
    public const string FileField = "file";

    /// <summary>The file, plus room for the multipart boundaries and part headers around it.</summary>
    public const long MaxRequestBytes = UploadInspector.MaxBytes + 64 * 1024;

    private const int MaxOtherPartBytes = 64 * 1024;

    // The Forms download may come as the .zip Google gives, holding the CSV.
    private static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/zip", "application/x-zip-compressed"];

    public static IEndpointRouteBuilder MapUploadApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/upload", Upload)
            .RequireAuthorization(AdminKeyAuthenticationHandler.PolicyName)
            // No general body limit here: the handler allows 10 MB itself and says so in the teacher's words.
            .WithMetadata(new BodyLimit(null))
            .WithTags("Admin")
            .WithName("UploadSurveyCsv")
            .WithSummary("Admin: preview (preview=true, the default) or upload a Forms CSV, or the .zip holding it (multipart field 'file', or a text/csv or application/zip body; at most 10 MB); an upload becomes the csv source");
        return app;
    }

    /// <summary>
    /// 200 with the preview; with <c>preview=false</c> 202 once stored and made active, or 422 with the preview's
    /// problems when the file cannot be used. 413 beyond 10 MB, 415 for a body that is neither multipart nor CSV.
    /// </summary>
    public static async Task<Results<Ok<UploadPreview>, Accepted<UploadPreview>, UnprocessableEntity<UploadPreview>, ProblemHttpResult>> Upload(
        HttpContext context,
        UploadInspector inspector,
        ActiveSource activeSource,
        WorkerCommandQueue commands,
        IConnectionMultiplexer redis,
        SourceChoiceFiles files,
        ILoggerFactory loggers,
        CancellationToken cancellationToken,
        bool preview = true)
    {
        // This endpoint only: Kestrel then stops reading past the limit instead of taking its 30 MB default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxRequestBytes;
        }

        if (context.Request.ContentLength > MaxRequestBytes)
        {
            return TooLarge();
        }

        ReadResult read;
        try
        {
            read = await ReadFileAsync(context.Request, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return BadRequest("The multipart body could not be read; send the file as multipart/form-data in the field 'file', or as a text/csv body.");
        }

        if (read.Problem is { } problem)
        {
            return problem;
        }

        if (read.File is not { } file)
        {
            return TooLarge();
        }

        var inspection = await inspector.InspectAsync(file.Bytes, file.Name, cancellationToken);
        if (preview)
        {
            return TypedResults.Ok(inspection.Preview);
        }

        if (inspection.Text is null)
        {
            return TypedResults.UnprocessableEntity(inspection.Preview);
        }

        // The text first: once the csv source is active the worker reads it. Each into its file, then the cache, so
        // that losing the cache loses neither.
        try
        {
            await files.WriteUploadAsync(inspection.Text, cancellationToken);
            await redis.GetDatabase().StringSetAsync(RedisKeys.UploadedCsv, inspection.Text);
            await activeSource.ChooseAsync(SurveySourceKind.Csv);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotSaved(loggers.CreateLogger(typeof(UploadApi).FullName!), ex, files.Folder);
            return ApiChecks.Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Upload not saved",
                "The file is fine, but the api could not save it in its data folder, so it did not become the active source (it would not survive a restart of the cache). The server's log says why.");
        }

        await commands.QueueAsync(WorkerCommand.ReadNowType);
        return TypedResults.Accepted("/api/admin/sources", inspection.Preview);
    }

    private sealed record UploadedFile(string? Name, byte[] Bytes);

    /// <summary>The file, or null when it is too large; or the problem with the request.</summary>
    private sealed record ReadResult(UploadedFile? File, ProblemHttpResult? Problem);

    private static async Task<ReadResult> ReadFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) ? mediaType.MediaType.Value : null;
        if (string.Equals(type, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(mediaType!.Boundary).Value;
            if (string.IsNullOrEmpty(boundary))
            {
                return new(null, BadRequest("The multipart body has no boundary."));
            }

            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                var disposition = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var parsed) ? parsed : null;
                var isFile = string.Equals(HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value, FileField, StringComparison.Ordinal);
                var bytes = await ReadCappedAsync(section.Body, isFile ? UploadInspector.MaxBytes : MaxOtherPartBytes, cancellationToken);
                if (bytes is null)
                {
                    return new(null, null);
                }

                if (isFile)
                {
                    var name = HeaderUtilities.RemoveQuotes(disposition!.FileName).Value ?? disposition.FileNameStar.Value;
                    return new(new UploadedFile(Path.GetFileName(name), bytes), null);
                }
            }

            return new(null, BadRequest($"The form has no field '{FileField}': put the CSV file in it."));
        }

        if (type is not null && CsvMediaTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            var bytes = await ReadCappedAsync(request.Body, UploadInspector.MaxBytes, cancellationToken);
            return bytes is null ? new(null, null) : new(new UploadedFile(null, bytes), null);
        }

        return new(null, ApiChecks.Problem(
            StatusCodes.Status415UnsupportedMediaType,
            "Unsupported upload",
            $"Send the CSV as multipart/form-data in the field '{FileField}', or as a text/csv body; got '{request.ContentType ?? "no content type"}'."));
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream stream, int max, CancellationToken cancellationToken) =>
        (await BodyLimitMiddleware.ReadCappedAsync(stream, max, cancellationToken))?.ToArray();

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save the uploaded CSV in {Folder}; the upload was refused")]
    private static partial void LogNotSaved(ILogger logger, Exception exception, string folder);

    private static ProblemHttpResult BadRequest(string detail) => ApiChecks.Problem(StatusCodes.Status400BadRequest, "Unreadable form", detail);

    private static ProblemHttpResult TooLarge() => ApiChecks.Problem(
        StatusCodes.Status413PayloadTooLarge,
        "File too large",
        $"At most {UploadInspector.MaxBytes / (1024 * 1024)} MB can be uploaded; a class survey's CSV is far smaller, so this is probably not the responses file.");
}
