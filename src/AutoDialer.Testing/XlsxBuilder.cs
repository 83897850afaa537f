using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace AutoDialer.Testing;

/// <summary>
/// Writes small .xlsx workbooks cell by cell, laid out as Excel writes them (text through the shared-string table,
/// numbers and dates as numeric cells with a style), so a test can hold exactly the cells it is about. Rows are
/// written with their sheet row number (<c>r</c>), so gaps are real gaps.
/// </summary>
public sealed class XlsxBuilder
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    // cellXfs: 0 General, 1 numFmt 14 (a date), 2 numFmt 22 (date and time), 3 numFmt 49 "@" (text).
    private const string Styles = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{Main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""";

    private readonly List<(string Name, StringBuilder Rows, string? Dimension)> _sheets = [];
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);

    /// <summary>Starts a sheet; the first one started is the workbook's first tab.</summary>
    public XlsxBuilder Sheet(string name, string? dimension = null)
    {
        _sheets.Add((name, new StringBuilder(), dimension));
        return this;
    }

    public XlsxBuilder Row(int number, params string[] cells)
    {
        _sheets[^1].Rows.Append(CultureInfo.InvariantCulture, $"""<row r="{number}">""").AppendJoin("", cells).Append("</row>");
        return this;
    }

    /// <summary>Data rows 2, 3, … after a header in row 1, every cell text (shared strings).</summary>
    public XlsxBuilder Rows(IEnumerable<string[]> rows, int firstRow = 1)
    {
        var number = firstRow;
        foreach (var row in rows)
        {
            Row(number, row.Select((value, column) => value.Length == 0 ? "" : Text($"{Column(column)}{number}", value)).ToArray());
            number++;
        }
        return this;
    }

    /// <summary>A text cell through the shared-string table, as Excel writes one.</summary>
    public string Text(string cell, string text)
    {
        if (!_stringIndex.TryGetValue(text, out var index))
        {
            index = _strings.Count;
            _strings.Add(text);
            _stringIndex.Add(text, index);
        }
        return $"""<c r="{cell}" t="s"><v>{index}</v></c>""";
    }

    public static string InlineText(string cell, string text) => $"""<c r="{cell}" t="inlineStr"><is><t xml:space="preserve">{Escape(text)}</t></is></c>""";

    /// <summary>A numeric cell with its value as the XML has it (e.g. "13800138000", "1.38001E+10").</summary>
    public static string Number(string cell, string raw) => $"""<c r="{cell}"><v>{raw}</v></c>""";

    /// <summary>A date cell: the day's serial number (1900 system) styled as a date, or as a date and time.</summary>
    public static string Date(string cell, DateTime value) =>
        $"""<c r="{cell}" s="{(value.TimeOfDay == TimeSpan.Zero ? 1 : 2)}"><v>{(value - new DateTime(1899, 12, 30)).TotalDays.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}</v></c>""";

    public static string Boolean(string cell, bool value) => $"""<c r="{cell}" t="b"><v>{(value ? 1 : 0)}</v></c>""";

    public static string Column(int index)
    {
        var letters = "";
        for (index++; index > 0; index = (index - 1) / 26)
            letters = (char)('A' + (index - 1) % 26) + letters;
        return letters;
    }

    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            var types = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""");
            var workbook = new StringBuilder($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets>""");
            var rels = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
            for (var i = 0; i < _sheets.Count; i++)
            {
                var (name, rows, dimension) = _sheets[i];
                types.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>""");
                workbook.Append(CultureInfo.InvariantCulture, $"""<sheet name="{Escape(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
                rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i + 1}" Type="{Relationships}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml",
                    $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}" xmlns:r="{Relationships}">{(dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>")}<sheetData>{rows}</sheetData></worksheet>""");
            }
            types.Append("</Types>");
            workbook.Append("</sheets></workbook>");
            rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{_sheets.Count + 1}" Type="{Relationships}/styles" Target="styles.xml"/><Relationship Id="rId{_sheets.Count + 2}" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Part(zip, "[Content_Types].xml", types.ToString());
            Part(zip, "_rels/.rels", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part(zip, "xl/workbook.xml", workbook.ToString());
            Part(zip, "xl/_rels/workbook.xml.rels", rels.ToString());
            Part(zip, "xl/styles.xml", Styles);
            Part(zip, "xl/sharedStrings.xml",
                $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Main}" count="{_strings.Count}" uniqueCount="{_strings.Count}">{string.Concat(_strings.Select(s => $"<si><t xml:space=\"preserve\">{Escape(s)}</t></si>"))}</sst>""");
        }
        return memory.ToArray();
    }

    private static void Part(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}
