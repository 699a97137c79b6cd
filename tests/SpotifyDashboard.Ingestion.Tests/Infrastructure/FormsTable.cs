using SpotifyDashboard.Ingestion.Reading;

namespace SpotifyDashboard.Ingestion.Tests.Infrastructure;

/// <summary>Tables shaped like a Google Forms responses tab.</summary>
public static class FormsTable
{
    public static readonly string[] Headers =
    [
        "Timestamp", "Your name", "How old are you?", "What is your major?", "What year are you in?",
        "Where are you from (hometown)?", "What's your favourite song?", "Who is the artist?",
        "How many hours a day do you listen to music?", "When do you usually listen to music?", "Email address",
    ];

    public static string[] Row(string timestamp, string name, string song, string artist, string age = "20", string hours = "2", string major = "Biology") =>
        [timestamp, name, age, major, "Sophomore", "Lyon", song, artist, hours, "Evening", ""];

    public static SurveyTable Of(params string[][] rows) => SurveyTable.Create(Headers, rows);
}
