namespace AutoDialer.Core.Import;

/// <summary>What an OLE compound file holds, as far as a contact-list upload cares.</summary>
internal enum CompoundFileKind
{
    /// <summary>Its directory could not be read: an .xls workbook or an encrypted .xlsx, most likely.</summary>
    Unreadable,

    /// <summary>A <c>Workbook</c> (or, before Excel 97, <c>Book</c>) stream: an old binary .xls workbook.</summary>
    OldExcelWorkbook,

    /// <summary><c>EncryptionInfo</c> and <c>EncryptedPackage</c> streams: an .xlsx saved with a password to open it.</summary>
    EncryptedWorkbook,

    /// <summary>Some other document (a Word .doc, an Outlook message…).</summary>
    OtherDocument,
}
