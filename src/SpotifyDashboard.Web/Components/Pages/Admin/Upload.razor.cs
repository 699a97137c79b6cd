using Microsoft.AspNetCore.Components.Forms;

namespace SpotifyDashboard.Web.Components.Pages.Admin;

/// <summary>
/// A Forms export uploaded through the web: size checked here first, then previewed by the api (mapping, unmapped
/// headers, first rows, problems) and only used when the teacher says so. A file the api cannot use changes nothing.
/// </summary>
public partial class Upload
{
    private string? _fileName;
    private byte[]? _content;
    private UploadPreview? _preview;
    private UploadPreview? _used;
    private ApiProblem? _problem;
    private string? _fileProblem;
    private bool _busy;

    protected override Task LoadAsync() => Task.CompletedTask;

    private async Task PreviewAsync(InputFileChangeEventArgs e)
    {
        _preview = _used = null;
        _problem = null;
        _fileProblem = null;
        _content = null;

        var file = e.File;
        if (file.Size > AdminApiClient.MaxUploadBytes)
        {
            _fileProblem = $"{file.Name} is {FormatBytes(file.Size)}; the limit is {FormatBytes(AdminApiClient.MaxUploadBytes)}. Download the responses again or split the file.";
            return;
        }

        if (file.Size == 0)
        {
            _fileProblem = $"{file.Name} is empty.";
            return;
        }

        _busy = true;
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(AdminApiClient.MaxUploadBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            _fileName = file.Name;
            _content = buffer.ToArray();
            var result = await Admin.UploadAsync(_fileName, _content, preview: true);
            _preview = result.Value;
            _problem = result.Problem;
        }
        catch (IOException ex)
        {
            _fileProblem = $"{file.Name} could not be read: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UseAsync()
    {
        if (_content is null || _fileName is null)
        {
            return;
        }

        _busy = true;
        var result = await Admin.UploadAsync(_fileName, _content, preview: false);
        _busy = false;
        _problem = result.Problem;
        if (result.Value is { CanUse: true } used)
        {
            _used = used;
            _content = null;
        }
        else if (result.Value is { } refused)
        {
            _preview = refused;
        }
    }

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => $"{bytes} bytes",
    };
}
