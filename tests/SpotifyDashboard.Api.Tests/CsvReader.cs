namespace SpotifyDashboard.Api.Tests;

/// <summary>A strict RFC 4180 reader for checking the export: quoted cells may hold commas, quotes and line breaks.</summary>
public static class CsvReader
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "A quoted cell is not closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                Assert.True(i >= text.Length || text[i] is ',' or '\r', $"Text after a closing quote at {i}.");
                continue;
            }

            if (text[i] == ',')
            {
                record.Add(cell.ToString());
                cell.Clear();
                i++;
            }
            else if (text[i] == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"A bare CR outside quotes at {i}.");
                record.Add(cell.ToString());
                cell.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]);
                Assert.NotEqual('"', text[i]);
                cell.Append(text[i++]);
            }
        }

        Assert.True(record.Count == 0 && cell.Length == 0, "The last line does not end with CRLF.");
        return records;
    }
}
