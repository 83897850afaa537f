using System.Globalization;
using AutoDialer.Cli;
using MiniExcelLibs;

namespace AutoDialer.Bench;

/// <summary>
/// The bench's list as an .xlsx workbook, written row by row with MiniExcel's streaming writer (memory stays flat):
/// the same records as the CSV, a phone of plain digits as a numeric cell (as Excel keeps a number typed into a
/// General cell), everything else as text.
/// </summary>
internal static class BenchWorkbook
{
    public static void Write(string path, SampleListGenerator generator, int rows)
    {
        var columns = SampleListGenerator.HeaderColumns;
        var phone = columns.ToList().IndexOf("手机号码");
        MiniExcel.SaveAs(path, generator.Records(rows).Select(record =>
        {
            var row = new Dictionary<string, object?>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
                row[columns[i]] = i == phone && IsPlainNumber(record[i]) ? long.Parse(record[i], CultureInfo.InvariantCulture) : record[i];
            return row;
        }), printHeader: true, excelType: ExcelType.XLSX, overwriteFile: true);
    }

    // Digits without a leading zero: what a spreadsheet stores as a number (a leading zero would be lost).
    private static bool IsPlainNumber(string text) =>
        text.Length is > 0 and <= 15 && text[0] != '0' && text.All(char.IsAsciiDigit);
}
