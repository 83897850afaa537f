using System.Buffers.Binary;
using System.Text;

namespace AutoDialer.Testing;

/// <summary>
/// A minimal OLE compound file (MS-CFB version 3: 512-byte sectors, one FAT sector, one directory sector) with empty
/// streams of the given names: what an old .xls (a "Workbook" stream) or a password-protected .xlsx ("EncryptionInfo",
/// "EncryptedPackage") look like to anything that reads their directory.
/// </summary>
public static class CompoundFileBuilder
{
    private const uint EndOfChain = 0xFFFFFFFE;
    private const uint FreeSector = 0xFFFFFFFF;
    private const uint FatSector = 0xFFFFFFFD;
    private const uint NoStream = 0xFFFFFFFF;

    public static byte[] Build(params string[] streamNames)
    {
        if (streamNames.Length > 3) throw new ArgumentException("one directory sector holds the root and three streams");
        var file = new byte[512 * 3];
        var header = file.AsSpan(0, 512);
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[24..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[30..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[44..], 1);          // FAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[48..], 1);          // first directory sector
        BinaryPrimitives.WriteUInt32LittleEndian(header[56..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], EndOfChain); // no mini FAT
        BinaryPrimitives.WriteUInt32LittleEndian(header[68..], EndOfChain); // no DIFAT sectors
        BinaryPrimitives.WriteUInt32LittleEndian(header[76..], 0);          // the FAT is sector 0
        for (var i = 1; i < 109; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(header[(76 + i * 4)..], FreeSector);

        var fat = file.AsSpan(512, 512);
        for (var i = 0; i < 128; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(fat[(i * 4)..], FreeSector);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, FatSector);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], EndOfChain);     // the directory is one sector

        var directory = file.AsSpan(1024, 512);
        Entry(directory[..128], "Root Entry", type: 5, child: streamNames.Length > 0 ? 1u : NoStream, right: NoStream);
        for (var i = 0; i < streamNames.Length; i++)
            Entry(directory[((i + 1) * 128)..], streamNames[i], type: 2, child: NoStream, right: i + 1 < streamNames.Length ? (uint)(i + 2) : NoStream);
        return file;
    }

    private static void Entry(Span<byte> entry, string name, byte type, uint child, uint right)
    {
        var bytes = Encoding.Unicode.GetBytes(name + "\0");
        bytes.CopyTo(entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[64..], (ushort)bytes.Length);
        entry[66] = type;
        entry[67] = 1; // black
        BinaryPrimitives.WriteUInt32LittleEndian(entry[68..], NoStream);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[72..], right);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[76..], child);
        BinaryPrimitives.WriteUInt32LittleEndian(entry[116..], EndOfChain);
    }
}
