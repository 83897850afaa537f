using System.Buffers.Binary;
using System.Text;

namespace AutoDialer.Core.Import;

/// <summary>
/// Reads the names in an OLE compound file's directory (MS-CFB: a 512-byte header, sectors chained by a FAT) to tell
/// an old .xls workbook from a password-protected .xlsx, which Excel wraps in the same container: the user has to do
/// something different about each. Reads a few sectors; a file it cannot follow is <see cref="CompoundFileKind.Unreadable"/>.
/// </summary>
internal static class CompoundFileProbe
{
    private const int HeaderSize = 512;
    private const int DirectoryEntrySize = 128;
    private const int HeaderDifatEntries = 109;
    private const uint MaxRegularSector = 0xFFFFFFFA;

    // A directory of more sectors than this is not a spreadsheet a person exports; stop rather than walk a loop.
    private const int MaxDirectorySectors = 4096;

    public static CompoundFileKind Classify(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            return Classify(ReadNames(stream));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidDataException or ArgumentOutOfRangeException)
        {
            return CompoundFileKind.Unreadable;
        }
    }

    private static CompoundFileKind Classify(IReadOnlyCollection<string> names)
    {
        if (names.Contains("EncryptedPackage") || names.Contains("EncryptionInfo"))
            return CompoundFileKind.EncryptedWorkbook;
        if (names.Contains("Workbook") || names.Contains("Book"))
            return CompoundFileKind.OldExcelWorkbook;
        return names.Count == 0 ? CompoundFileKind.Unreadable : CompoundFileKind.OtherDocument;
    }

    private static HashSet<string> ReadNames(Stream stream)
    {
        var header = new byte[HeaderSize];
        Read(stream, 0, header);
        var sectorShift = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
        if (sectorShift is not (9 or 12))
            throw new InvalidDataException("not a compound file sector size");
        var sectorSize = 1 << sectorShift;
        var reader = new SectorReader(stream, header, sectorSize);

        var names = new HashSet<string>(StringComparer.Ordinal);
        var sector = new byte[sectorSize];
        var next = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(48));
        for (var count = 0; next <= MaxRegularSector && count < MaxDirectorySectors; count++)
        {
            reader.ReadSector(next, sector);
            for (var offset = 0; offset + DirectoryEntrySize <= sectorSize; offset += DirectoryEntrySize)
            {
                var nameBytes = BinaryPrimitives.ReadUInt16LittleEndian(sector.AsSpan(offset + 64));
                if (nameBytes is >= 2 and <= 64)
                    names.Add(Encoding.Unicode.GetString(sector, offset, nameBytes - 2));
            }
            next = reader.NextInChain(next);
        }
        return names;
    }

    private static void Read(Stream stream, long position, Span<byte> into)
    {
        stream.Position = position;
        stream.ReadExactly(into);
    }

    /// <summary>Sectors and FAT entries on demand: the FAT's sectors are listed in the header, then in a DIFAT chain.</summary>
    private sealed class SectorReader(Stream stream, byte[] header, int sectorSize)
    {
        private readonly byte[] _word = new byte[4];
        private readonly int _entriesPerSector = sectorSize / 4;

        public void ReadSector(uint sector, Span<byte> into) => Read(stream, ((long)sector + 1) * sectorSize, into);

        public uint NextInChain(uint sector)
        {
            var fatSector = FatSector((int)(sector / (uint)_entriesPerSector));
            return ReadWord(((long)fatSector + 1) * sectorSize + sector % (uint)_entriesPerSector * 4);
        }

        private uint FatSector(int index)
        {
            if (index < HeaderDifatEntries)
                return Regular(BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(76 + index * 4)));
            index -= HeaderDifatEntries;
            var difat = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(68));
            // Each DIFAT sector lists entriesPerSector - 1 FAT sectors, then the next DIFAT sector.
            for (var hops = 0; index >= _entriesPerSector - 1; hops++)
            {
                if (hops > MaxDirectorySectors)
                    throw new InvalidDataException("DIFAT chain too long");
                difat = ReadWord(((long)Regular(difat) + 1) * sectorSize + (_entriesPerSector - 1) * 4);
                index -= _entriesPerSector - 1;
            }
            return Regular(ReadWord(((long)Regular(difat) + 1) * sectorSize + index * 4));
        }

        private uint ReadWord(long position)
        {
            Read(stream, position, _word);
            return BinaryPrimitives.ReadUInt32LittleEndian(_word);
        }

        private static uint Regular(uint sector) =>
            sector <= MaxRegularSector ? sector : throw new InvalidDataException("chain ends where a sector was expected");
    }
}
