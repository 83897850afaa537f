namespace AutoDialer.Core.Import;

/// <summary>
/// What the metadata says of Chinese mobile-shaped numbers (11 digits starting with 1), remembered by segment (their
/// first seven digits, <c>139 1234</c>): the number's type and its home province and city. Both are decided by the
/// first seven digits: the geocoder's Chinese data names places by prefixes of at most seven national digits, and the
/// type patterns of an 11-digit number starting with 1 decide within its first five (the mobile pattern's
/// <c>1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|…)\d{8}</c>; no other type's pattern has an 11-digit number starting
/// with 1). One small number per segment (2 MB for the million segments <c>1000000</c>–<c>1999999</c>) and the few
/// hundred distinct answers once each; the metadata is asked once per segment a list reaches.
/// </summary>
/// <remarks>
/// A list's mobiles spread over hundreds of thousands of segments, so a dictionary per segment (tried first) filled the
/// heap and cost more than it saved; a flat array indexed by the segment does not allocate. <c>MobileSegmentFactsTests</c>
/// checks, for every one of the million segments, that its first, last and a random number have the same type, and
/// compares places with the geocoder's: a metadata update that breaks either rule fails there.
/// Thread-safe: a segment's slot is written only after its answer is, and an answer seen twice is stored once.
/// </remarks>
internal sealed class MobileSegmentFacts(Func<ulong, SegmentFacts> factsOf)
{
    private const ulong FirstSegment = 1_000_000;
    private const int Segments = 1_000_000;
    private const ulong DigitsAfterSegment = 10_000;

    // Well above the geocoder's 382 distinct Chinese descriptions times the types; when full, answers are asked, not kept.
    private const int MaxAnswers = 8192;

    private readonly ushort[] _answerBySegment = new ushort[Segments];
    private readonly SegmentFacts[] _answers = new SegmentFacts[MaxAnswers + 1];
    private readonly Dictionary<SegmentFacts, ushort> _indexOfAnswer = [];
    private readonly Lock _adding = new();

    /// <summary>Exactly the 11-digit national numbers that start with 1: 10000000000–19999999999.</summary>
    public static bool Covers(ulong nationalNumber) =>
        nationalNumber is >= FirstSegment * DigitsAfterSegment and < (FirstSegment + Segments) * DigitsAfterSegment;

    /// <summary>The type, province and city of a number that <see cref="Covers"/> accepts.</summary>
    public SegmentFacts Of(ulong nationalNumber)
    {
        if (!Covers(nationalNumber))
        {
            throw new ArgumentOutOfRangeException(nameof(nationalNumber), nationalNumber, "Not an 11-digit number starting with 1.");
        }

        var segment = (int)((nationalNumber / DigitsAfterSegment) - FirstSegment);
        var index = Volatile.Read(ref _answerBySegment[segment]);
        if (index != 0)
        {
            return _answers[index];
        }

        var facts = factsOf(nationalNumber);
        Remember(segment, facts);
        return facts;
    }

    private void Remember(int segment, SegmentFacts facts)
    {
        lock (_adding)
        {
            if (!_indexOfAnswer.TryGetValue(facts, out var index))
            {
                if (_indexOfAnswer.Count == MaxAnswers)
                {
                    return;
                }

                index = (ushort)(_indexOfAnswer.Count + 1);
                _answers[index] = facts;
                _indexOfAnswer.Add(facts, index);
            }

            Volatile.Write(ref _answerBySegment[segment], index);
        }
    }
}
