namespace AutoDialer.Core.Import;

/// <summary>What the first bytes of an uploaded list say it is, whatever its name.</summary>
internal enum FileSignature
{
    /// <summary>Neither of the two below: a text file (CSV) or something else entirely.</summary>
    Other,

    /// <summary><c>PK\x03\x04</c>: a zip archive, which is what an .xlsx workbook is.</summary>
    Zip,

    /// <summary>
    /// <c>D0 CF 11 E0 A1 B1 1A E1</c>: an OLE compound file. Excel writes old .xls workbooks so, and also wraps a
    /// password-protected .xlsx in one (<see cref="CompoundFileProbe"/> tells which).
    /// </summary>
    CompoundFile,
}

internal static class FileSignatures
{
    /// <summary>Bytes to read from the start of a file for <see cref="Of"/>.</summary>
    public const int Length = 8;

    public static FileSignature Of(ReadOnlySpan<byte> head) => head switch
    {
        [0x50, 0x4B, 0x03, 0x04, ..] => FileSignature.Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, ..] => FileSignature.CompoundFile,
        _ => FileSignature.Other,
    };
}
