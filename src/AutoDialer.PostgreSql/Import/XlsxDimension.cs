using System.IO.Compression;
using System.Xml;

namespace AutoDialer.PostgreSql.Import;

/// <summary>
/// The last row a workbook's first sheet says it has (its <c>&lt;dimension ref="A1:G1000001"/&gt;</c>), read from the
/// start of the sheet's XML only: progress for a workbook, whose bytes are not read in row order. Null when the sheet
/// does not say (some writers leave it out) or the workbook cannot be read this way: the reader proper reports that.
/// </summary>
internal static class XlsxDimension
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    public static int? LastRow(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (FirstSheetPath(zip) is not { } sheetPath || zip.GetEntry(sheetPath) is not { } sheet)
                return null;
            using var reader = XmlReader.Create(sheet.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreWhitespace = true });
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                if (reader.LocalName == "dimension")
                    return ParseLastRow(reader.GetAttribute("ref"));
                if (reader.LocalName == "sheetData")
                    return null;
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The first sheet in the workbook's order, through its relationship (the tab order, not the part's name).</summary>
    private static string? FirstSheetPath(ZipArchive zip)
    {
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } relationships)
            return null;
        string? id = null;
        using (var reader = XmlReader.Create(workbook.Open()))
            while (id is null && reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "sheet")
                    id = reader.GetAttribute("id", RelationshipsNamespace);
        if (id is null)
            return null;
        using (var reader = XmlReader.Create(relationships.Open()))
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Relationship" && reader.GetAttribute("Id") == id)
                {
                    var target = reader.GetAttribute("Target") ?? "";
                    return target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
        return null;
    }

    private static int? ParseLastRow(string? reference)
    {
        var last = reference?.Split(':')[^1] ?? "";
        var digits = last.AsSpan().TrimStart("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
        return int.TryParse(digits, System.Globalization.CultureInfo.InvariantCulture, out var row) && row > 0 ? row : null;
    }
}
