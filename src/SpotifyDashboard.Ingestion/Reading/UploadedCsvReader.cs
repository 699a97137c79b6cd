using SpotifyDashboard.Core.Storage;
using StackExchange.Redis;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// Reads the CSV the teacher uploaded (<see cref="RedisKeys.UploadedCsv"/>): while one is stored, the <c>csv</c> source
/// reads it instead of <c>Survey:CsvPath</c> or <c>Survey:CsvUrl</c>, on every replica alike.
/// </summary>
public sealed class UploadedCsvReader(IConnectionMultiplexer redis) : ISurveyTableReader
{
    public string Description => "uploaded CSV";

    public static Task<bool> IsPresentAsync(IConnectionMultiplexer redis) => redis.GetDatabase().KeyExistsAsync(RedisKeys.UploadedCsv);

    public async Task<SurveyTable> ReadAsync(CancellationToken cancellationToken)
    {
        var text = await redis.GetDatabase().StringGetAsync(RedisKeys.UploadedCsv);
        if (text.IsNull)
        {
            throw new SurveySourceException("The uploaded CSV was removed; upload it again or set Survey:CsvPath or Survey:CsvUrl.");
        }

        using var stream = new MemoryStream((byte[])text!, writable: false);
        return await CsvTableParser.ParseAsync(stream, cancellationToken);
    }
}
