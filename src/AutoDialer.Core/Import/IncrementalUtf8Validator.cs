using System.Text;
using System.Text.Unicode;

namespace AutoDialer.Core.Import;

/// <summary>
/// Decides whether a byte stream fed in arbitrary chunks is valid UTF-8. A multi-byte character split across
/// two chunks is carried over rather than judged on its first half; a character still incomplete when the
/// stream ends makes it invalid.
/// </summary>
internal sealed class IncrementalUtf8Validator
{
    private const int MaxSequenceLength = 4;

    private readonly byte[] _pending = new byte[MaxSequenceLength];
    private int _pendingLength;
    private bool _invalid;

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (_invalid || chunk.IsEmpty)
        {
            return;
        }

        if (_pendingLength > 0)
        {
            int consumed = CompletePending(chunk);
            if (_invalid || _pendingLength > 0)
            {
                return;
            }

            chunk = chunk[consumed..];
        }

        int tailStart = IncompleteTailStart(chunk);
        if (!Utf8.IsValid(chunk[..tailStart]))
        {
            _invalid = true;
            return;
        }

        chunk[tailStart..].CopyTo(_pending);
        _pendingLength = chunk.Length - tailStart;
    }

    /// <summary>True when everything appended was valid UTF-8 and no character was left unfinished.</summary>
    public bool Finish() => !_invalid && _pendingLength == 0;

    /// <summary>Joins the carried bytes with the start of <paramref name="chunk"/>; returns the chunk bytes used.</summary>
    private int CompletePending(ReadOnlySpan<byte> chunk)
    {
        int taken = Math.Min(chunk.Length, MaxSequenceLength - _pendingLength);
        Span<byte> joined = stackalloc byte[MaxSequenceLength];
        _pending.AsSpan(0, _pendingLength).CopyTo(joined);
        chunk[..taken].CopyTo(joined[_pendingLength..]);
        joined = joined[..(_pendingLength + taken)];

        switch (Rune.DecodeFromUtf8(joined, out _, out int sequenceLength))
        {
            case System.Buffers.OperationStatus.Done:
                int used = sequenceLength - _pendingLength;
                _pendingLength = 0;
                return used;

            case System.Buffers.OperationStatus.NeedMoreData:
                // Only possible when the whole (tiny) chunk was taken and the character is still unfinished.
                joined.CopyTo(_pending);
                _pendingLength = joined.Length;
                return taken;

            default:
                _invalid = true;
                return taken;
        }
    }

    /// <summary>Where a lead byte at the end of <paramref name="chunk"/> starts a character that needs more bytes.</summary>
    private static int IncompleteTailStart(ReadOnlySpan<byte> chunk)
    {
        int limit = Math.Min(MaxSequenceLength - 1, chunk.Length);
        for (int back = 1; back <= limit; back++)
        {
            byte b = chunk[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            if (b < 0xC0)
            {
                return chunk.Length;
            }

            int expected = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            return expected > back ? chunk.Length - back : chunk.Length;
        }

        // Three trailing continuation bytes complete any character; Utf8.IsValid judges the rest.
        return chunk.Length;
    }
}
