using System.IO.Compression;

namespace SpotifyDashboard.Ingestion.Reading;

/// <summary>
/// The Forms "Download responses (.csv)" file often arrives zipped (one CSV inside a .zip, named after the form):
/// it is taken as it comes. A zip with no CSV, or with several, is refused with a message that says so.
/// </summary>
public static class ZippedCsv
{
    /// <summary>The largest CSV taken out of a zip: far more than a class survey, far less than a zip bomb.</summary>
    public const long MaxCsvBytes = 64 * 1024 * 1024;

    /// <summary>Whether the bytes start like a zip archive (a local file header, or the end record of an empty one).</summary>
    public static bool IsZip(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && start[0] == (byte)'P' && start[1] == (byte)'K'
        && ((start[2] == 3 && start[3] == 4) || (start[2] == 5 && start[3] == 6));

    /// <summary>The bytes of the one CSV in the zip.</summary>
    /// <exception cref="SurveySourceException">Not a readable zip, no CSV or several in it, or a CSV over <paramref name="maxBytes"/>.</exception>
    public static async Task<byte[]> ExtractAsync(Stream zip, long maxBytes, CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        }
        catch (InvalidDataException)
        {
            throw new SurveySourceException("The file is not a CSV file: it starts like a .zip but cannot be opened as one. Download the responses again.");
        }

        await using (archive)
        {
            var files = archive.Entries.Where(e => !e.FullName.EndsWith('/') && !IsSystemLitter(e.FullName)).ToList();
            var csvs = files.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (csvs.Count == 0)
            {
                throw new SurveySourceException(
                    "The .zip holds no .csv file, so it is not a CSV download of the responses.",
                    $"The .zip holds no .csv file ({(files.Count == 0 ? "it is empty" : "it holds " + string.Join(", ", files.Take(5).Select(f => f.FullName)))}), " +
                    "so it is not a CSV download of the responses: in Google Forms use Responses → ⋮ → Download responses (.csv).");
            }

            if (csvs.Count > 1)
            {
                throw new SurveySourceException(
                    "The .zip holds several .csv files: give just the one with the responses.",
                    $"The .zip holds several .csv files ({string.Join(", ", csvs.Take(5).Select(f => f.FullName))}{(csvs.Count > 5 ? ", …" : "")}): give just the one with the responses.");
            }

            var entry = csvs[0];
            if (entry.Length > maxBytes)
            {
                throw TooLarge(entry.FullName, maxBytes);
            }

            try
            {
                await using var content = await entry.OpenAsync(cancellationToken);
                using var buffer = new MemoryStream();
                var chunk = new byte[64 * 1024];
                int read;
                while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
                {
                    // The declared size may lie: count what really comes out.
                    if (buffer.Length + read > maxBytes)
                    {
                        throw TooLarge(entry.FullName, maxBytes);
                    }

                    buffer.Write(chunk, 0, read);
                }

                return buffer.ToArray();
            }
            catch (InvalidDataException)
            {
                throw new SurveySourceException($"The .csv inside the .zip is damaged and cannot be unpacked. Download the responses again.", $"{entry.FullName} inside the .zip is damaged and cannot be unpacked. Download the responses again.");
            }
        }
    }

    private static SurveySourceException TooLarge(string name, long maxBytes) => new(
        $"The .csv inside the .zip is larger than {maxBytes / (1024 * 1024)} MB: this is probably not the responses file.",
        $"{name} inside the .zip is larger than {maxBytes / (1024 * 1024)} MB: this is probably not the responses file.");

    // What macOS adds when it zips a folder: not the user's files.
    private static bool IsSystemLitter(string name) =>
        name.StartsWith("__MACOSX/", StringComparison.Ordinal) || Path.GetFileName(name).StartsWith("._", StringComparison.Ordinal);
}
