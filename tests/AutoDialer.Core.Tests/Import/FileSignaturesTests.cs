using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class FileSignaturesTests
{
    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0 }, FileSignature.Zip)]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }, FileSignature.CompoundFile)]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0 }, FileSignature.Other)]       // too short to be sure
    [InlineData(new byte[] { (byte)'p', (byte)'h', (byte)'o', (byte)'n', (byte)'e' }, FileSignature.Other)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x05, 0x06 }, FileSignature.Other)]       // an empty zip has no entry to be a workbook
    [InlineData(new byte[0], FileSignature.Other)]
    internal void The_first_bytes_say_what_a_file_is(byte[] head, FileSignature expected) =>
        Assert.Equal(expected, FileSignatures.Of(head));
}
