using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace AutoDialer.Core.Import;

/// <summary>
/// Reads an uploaded contact list once, in fixed-size chunks, to hash it and decide its encoding before the
/// import proper starts. Memory stays at one buffer whatever the file size.
/// </summary>
internal sealed class ContentProbe
{
    private const int BufferSize = 64 * 1024;

    // A text file has no NUL bytes outside UTF-16; this much is enough to catch xlsx/zip/pdf uploads.
    private const int BinarySniffLength = 8 * 1024;

    private static readonly DetectedEncoding Utf8WithoutBom = new("utf-8", new UTF8Encoding(false), 0);
    private static readonly DetectedEncoding Utf8WithBom = new("utf-8", new UTF8Encoding(false), 3);
    private static readonly DetectedEncoding Utf16LittleEndian = new("utf-16le", new UnicodeEncoding(false, false), 2);
    private static readonly DetectedEncoding Utf16BigEndian = new("utf-16be", new UnicodeEncoding(true, false), 2);
    private static readonly DetectedEncoding Gb18030;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly IncrementalUtf8Validator _utf8 = new();
    private DetectedEncoding? _byBom;
    private bool _sawNul;
    private long _length;

    static ContentProbe()
    {
        // .NET Core ships only Unicode encodings by default; GB18030 (Excel on Chinese Windows) is a code page.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = new DetectedEncoding("gb18030", Encoding.GetEncoding("GB18030"), 0);
    }

    private ContentProbe()
    {
    }

    public static async Task<ContentProbeResult> ReadAsync(Stream stream, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);

        var probe = new ContentProbe();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                // Filling whole buffers means the first chunk holds the entire BOM, whatever the stream's read sizes.
                int read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, BufferSize), BufferSize, throwOnEndOfStream: false, ct)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                probe.Append(buffer.AsSpan(0, read));
                if (read < BufferSize)
                {
                    break;
                }
            }

            return probe.Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            probe._hash.Dispose();
        }
    }

    private void Append(ReadOnlySpan<byte> chunk)
    {
        _hash.AppendData(chunk);

        if (_length == 0)
        {
            _byBom = FromBom(chunk);
        }

        if (_length < BinarySniffLength && !_sawNul)
        {
            int sniff = (int)Math.Min(chunk.Length, BinarySniffLength - _length);
            _sawNul = chunk[..sniff].Contains((byte)0);
        }

        if (_byBom is null)
        {
            _utf8.Append(chunk);
        }

        _length += chunk.Length;
    }

    private ContentProbeResult Finish()
    {
        DetectedEncoding encoding = _byBom ?? (_utf8.Finish() ? Utf8WithoutBom : Gb18030);
        bool isUtf16 = encoding == Utf16LittleEndian || encoding == Utf16BigEndian;
        return new ContentProbeResult(_hash.GetHashAndReset(), _length, encoding, _sawNul && !isUtf16);
    }

    private static DetectedEncoding? FromBom(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => Utf8WithBom,
        [0xFF, 0xFE, ..] => Utf16LittleEndian,
        [0xFE, 0xFF, ..] => Utf16BigEndian,
        _ => null,
    };
}
