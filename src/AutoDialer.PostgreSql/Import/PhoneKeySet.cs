using System.Numerics;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The normalised numbers seen so far in one import, as 64-bit keys in an open-addressing table that grows up to a
/// fixed number of slots and no further, so deduplicating in memory has a ceiling whatever the file size.
/// When the ceiling is reached, <see cref="TryAdd"/> reports it and the importer falls back to deduplicating in SQL.
/// </summary>
internal sealed class PhoneKeySet
{
    private const int InitialSlots = 1 << 12;

    // Open addressing degrades sharply past ~3/4 full; stop there rather than probe long chains.
    private const double MaxLoad = 0.75;

    private readonly int _maxSlots;
    private long[] _slots;
    private int _shift;

    /// <param name="maxSlots">The most slots the table may grow to (8 bytes each); rounded up to a power of two.</param>
    public PhoneKeySet(int maxSlots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSlots, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxSlots, 1 << 30);
        _maxSlots = (int)BitOperations.RoundUpToPowerOf2((uint)maxSlots);
        _slots = new long[Math.Min(InitialSlots, _maxSlots)];
        _shift = 64 - BitOperations.Log2((uint)_slots.Length);
    }

    public int Count { get; private set; }

    /// <summary>The most keys this set can hold before <see cref="TryAdd"/> reports it is full.</summary>
    public int Capacity => (int)(_maxSlots * MaxLoad);

    /// <summary>Adds a key (see <see cref="PhoneKey"/>); false with <paramref name="added"/> unset when the set is full.</summary>
    /// <param name="added">True when the key is new, false when it was already present.</param>
    public bool TryAdd(long key, out bool added)
    {
        if (key == 0)
            throw new ArgumentOutOfRangeException(nameof(key), "0 marks an empty slot and is never a phone key");

        added = false;
        var index = FindSlot(_slots, _shift, key);
        if (_slots[index] == key)
            return true;
        if (Count + 1 > _slots.Length * MaxLoad)
        {
            if (_slots.Length >= _maxSlots)
                return false;
            Grow();
            index = FindSlot(_slots, _shift, key);
        }
        _slots[index] = key;
        Count++;
        added = true;
        return true;
    }

    public bool Contains(long key) => key != 0 && _slots[FindSlot(_slots, _shift, key)] == key;

    private void Grow()
    {
        var bigger = new long[_slots.Length * 2];
        var biggerShift = _shift - 1;
        foreach (var key in _slots)
            if (key != 0)
                bigger[FindSlot(bigger, biggerShift, key)] = key;
        _slots = bigger;
        _shift = biggerShift;
    }

    // Fibonacci hashing spreads keys that differ only in their low digits (consecutive numbers) across the table.
    private static int FindSlot(long[] table, int shift, long key)
    {
        var mask = table.Length - 1;
        var index = (int)((ulong)key * 0x9E3779B97F4A7C15UL >> shift);
        while (table[index] != 0 && table[index] != key)
            index = (index + 1) & mask;
        return index;
    }
}
