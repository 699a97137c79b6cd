using System.Diagnostics.Metrics;

namespace SpotifyDashboard.Core.Telemetry;

/// <summary>The worker's stages, as the <c>stage</c> tag of <c>data_processing_time</c> names them.</summary>
public static class PipelineStages
{
    /// <summary>One poll of the survey source (or one tick of the demo class): read, validate, store.</summary>
    public const string Ingest = "ingest";

    /// <summary>One pass over the pending answers: look their songs up, store the features.</summary>
    public const string Enrich = "enrich";

    /// <summary>One analysis run: read the answers, run the engine, publish the snapshot.</summary>
    public const string Analyse = "analyse";
}

/// <summary>
/// Meter <c>SpotifyDashboard.Pipeline</c>: histogram <c>data_processing_time</c> (seconds; Prometheus
/// <c>data_processing_time_seconds</c>) of every stage run, tagged <c>stage</c> and <c>outcome</c> (<c>ok</c> or
/// <c>failed</c>). The runs of the last minute also count towards the service's <c>error_rate</c> (<see cref="RecentRuns"/>).
/// </summary>
public sealed class PipelineTelemetry
{
    public const string MeterName = "SpotifyDashboard.Pipeline";
    public const string DurationInstrument = "data_processing_time";
    public const string Ok = "ok";
    public const string Failed = "failed";

    private readonly Histogram<double> _duration;
    private readonly TimeProvider _time;

    public PipelineTelemetry(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _duration = meterFactory.Create(MeterName).CreateHistogram<double>(
            DurationInstrument,
            "s",
            "Time of one run of a worker stage (ingest, enrich, analyse), by stage and outcome",
            tags: null,
            // In seconds, from 1 ms (a demo tick) to 5 minutes (an analysis of a whole university), not the exporter's
            // millisecond defaults.
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300] });
        RecentRuns = new RecentCounts(TimeSpan.FromMinutes(1), time);
    }

    /// <summary>Failed runs (marked) among all stage runs of the last minute.</summary>
    public RecentCounts RecentRuns { get; }

    /// <summary>
    /// Starts timing one run: call <see cref="StageRun.Succeeded"/> when it did its work, and dispose it. A run disposed
    /// without it (an exception, a source that could not be read) is recorded as failed.
    /// </summary>
    public StageRun Start(string stage) => new(this, stage, _time.GetTimestamp());

    private void Record(string stage, long started, bool succeeded)
    {
        _duration.Record(
            _time.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("stage", stage),
            new KeyValuePair<string, object?>("outcome", succeeded ? Ok : Failed));
        RecentRuns.Add(marked: !succeeded);
    }

    public sealed class StageRun : IDisposable
    {
        private readonly PipelineTelemetry _owner;
        private readonly string _stage;
        private readonly long _started;
        private bool _succeeded;
        private bool _recorded;

        internal StageRun(PipelineTelemetry owner, string stage, long started)
        {
            _owner = owner;
            _stage = stage;
            _started = started;
        }

        public void Succeeded() => _succeeded = true;

        public void Dispose()
        {
            if (!_recorded)
            {
                _recorded = true;
                _owner.Record(_stage, _started, _succeeded);
            }
        }
    }
}
