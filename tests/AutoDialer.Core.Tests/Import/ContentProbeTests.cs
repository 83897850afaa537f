using System.Security.Cryptography;
using System.Text;
using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class ContentProbeTests
{
    private const int BufferSize = 64 * 1024;
    private const string ChineseCsv = "姓名,手机号,备注\r\n张三,13800138000,\"老客户，周末勿扰\"\r\n李四,0755-1234567,\r\n";

    static ContentProbeTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Utf8_bom_is_detected_and_left_for_the_reader_to_skip()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ChineseCsv)];

        var result = await Probe(bytes);

        Assert.Equal("utf-8", result.Encoding.Name);
        Assert.Equal(3, result.Encoding.PreambleLength);
        Assert.Empty(result.Encoding.Encoding.GetPreamble());
        Assert.Equal(ChineseCsv, Decode(result, bytes));
        Assert.False(result.LooksBinary);
    }

    [Theory]
    [InlineData(false, "utf-16le")]
    [InlineData(true, "utf-16be")]
    public async Task Utf16_boms_are_detected_and_the_text_decodes(bool bigEndian, string name)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes(ChineseCsv)];

        var result = await Probe(bytes);

        Assert.Equal(name, result.Encoding.Name);
        Assert.Equal(2, result.Encoding.PreambleLength);
        Assert.Equal(ChineseCsv, Decode(result, bytes));
        Assert.False(result.LooksBinary); // ASCII in UTF-16 is full of NUL bytes; that is not binary
    }

    [Fact]
    public async Task Valid_utf8_without_bom_is_utf8()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ChineseCsv);

        var result = await Probe(bytes);

        Assert.Equal("utf-8", result.Encoding.Name);
        Assert.Equal(0, result.Encoding.PreambleLength);
        Assert.Equal(ChineseCsv, Decode(result, bytes));
    }

    [Fact]
    public async Task Gb18030_bytes_are_detected_as_gb18030()
    {
        byte[] bytes = Encoding.GetEncoding("GB18030").GetBytes(ChineseCsv);

        var result = await Probe(bytes);

        Assert.Equal("gb18030", result.Encoding.Name);
        Assert.Equal(0, result.Encoding.PreambleLength);
        Assert.Equal(ChineseCsv, Decode(result, bytes));
    }

    [Fact]
    public async Task Gb18030_bytes_after_the_first_buffer_still_make_it_gb18030()
    {
        byte[] bytes = [.. Ascii(3 * BufferSize), .. Encoding.GetEncoding("GB18030").GetBytes("张三")];

        Assert.Equal("gb18030", (await Probe(bytes)).Encoding.Name);
    }

    [Theory]
    [InlineData("中", 1)] // 3-byte character: 1 byte in the first buffer, 2 in the next
    [InlineData("中", 2)]
    [InlineData("😀", 1)] // 4-byte character
    [InlineData("😀", 2)]
    [InlineData("😀", 3)]
    public async Task A_character_straddling_the_buffer_boundary_is_still_utf8(string character, int bytesBeforeBoundary)
    {
        byte[] bytes = [.. Ascii(BufferSize - bytesBeforeBoundary), .. Encoding.UTF8.GetBytes(character), .. Ascii(100)];

        var result = await Probe(bytes);

        Assert.Equal("utf-8", result.Encoding.Name);
    }

    [Fact]
    public async Task Utf8_split_into_tiny_reads_is_still_utf8()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(ChineseCsv, 3000)));

        var result = await ContentProbe.ReadAsync(new TrickleStream(bytes, 7), CancellationToken.None);

        Assert.Equal("utf-8", result.Encoding.Name);
        Assert.Equal(bytes.Length, result.Length);
    }

    [Fact]
    public async Task A_bom_arriving_one_byte_per_read_is_still_recognised()
    {
        byte[] bytes = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("phone\r\n")];

        var result = await ContentProbe.ReadAsync(new TrickleStream(bytes, 1), CancellationToken.None);

        Assert.Equal("utf-16le", result.Encoding.Name);
    }

    [Theory]
    [InlineData(0xFF)] // never valid in UTF-8
    [InlineData(0xE4)] // a lead byte whose character never finishes
    [InlineData(0x80)] // a stray continuation byte
    public async Task One_invalid_byte_at_the_very_end_makes_it_gb18030(byte last)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(ChineseCsv), .. Ascii(2 * BufferSize), last];

        var result = await Probe(bytes);

        Assert.Equal("gb18030", result.Encoding.Name);
    }

    [Fact]
    public async Task Nul_bytes_in_the_first_8_kb_look_binary()
    {
        byte[] zipLike = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, .. Ascii(100)];

        Assert.True((await Probe(zipLike)).LooksBinary);
    }

    [Fact]
    public async Task A_nul_byte_after_the_first_8_kb_does_not_look_binary()
    {
        byte[] bytes = [.. Ascii(8 * 1024), 0x00];

        Assert.False((await Probe(bytes)).LooksBinary);
    }

    [Fact]
    public async Task Hash_and_length_cover_every_byte()
    {
        byte[] bytes = new byte[(3 * BufferSize) + 12345];
        new Random(42).NextBytes(bytes);

        var result = await Probe(bytes);

        Assert.Equal(SHA256.HashData(bytes), result.Sha256);
        Assert.Equal(bytes.Length, result.Length);
    }

    [Fact]
    public async Task Hash_includes_the_bom()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("phone\n")];

        Assert.Equal(SHA256.HashData(bytes), (await Probe(bytes)).Sha256);
    }

    [Fact]
    public async Task Empty_stream_is_empty_utf8()
    {
        var result = await Probe([]);

        Assert.Equal(0, result.Length);
        Assert.Equal("utf-8", result.Encoding.Name);
        Assert.Equal(0, result.Encoding.PreambleLength);
        Assert.Equal(SHA256.HashData(ReadOnlySpan<byte>.Empty), result.Sha256);
        Assert.False(result.LooksBinary);
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ContentProbe.ReadAsync(new MemoryStream(Ascii(10)), cancelled.Token));
    }

    private static Task<ContentProbeResult> Probe(byte[] bytes) =>
        ContentProbe.ReadAsync(new MemoryStream(bytes), CancellationToken.None);

    private static string Decode(ContentProbeResult result, byte[] bytes) =>
        result.Encoding.Encoding.GetString(bytes, result.Encoding.PreambleLength, bytes.Length - result.Encoding.PreambleLength);

    private static byte[] Ascii(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i % 64 == 63 ? '\n' : '0' + (i % 10));
        }

        return bytes;
    }
}
