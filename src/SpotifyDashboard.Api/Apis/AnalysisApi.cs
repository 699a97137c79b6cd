using Microsoft.AspNetCore.Mvc;
using SpotifyDashboard.Analysis.Classification;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using static SpotifyDashboard.Api.Apis.ApiChecks;

namespace SpotifyDashboard.Api.Apis;

/// <summary>
/// The latest analysis of the active source, served from memory (<see cref="SnapshotCache"/>). Until the worker
/// has published one, every endpoint answers 503 "No analysis yet".
/// </summary>
public static class AnalysisApi
{
    public const int MaxTwins = 50;
    public const int DefaultTwins = 5;

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Analysis");

        api.MapGet("/clusters", GetClusters)
            .WithName("GetClusters")
            .WithSummary("Clusters of the class's music: names, sizes, profiles, PCA axes and every response as a 3D point");
        api.MapGet("/twins/{responseId}", GetTwins)
            .WithName("GetTwins")
            .WithSummary("The k responses whose songs are most alike (cosine similarity), with the three features that match most");
        api.MapPost("/twins", FindTwinsForSong)
            .Validates<TwinsRequest>("Invalid song", r => r.Validate(MaxTwins))
            .WithName("FindTwinsForSong")
            .RequireRateLimiting(AnonymousLimits.SongLookupPolicy)
            .WithSummary("Enriches any song and finds the k students whose songs are most alike, with the song's Music DNA score among the class");
        api.MapGet("/model", GetModel)
            .WithName("GetModel")
            .WithSummary("The major predictor's cross-validated accuracy next to the majority-class baseline, confusion matrix and feature importance");
        api.MapPost("/predict-major", PredictMajor)
            .Validates<PredictMajorRequest>("Invalid song", r => r.Validate())
            .WithName("PredictMajor")
            .RequireRateLimiting(AnonymousLimits.SongLookupPolicy)
            .WithSummary("Enriches any song and predicts the major of someone who names it, with every major's probability");
        api.MapPost("/compare", CompareListener)
            .WithName("CompareListener")
            .RequireRateLimiting(AnonymousLimits.SongLookupPolicy)
            .WithSummary("Places a listener's tracks (Spotify ids) or typed songs in the class: mean taste, nearest cluster, PCA point, DNA score, twins and predicted major");
        api.MapPost("/compare/file", CompareListenerFile)
            .WithMetadata(new BodyLimit(CompareLimits.MaxFileBytes))
            .WithName("CompareListenerFile")
            .RequireRateLimiting(AnonymousLimits.SongLookupPolicy)
            .WithSummary("The same for the tracks of a listener's own export (request body: an Exportify playlist CSV or a Spotify data download's StreamingHistory/YourLibrary JSON), read in memory and not kept");

        return app;
    }

    /// <summary>Serialized once per view (answers × snapshot), with an ETag: <c>If-None-Match</c> gets a 304.</summary>
    public static async Task<Results<JsonAnswerResult<ClustersAnswer>, ProblemHttpResult>> GetClusters(
        ClassDataCache data,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var view = await data.GetAsync(cancellationToken);
        if (view.Analysis is not { } analysis)
        {
            return NoAnalysisYet(view.Source);
        }

        return new JsonAnswerResult<ClustersAnswer>(await view.Answers.GetOrAddAsync(
            "clusters",
            static s => JsonAnswer.Of(AnalysisAnswers.Clusters(s.analysis, s.view), s.options, $"clusters-v{s.analysis.Version}"),
            (analysis, view, options: json.Value.SerializerOptions)));
    }

    /// <param name="k">Bound as text so that "abc" gets a 400 that names the value.</param>
    /// <remarks>Serialized once per (view, response, k), for as many as <see cref="ClassTable.AnswerLimit"/> of them.</remarks>
    public static async Task<Results<JsonAnswerResult<TwinsAnswer>, ValidationProblem, ProblemHttpResult>> GetTwins(
        string responseId,
        [FromQuery] string? k,
        ClassDataCache data,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var count = DefaultTwins;
        if (k is not null && (!int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxTwins))
        {
            return Invalid("k", $"k must be a whole number from 1 to {MaxTwins}; got '{k}'.", "Invalid number of twins");
        }

        var view = await data.GetAsync(cancellationToken);
        if (view.Analysis is not { } analysis)
        {
            return NoAnalysisYet(view.Source);
        }

        if (analysis.Twins is null)
        {
            return TwinsUnavailable();
        }

        if (analysis.FindPoint(responseId) is not { } point)
        {
            return Problem(
                StatusCodes.Status404NotFound,
                "Response not in the analysis",
                $"The latest analysis has no response '{responseId}': the id is unknown, its song is not enriched yet or has no features, or the student answered again later.");
        }

        return new JsonAnswerResult<TwinsAnswer>(await view.Answers.GetOrAddAsync(
            $"twins:{count}:{responseId}",
            static s => Twins(s.responseId, s.count, s.analysis, s.view, s.point, s.options),
            (responseId, count, analysis, view, point, options: json.Value.SerializerOptions)));
    }

    private static JsonAnswer Twins(string responseId, int count, ServedAnalysis analysis, ClassTable view, SnapshotPoint point, JsonSerializerOptions options)
    {
        // The finder indexes the snapshot's points, so a response with a point has its row there.
        var twins = analysis.Twins!.FindForResponse(responseId, count)
            ?? throw new InvalidOperationException($"Snapshot {analysis.Version} has a point for '{responseId}' but no row in its twin finder.");
        return JsonAnswer.Of(AnalysisAnswers.TwinsOfResponse(responseId, count, analysis, view, point, twins), options, $"twins-v{analysis.Version}");
    }

    /// <summary>
    /// Like <see cref="PredictMajor"/>: 400 for a missing or too long song or a k outside 1–50; 503 without an analysis
    /// or when the song lookup cannot answer now; 422 when no recording with features matches the song. The song is
    /// compared with the class, never added to it.
    /// </summary>
    public static async Task<Results<Ok<TwinsAnswer>, ProblemHttpResult>> FindTwinsForSong(
        TwinsRequest request,
        ClassDataCache data,
        VisitorSongLookup songs,
        CancellationToken cancellationToken)
    {
        var view = await data.GetAsync(cancellationToken);
        if (view.Analysis is not { } analysis)
        {
            return NoAnalysisYet(view.Source);
        }

        var (outcome, problem) = await ResolveSongAsync(songs, request.Song!, request.Artist, cancellationToken);
        if (problem is not null || analysis.Twins is null)
        {
            return problem ?? TwinsUnavailable();
        }

        if (analysis.Placer.DnaScoreAmongClass(outcome.Features!) is not { } dnaScore)
        {
            return Problem(
                StatusCodes.Status422UnprocessableEntity,
                "Song features unusable",
                $"The audio features found for '{request.Song!.Trim()}' cannot be compared with the class (a value is not a finite number).");
        }

        var k = request.K ?? DefaultTwins;
        var twins = analysis.Twins.FindForFeatures(outcome.Features!, k);
        return TypedResults.Ok(AnalysisAnswers.TwinsOfSong(k, analysis, view, outcome.Track!, outcome.Features!, dnaScore, twins));
    }

    /// <summary>Serialized once per snapshot, with an ETag.</summary>
    public static async Task<Results<JsonAnswerResult<ModelAnswer>, ProblemHttpResult>> GetModel(
        ClassDataCache data,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var (source, analysis) = await data.GetAnalysisAsync(cancellationToken);
        if (analysis is null)
        {
            return NoAnalysisYet(source);
        }

        return new JsonAnswerResult<ModelAnswer>(await analysis.Answers.GetOrAddAsync(
            "model",
            static s => JsonAnswer.Of(AnalysisAnswers.Model(s.analysis), s.options, $"model-v{s.analysis.Version}"),
            (analysis, options: json.Value.SerializerOptions)));
    }

    /// <summary>
    /// 400 without a song; 503 without an analysis or when the song lookup cannot answer now; 422 when no
    /// recording with features matches the song; 200 with <c>state</c> = <c>predicted</c>, or
    /// <c>not-enough-data</c> when the analysis has no trained model (a state of the class, not an error).
    /// </summary>
    public static async Task<Results<Ok<PredictMajorAnswer>, ProblemHttpResult>> PredictMajor(
        PredictMajorRequest request,
        ClassDataCache data,
        VisitorSongLookup songs,
        CancellationToken cancellationToken)
    {
        var (source, analysis) = await data.GetAnalysisAsync(cancellationToken);
        if (analysis is null)
        {
            return NoAnalysisYet(source);
        }

        var (outcome, problem) = await ResolveSongAsync(songs, request.Song!, request.Artist, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var prediction = analysis.Predictor.Predict(outcome.Features!);
        var track = outcome.Track!;
        var model = analysis.Snapshot.Model;
        return TypedResults.Ok(new PredictMajorAnswer(
            State(prediction),
            prediction.Reason,
            prediction.Major,
            prediction.Available ? prediction.Confidence : null,
            prediction.Probabilities,
            new PredictedSong(track.Name, string.Join(", ", track.Artists), track.Id, track.FeatureSource, outcome.Features!),
            analysis.Version,
            model.CvAccuracy,
            model.BaselineAccuracy));
    }

    /// <summary>
    /// 400 for no ids or songs, more than 50 ids or 10 songs, an id that is not a Spotify track id or link, a song without
    /// a title, a k outside 1–50, or demoListener outside demo mode; 503 without an analysis or when the track lookup cannot answer now; 422 when no track has
    /// features. The taste is the mean of the tracks' features, placed in the latest analysis; nothing is written to the class data.
    /// </summary>
    public static async Task<Results<Ok<CompareAnswer>, ValidationProblem, ProblemHttpResult>> CompareListener(
        CompareRequest request,
        ClassDataCache data,
        ActiveSource activeSource,
        DemoSongIndex demo,
        VisitorSongLookup tracks,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate(MaxTwins, out var trackIds);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid comparison");
        }

        if (request.DemoListener)
        {
            if ((await activeSource.GetAsync(cancellationToken)).Kind != SurveySourceKind.Demo)
            {
                return Invalid("demoListener", "The demo listener is only available with demo data; give trackIds instead.", "Invalid comparison");
            }

            trackIds = demo.DemoListenerTrackIds();
        }

        var view = await data.GetAsync(cancellationToken);
        if (view.Analysis is not { } analysis)
        {
            return NoAnalysisYet(view.Source);
        }

        if (analysis.Twins is null)
        {
            return TwinsUnavailable();
        }

        var outcome = request.Songs is { Count: > 0 } songs
            ? await tracks.ResolveSongsAsync(songs, cancellationToken)
            : await tracks.ResolveTracksAsync(trackIds, cancellationToken);
        if (outcome.Unavailable is { } reason)
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "Track lookup unavailable", reason);
        }

        var taste = ListenerTaste.MeanOf([.. outcome.Found.Select(f => f.Features)]);
        if (outcome.Found.Count == 0 || analysis.Placer.Standardize(taste) is not { } standardized)
        {
            return Problem(
                StatusCodes.Status422UnprocessableEntity,
                "No track features",
                outcome.Found.Count == 0
                    ? $"None of the {outcome.Missing.Count} {(request.Songs is { Count: > 0 } ? "songs was found with" : "tracks has")} audio features: {string.Join(", ", outcome.Missing)}."
                    : "The tracks' mean features cannot be compared with the class (a value is not a finite number).");
        }

        var cluster = analysis.Placer.NearestCluster(standardized);
        var (x, y, z) = analysis.Placer.Project(standardized);
        var prediction = analysis.Predictor.Predict(taste);
        var model = analysis.Snapshot.Model;
        return TypedResults.Ok(new CompareAnswer(
            analysis.Version,
            [.. outcome.Found.Select(f => CompareTrackOf(f.Track, f.Features, analysis, view))],
            outcome.Missing,
            taste,
            new CompareCluster(cluster, analysis.ClusterNames.GetValueOrDefault(cluster, "")),
            new ComparePoint(x, y, z),
            analysis.Placer.DnaScoreAmongClass(taste) ?? 50,
            AnalysisAnswers.TwinMatches(analysis.Twins.FindForFeatures(taste, request.K ?? DefaultTwins).Twins, view),
            new ComparePrediction(
                State(prediction),
                prediction.Reason,
                prediction.Major,
                prediction.Available ? prediction.Confidence : null,
                model.CvAccuracy,
                model.BaselineAccuracy),
            DnaScore.Formula));
    }

    /// <summary>
    /// A listener's export file as the body (at most <see cref="CompareLimits.MaxFileBytes"/>): 413 when bigger, 400 when it
    /// cannot be read, otherwise as <see cref="CompareListener"/> for the tracks or songs it names, with what was read in
    /// <see cref="CompareAnswer.Input"/>. The bytes stay in memory for this request only.
    /// </summary>
    public static async Task<Results<Ok<CompareAnswer>, ValidationProblem, ProblemHttpResult>> CompareListenerFile(
        HttpRequest request,
        int? k,
        ClassDataCache data,
        ActiveSource activeSource,
        DemoSongIndex demo,
        VisitorSongLookup tracks,
        CancellationToken cancellationToken)
    {
        // k is checked with the rest of the request by CompareListener. The body limit (413 past CompareLimits.MaxFileBytes) is the endpoint's BodyLimit, checked before this runs.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);

        ListenerExport export;
        try
        {
            export = await ListenerExport.ReadAsync(body.ToArray(), cancellationToken);
        }
        catch (ListenerExportException ex)
        {
            return Invalid("file", ex.Message, "Unreadable file");
        }

        var compare = new CompareRequest(export.TrackIds.Count > 0 ? export.TrackIds : null, K: k, Songs: export.Songs.Count > 0 ? export.Songs : null);
        var answer = await CompareListener(compare, data, activeSource, demo, tracks, cancellationToken);
        return answer.Result is Ok<CompareAnswer> ok ? TypedResults.Ok(ok.Value! with { Input = export.Summary }) : answer;
    }

    private static CompareTrack CompareTrackOf(Track track, AudioFeatures features, ServedAnalysis analysis, ClassTable view)
    {
        var closest = analysis.Twins!.Closest(features);
        return new CompareTrack(
            track.Id,
            track.Name,
            string.Join(", ", track.Artists),
            features,
            closest?.Similarity ?? 0,
            closest is null ? null : view.Find(closest.Id)?.Response.Student);
    }

    private static string State(MajorPrediction prediction) =>
        prediction.Available ? PredictMajorAnswer.Predicted : PredictMajorAnswer.NotEnoughData;

    /// <summary>The song's track and features, or the problem: 422 when no recording matches, 503 when the lookup cannot answer now.</summary>
    private static async Task<(SongOutcome Outcome, ProblemHttpResult? Problem)> ResolveSongAsync(
        VisitorSongLookup songs, string song, string? artist, CancellationToken cancellationToken)
    {
        var (title, by) = (song.Trim(), artist?.Trim());
        var outcome = await songs.ResolveSongAsync(title, by, cancellationToken);
        if (outcome.Kind == SongOutcomeKind.Unmatched)
        {
            return (outcome, Problem(
                StatusCodes.Status422UnprocessableEntity,
                "Song not found",
                $"No recording with audio features matches '{title}'{(string.IsNullOrEmpty(by) ? "" : $" by '{by}'")}: {outcome.Reason}"));
        }

        return outcome.Kind == SongOutcomeKind.Deferred || outcome.Track is null || outcome.Features is null
            ? (outcome, Problem(StatusCodes.Status503ServiceUnavailable, "Song lookup unavailable", outcome.Reason ?? "The song lookup could not answer now; try again later."))
            : (outcome, null);
    }

    private static ProblemHttpResult TwinsUnavailable() => Problem(
        StatusCodes.Status503ServiceUnavailable,
        "Twins unavailable",
        "The latest analysis was made without standardized rows (Analysis:IncludeStandardizedRows=false), so twins cannot be found.");

    private static ProblemHttpResult NoAnalysisYet(string source) => Problem(
        StatusCodes.Status503ServiceUnavailable,
        "No analysis yet",
        $"The worker has not published an analysis of the '{source}' survey yet. It does so within seconds once enriched responses exist; try again shortly.");
}
