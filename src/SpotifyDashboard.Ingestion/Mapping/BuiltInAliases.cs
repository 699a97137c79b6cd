using SpotifyDashboard.Core.Survey;
namespace SpotifyDashboard.Ingestion.Mapping;

/// <summary>
/// Phrases that name each field in real forms: English and Spanish question titles as Google Forms writes them,
/// and the Timestamp header in the languages Forms uses. A header matches an alias when it is the
/// alias or contains it as whole words; longer (more specific) aliases win.
/// </summary>
public static class BuiltInAliases
{
    public static IReadOnlyDictionary<SurveyField, string[]> All { get; } = new Dictionary<SurveyField, string[]>
    {
        [SurveyField.Timestamp] = ["timestamp", "time stamp", "submitted at", "submission time", "submitted",
            "marca temporal", "horodateur", "horodatage", "zeitstempel", "carimbo de data hora", "informazioni cronologiche",
            "tijdstempel", "sygnatura czasowa", "tidsstempel", "tidsstämpel", "tidstämpel", "aikaleima", "časová značka",
            "zaman damgası", "отметка времени", "позначка часу", "dấu thời gian", "cap waktu", "marcă temporală",
            "időbélyeg", "χρονική σήμανση", "タイムスタンプ", "타임스탬프", "时间戳", "時間戳記", "टाइमस्टैम्प", "الطابع الزمني"],
        [SurveyField.Name] = ["name", "full name", "your name", "student name", "first and last name", "nombre", "nom"],
        [SurveyField.Age] = ["age", "how old are you", "how old", "your age", "edad"],
        [SurveyField.Major] = ["major", "your major", "field of study", "degree", "programme", "program", "study program",
            "course of study", "what do you study", "subject", "carrera"],
        [SurveyField.Year] = ["year", "year of study", "class year", "what year are you in", "academic year", "grade level", "class standing"],
        [SurveyField.Hometown] = ["hometown", "home town", "where are you from", "city", "where did you grow up", "hometown city",
            "ciudad de origen", "de donde eres"],
        [SurveyField.Song] = ["song", "favourite song", "favorite song", "song title", "song name", "track", "track name",
            "title", "cancion", "cancion favorita"],
        [SurveyField.Artist] = ["artist", "artist name", "singer", "band", "performer", "artista", "who sings it", "by whom"],
        [SurveyField.HoursPerDay] = ["hours per day", "hours a day", "hours", "hours of music", "how many hours", "horas"],
        [SurveyField.ListeningTime] = ["listening time", "time of day", "when do you listen", "when do you usually listen",
            "when do you", "what time of day", "usually listen", "cuando escuchas musica", "cuando escuchas"],
    };

    /// <summary>
    /// Words that rule a header out for a field: "Artist of your favourite song" is the artist,
    /// "Song name" is not the student's name.
    /// </summary>
    public static IReadOnlyDictionary<SurveyField, string[]> Excluding { get; } = new Dictionary<SurveyField, string[]>
    {
        [SurveyField.Song] = ["artist", "artists", "singer", "band", "performer", "artista"],
        [SurveyField.Name] = ["song", "artist", "track", "band", "singer", "title", "cancion"],
        [SurveyField.Year] = ["old", "age"],
        [SurveyField.Timestamp] = ["birth"],
    };
}
