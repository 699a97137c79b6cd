using Microsoft.ML;
using Microsoft.ML.Data;

namespace SpotifyDashboard.Analysis.Classification;

/// <summary>
/// Feature rows (and, for training, their major and weight) as an ML.NET data view, read straight from the arrays.
/// Used instead of <c>LoadFromEnumerable</c>, whose reflection-emitted row mappers cost a noticeable share of a
/// one-shot run (they are compiled at first use in every process). The major is already a key (1-based index into
/// the ordinally sorted class names, which are its key values) — what <c>MapValueToKey(ByValue)</c> produced, without
/// the extra fit and pass over the data. One cursor, in order, no shuffling.
/// </summary>
internal sealed class FeatureRowsDataView : IDataView
{
    public const string FeaturesColumn = "Features";
    public const string LabelColumn = "Label";
    public const string WeightColumn = "Weight";

    private readonly IReadOnlyList<float[]> _features;
    private readonly IReadOnlyList<uint>? _labelKeys;
    private readonly IReadOnlyList<float>? _weights;

    /// <param name="labelKeys">Per row, 1 + the index of its class in <paramref name="classNames"/>.</param>
    /// <param name="classNames">The label's key values, in key order.</param>
    public FeatureRowsDataView(IReadOnlyList<float[]> features, int dimensions, IReadOnlyList<uint>? labelKeys = null, IReadOnlyList<string>? classNames = null, IReadOnlyList<float>? weights = null)
    {
        _features = features;
        _labelKeys = labelKeys;
        _weights = weights;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, dimensions));
        if (labelKeys is not null)
        {
            var names = (classNames ?? throw new ArgumentNullException(nameof(classNames))).Select(c => c.AsMemory()).ToArray();
            var keyValues = new DataViewSchema.Annotations.Builder();
            keyValues.Add(
                "KeyValues", // the annotation kind ML.NET reads key names from (AnnotationUtils.Kinds.KeyValues is internal)
                new VectorDataViewType(TextDataViewType.Instance, names.Length),
                (ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, names));
            builder.AddColumn(LabelColumn, new KeyDataViewType(typeof(uint), names.Length), keyValues.ToAnnotations());
        }

        if (weights is not null)
        {
            builder.AddColumn(WeightColumn, NumberDataViewType.Single);
        }

        Schema = builder.ToSchema();
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => _features.Count;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this, columnsNeeded);

    // One cursor is allowed ("at most n"); the rows are few and in memory.
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this, columnsNeeded)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly FeatureRowsDataView _view;
        private readonly bool[] _active;
        private long _position = -1;
        private bool _done;

        public Cursor(FeatureRowsDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded)
            {
                _active[column.Index] = true;
            }
        }

        public override long Position => _position;

        public override long Batch => 0;

        public override DataViewSchema Schema => _view.Schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (_done || _position + 1 >= _view._features.Count)
            {
                _done = true;
                return false;
            }

            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
            {
                throw new InvalidOperationException($"Column {column.Name} was not requested from the cursor.");
            }

            Delegate getter = column.Name switch
            {
                FeaturesColumn => (ValueGetter<VBuffer<float>>)GetFeatures,
                LabelColumn => (ValueGetter<uint>)((ref uint value) => value = _view._labelKeys![(int)_position]),
                WeightColumn => (ValueGetter<float>)((ref float value) => value = _view._weights![(int)_position]),
                _ => throw new ArgumentOutOfRangeException(nameof(column), column.Name, "Unknown column."),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column {column.Name} is not of type {typeof(TValue).Name}.");
        }

        private void GetFeatures(ref VBuffer<float> value)
        {
            var row = _view._features[(int)_position];
            var editor = VBufferEditor.Create(ref value, row.Length);
            row.AsSpan().CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
