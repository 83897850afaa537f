namespace AutoDialer.Core.Import;

/// <summary>
/// The home place of Chinese mobile numbers remembered by segment (their first seven digits, <c>139 1234</c>): the
/// geocoder's Chinese data names places by prefixes of at most seven national digits, so every mobile of a segment has
/// the segment's place. One small number per segment (2 MB for the million segments <c>1000000</c>–<c>1999999</c>)
/// and the few hundred places once each; the geocoder is asked once per segment a list reaches.
/// </summary>
/// <remarks>
/// A list's mobiles spread over hundreds of thousands of segments, so remembering each segment's answer in a dictionary
/// (tried first) filled the heap and cost more than it saved; a flat array indexed by the segment does not allocate.
/// <c>MobileSegmentPlacesTests</c> checks the answers against the geocoder's for every leading segment digit.
/// Thread-safe: a segment's slot is written only after its place is, and a place seen twice is stored once.
/// </remarks>
internal sealed class MobileSegmentPlaces(Func<ulong, (string? Province, string? City)> placeOf)
{
    private const ulong FirstSegment = 1_000_000;
    private const int Segments = 1_000_000;
    private const ulong DigitsAfterSegment = 10_000;

    // Well above the 382 distinct descriptions of the geocoder's Chinese data; when full, places are asked, not kept.
    private const int MaxPlaces = 4096;

    private readonly ushort[] _placeBySegment = new ushort[Segments];
    private readonly (string? Province, string? City)[] _places = new (string?, string?)[MaxPlaces + 1];
    private readonly Dictionary<(string?, string?), ushort> _indexOfPlace = [];
    private readonly Lock _adding = new();

    /// <summary>The province and city of a national number; for 11-digit numbers starting with 1, from the segment.</summary>
    public (string? Province, string? City) Of(ulong nationalNumber)
    {
        if (!IsMobileShaped(nationalNumber))
        {
            return placeOf(nationalNumber);
        }

        var segment = (int)((nationalNumber / DigitsAfterSegment) - FirstSegment);
        var index = Volatile.Read(ref _placeBySegment[segment]);
        if (index != 0)
        {
            return _places[index];
        }

        var place = placeOf(nationalNumber);
        Remember(segment, place);
        return place;
    }

    // 10000000000–19999999999: exactly the 11-digit numbers that start with 1.
    private static bool IsMobileShaped(ulong nationalNumber) =>
        nationalNumber is >= FirstSegment * DigitsAfterSegment and < (FirstSegment + Segments) * DigitsAfterSegment;

    private void Remember(int segment, (string? Province, string? City) place)
    {
        lock (_adding)
        {
            if (!_indexOfPlace.TryGetValue(place, out var index))
            {
                if (_indexOfPlace.Count == MaxPlaces)
                {
                    return;
                }

                index = (ushort)(_indexOfPlace.Count + 1);
                _places[index] = place;
                _indexOfPlace.Add(place, index);
            }

            Volatile.Write(ref _placeBySegment[segment], index);
        }
    }
}
