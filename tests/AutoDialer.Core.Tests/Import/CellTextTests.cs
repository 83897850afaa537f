using System.Globalization;
using AutoDialer.Core.Import;

namespace AutoDialer.Core.Tests.Import;

public sealed class CellTextTests
{
    [Theory]
    [InlineData(13800138000d, "13800138000")]             // a mobile typed as a number
    [InlineData(13800138000.000002d, "13800138000")]      // 17 digits in the XML, 15 in Excel
    [InlineData(43357.200000000004d, "43357.2")]          // a float artefact
    [InlineData(1.38001E+10d, "13800100000")]             // digits already lost in the file: what Excel shows
    [InlineData(1E-7d, "0.0000001")]                      // never an exponent
    [InlineData(1.10101199003071E+17d, "110101199003071000")]
    [InlineData(-1.5d, "-1.5")]
    [InlineData(0d, "0")]
    [InlineData(1.2345678901234567E+30d, "1.23456789012346E+30")] // past decimal's range: 15 significant digits
    public void Numbers_read_as_excel_shows_them_with_no_exponent_and_no_float_artefacts(double value, string expected) =>
        Assert.Equal(expected, CellText.Of(value));

    [Fact]
    public void Numbers_do_not_take_the_current_cultures_decimal_comma()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("1234.5", CellText.Of(1234.5d));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    public static TheoryData<object?, string> Values => new()
    {
        { null, "" },
        { " 张三 ", " 张三 " },
        { true, "TRUE" },
        { false, "FALSE" },
        { new DateTime(2024, 3, 5), "2024-03-05" },
        { new DateTime(2024, 3, 5, 13, 0, 0), "2024-03-05 13:00:00" },
        { new DateTime(2024, 3, 5, 12, 59, 59, 999), "2024-03-05 13:00:00" }, // 13:00 as a fraction of a day comes back just short
        { new TimeSpan(9, 30, 0), "09:30:00" },
        { 12.50m, "12.50" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Other_cells_read_as_a_csv_export_has_them(object? value, string expected) =>
        Assert.Equal(expected, CellText.Of(value));
}
