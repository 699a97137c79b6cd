using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Core.Survey;

namespace SpotifyDashboard.Ingestion.Tests.Mapping;

public class HeaderMapperTests
{
    [Fact]
    public void MapsGoogleFormsQuestionTitlesToFields()
    {
        var mapping = new HeaderMapper().Map(FormsTable.Headers);

        Assert.Equal(0, mapping.ColumnOf(SurveyField.Timestamp));
        Assert.Equal(1, mapping.ColumnOf(SurveyField.Name));
        Assert.Equal(2, mapping.ColumnOf(SurveyField.Age));
        Assert.Equal(3, mapping.ColumnOf(SurveyField.Major));
        Assert.Equal(4, mapping.ColumnOf(SurveyField.Year));
        Assert.Equal(5, mapping.ColumnOf(SurveyField.Hometown));
        Assert.Equal(6, mapping.ColumnOf(SurveyField.Song));
        Assert.Equal(7, mapping.ColumnOf(SurveyField.Artist));
        Assert.Equal(8, mapping.ColumnOf(SurveyField.HoursPerDay));
        Assert.Equal(9, mapping.ColumnOf(SurveyField.ListeningTime));
    }

    [Fact]
    public void IgnoresCaseAccentsAndPunctuation()
    {
        var mapping = new HeaderMapper().Map(["  MARCA TEMPORAL ", "¿Canción favorita?", "ARTISTA!!", "Nombre:"]);

        Assert.Equal(0, mapping.ColumnOf(SurveyField.Timestamp));
        Assert.Equal(1, mapping.ColumnOf(SurveyField.Song));
        Assert.Equal(2, mapping.ColumnOf(SurveyField.Artist));
        Assert.Equal(3, mapping.ColumnOf(SurveyField.Name));
    }

    [Fact]
    public void TellsTheArtistQuestionFromTheSongQuestionWhenBothMentionTheSong()
    {
        var mapping = new HeaderMapper().Map(["Timestamp", "Artist of your favourite song", "Song name"]);

        Assert.Equal(1, mapping.ColumnOf(SurveyField.Artist));
        Assert.Equal(2, mapping.ColumnOf(SurveyField.Song));
        Assert.Null(mapping.ColumnOf(SurveyField.Name));
    }

    [Fact]
    public void ConfiguredAliasesWinOverBuiltInOnes()
    {
        var configured = new Dictionary<string, string> { ["Song"] = "Tune you can't stop humming|Other", ["Artist"] = "Who made it" };

        var mapping = new HeaderMapper(configured).Map(["Timestamp", "Song (optional second pick)", "Tune you can't stop humming", "Who made it"]);

        Assert.Equal(2, mapping.ColumnOf(SurveyField.Song));
        Assert.Equal(3, mapping.ColumnOf(SurveyField.Artist));
    }

    [Fact]
    public void AMissingRequiredColumnNamesTheColumnAndTheHeadersSeen()
    {
        var error = Assert.Throws<HeaderMappingException>(() => new HeaderMapper().Map(["Timestamp", "Your name", "Favourite song"]));

        Assert.Equal([SurveyField.Artist], error.Missing);
        Assert.Contains("Artist", error.Message);
        Assert.Contains("\"Favourite song\"", error.Message);
        Assert.Contains("Survey:Columns:Artist", error.Message);
    }

    [Fact]
    public void ReportsTheMappingFoundAndTheUnmappedHeaders()
    {
        var report = new HeaderMapper().Map(FormsTable.Headers).ToReport();

        Assert.Contains(report.Matches, m => m is { Field: "Song", Header: "What's your favourite song?", Column: 6 });
        Assert.Equal(["Email address"], report.Unmapped);
        Assert.Equal(FormsTable.Headers, report.HeadersSeen);
    }

    [Theory]
    [InlineData("Zeitstempel")]
    [InlineData("Horodateur")]
    [InlineData("Marca temporal")]
    [InlineData("Tijdstempel")]
    [InlineData("Sygnatura czasowa")]
    [InlineData("Carimbo de data/hora")]
    [InlineData("Informazioni cronologiche")]
    [InlineData("Zaman damgası")]
    [InlineData("Отметка времени")]
    [InlineData("タイムスタンプ")]
    [InlineData("टाइमस्टैम्प")]
    public void TheTimestampHeaderInTheFormsLanguagesMapsByItself(string header)
    {
        var mapping = new HeaderMapper().Map([header, "Song", "Artist", "Lieblingsfarbe"]);

        Assert.Equal(0, mapping.ColumnOf(SurveyField.Timestamp));
        Assert.Equal(["Lieblingsfarbe"], mapping.ToReport().Unmapped);
    }
}
