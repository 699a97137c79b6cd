namespace SpotifyDashboard.Api.Tests.Admin;

/// <summary>Forms "Download responses (.csv)" files, with the columns a real class form grows (id, last name, e-mail).</summary>
public static class UploadCsv
{
    public const string Header =
        "\"Timestamp\",\"Your name\",\"Student ID\",\"Last name\",\"Email address\",\"What's your favourite song?\",\"Who is the artist?\",\"Major\",\"Year\",\"Age\",\"Hometown\"";

    /// <summary>Three usable answers and one without a song.</summary>
    public const string Good =
        Header + "\r\n" +
        "\"9/2/2026 10:15:00\",\"Ana María\",\"S-918273\",\"Zabaleta-Secret\",\"ana.secret@example.edu\",\"Volare\",\"Gipsy Kings\",\"Biology\",\"Freshman\",\"19\",\"Springfield-Secret\"\r\n" +
        "\"9/2/2026 10:16:00\",\"Bo O'Neil\",\"S-555001\",\"Quartermaine-Secret\",\"bo.secret@example.edu\",\"Despacito\",\"Luis Fonsi\",\"Physics\",\"Sophomore\",\"20\",\"Shelbyville-Secret\"\r\n" +
        "\"9/2/2026 10:17:00\",\"Cy\",\"S-555002\",\"Vandermeer-Secret\",\"cy.secret@example.edu\",\"\",\"Nobody\",\"Art\",\"Junior\",\"21\",\"Ogdenville-Secret\"\r\n" +
        "\"9/2/2026 10:18:00\",\"Di\",\"S-555003\",\"Whitlock-Secret\",\"di.secret@example.edu\",\"Bohemian Rhapsody\",\"Queen\",\"History\",\"Senior\",\"22\",\"Capital-Secret\"\r\n";

    /// <summary>Names and the unmapped columns' values: never in a preview, never shown to the class.</summary>
    public static readonly string[] NamesAndUnmapped =
    [
        "Ana María", "O'Neil", "S-918273", "S-555001", "S-555002", "Zabaleta-Secret", "Quartermaine-Secret", "Vandermeer-Secret",
        "ana.secret@example.edu", "bo.secret@example.edu", "cy.secret@example.edu",
    ];

    /// <summary>Never shown to the class: the above and the hometowns (quasi-identifying in a small class).</summary>
    public static readonly string[] Identifying = [.. NamesAndUnmapped, "Springfield-Secret", "Ogdenville-Secret"];
}
