using SpotifyDashboard.Core.Survey;
using SpotifyDashboard.Ingestion.Mapping;
using SpotifyDashboard.Core.Configuration;
using SpotifyDashboard.Ingestion.Tests.Infrastructure;
using SpotifyDashboard.Ingestion.Validation;

namespace SpotifyDashboard.Ingestion.Tests.Validation;

public class RowValidatorTests
{
    private static readonly HeaderMapping Mapping = new HeaderMapper().Map(FormsTable.Headers);
    private static readonly RowValidator Validator = new(new SurveyOptions());

    [Fact]
    public void AcceptsAGoodRowAndNormalizesIt()
    {
        var check = Validator.Validate(
            ["11/20/2026 9:15:02", " Ana ", "20", "Biology", "1st year", "Sevilla", " Despacito ", "Luis Fonsi", "2,5", "at night", "ana@example.com"],
            Mapping);

        var row = Assert.IsType<SurveyResponse>(check.Row);
        Assert.Equal("Despacito", row.FavoriteSong);
        Assert.Equal("Freshman", row.Year);
        Assert.Equal("Late night", row.ListeningTime);
        Assert.Equal(2.5, row.HoursPerDay);
        Assert.Equal(20, row.Age);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 15, 2, TimeSpan.Zero), row.SubmittedAt);
    }

    [Fact]
    public void GivesEveryReasonAtOnce()
    {
        var check = Validator.Validate(["", "Eve", "7", "Art", "", "", "", "", "30", "", ""], Mapping);

        Assert.False(check.IsValid);
        Assert.Equal(["no song", "no artist", "no timestamp", "age 7 is outside 10–100", "hours per day '30' is more than 24"], check.Reasons);
    }

    [Fact]
    public void RejectsOverLongValuesByVisibleLength()
    {
        var longSong = new string('x', 201);
        var check = Validator.Validate(FormsTable.Row("11/20/2026 9:15:02", "Ana", longSong, "Queen"), Mapping);

        Assert.Equal(["Song is 201 characters long (the limit is 200)"], check.Reasons);
        Assert.True(Validator.Validate(FormsTable.Row("11/20/2026 9:15:02", "Ana", string.Concat(Enumerable.Repeat("🎸", 200)), "Queen"), Mapping).IsValid);
    }

    [Fact]
    public void AnEmptyRowIsQuarantinedNotDropped()
    {
        var check = Validator.Validate(["", "", "", ""], Mapping);

        Assert.Equal(["the row is empty"], check.Reasons);
    }
}
